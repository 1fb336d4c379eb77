import { test } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importCompose, importComposeFile, containerPorts, type ImportNotice } from '../../scripts/lib/target/import-compose.ts';
import { checkTarget } from '../../scripts/lib/target/check-target.ts';
import { LabError } from '../../scripts/lib/errors.ts';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/compose');
const fixture = (name: string) => path.join(dir, name);
// The workshop's own file sits with the other targets (the manual seed check in the README runs it).
const seedFile = path.resolve(dir, '../targets/seed/docker-compose.yml');
const GiB = 1024 ** 3;
const notice = (notices: ImportNotice[], field: string) => {
  const found = notices.filter((n) => n.field === field);
  assert.ok(found.length, `a notice for ${field}; got ${notices.map((n) => n.field).join(', ')}`);
  return found;
};

test("the seed's compose file, exactly as the workshop prints it, imports with a notice for every field set aside", () => {
  // The file is the workshop's text verbatim, typo included.
  assert.match(readFileSync(seedFile, 'utf8'), /memory: 500G/);
  const { target, notices } = importComposeFile(seedFile, 'api', { hostMemoryBytes: 24 * GiB });
  assert.is(target.image.ref, 'jrpenagu/fast-api-mlflow:latest');
  assert.is(target.image.build, null);
  assert.equal(target.command, ['uv', 'run', 'uvicorn', 'main:app', '--host', '0.0.0.0', '--port', '8000']);
  assert.is(target.port, 8000);
  assert.equal(target.networks, ['proyecto-2_default']);
  assert.equal(target.health, { kind: 'tcp', timeoutS: null }, 'no healthcheck in the file: the lab does not guess a route');

  const [memory] = notice(notices, 'services.api.deploy.resources.limits.memory');
  assert.is(memory!.kind, 'refused');
  assert.is(memory!.value, '500G');
  assert.match(memory!.message, /500G reads as 500 GiB, and this host has 24 GiB, so the value is refused \(500M was probably meant\); the lab's own limits apply/);
  assert.is(notice(notices, 'services.api.deploy.resources.limits.cpus')[0]!.kind, 'ignored');
  assert.match(notice(notices, 'services.api.container_name')[0]!.message, /^Ignored: the lab names each trial's containers/);
  assert.match(notice(notices, 'services.api.ports')[0]!.message, /^Ignored: the lab publishes the API on a loopback port/);
  assert.is(notice(notices, 'services.api.restart')[0]!.kind, 'ignored');
  assert.match(notice(notices, 'services.api.networks')[0]!.message, /joins proyecto-2_default/);
  assert.match(notice(notices, 'services.locust')[0]!.message, /Not started.*--locustfile/);
  assert.match(notice(notices, 'services.api.healthcheck')[0]!.message, /no healthcheck.*port 8000 accepts connections/);

  // Its command gives the workers stage something to compare, launcher kept.
  assert.equal(target.setups, [{ name: 'uv-uvicorn', image: null, command: ['uv', 'run', 'uvicorn', 'main:app', '--host', '0.0.0.0', '--port', '{port}', '--workers', '{workers}'], workers: [1, 2] }]);
  // Everything but the traffic is a valid target; the traffic comes from --locustfile.
  assert.throws(() => checkTarget(target), /target\.locust: has no locustfile/);
  checkTarget({ ...target, locust: { ...target.locust, file: 'locust/locustfile.py' } });
});

test('without the host size a limit of 100 GiB or more is still refused as a typo', () => {
  const { notices } = importComposeFile(seedFile, 'api');
  const [memory] = notice(notices, 'services.api.deploy.resources.limits.memory');
  assert.is(memory!.kind, 'refused');
  assert.match(memory!.message, /no host the lab runs on has that much/);
});

test('env_file is read next to the compose file; environment (a mapping) wins; long port syntax; a curl healthcheck becomes an HTTP check', () => {
  const { target, notices } = importComposeFile(fixture('map-env-long-ports.yml'), 'scorer', { hostMemoryBytes: 24 * GiB });
  assert.equal(target.env, {
    BALLAST_MB: '96', SHARED: 'from-environment', GREETING: 'hello # not a comment', QUOTED: 'single $literal', TRAILING: 'value',
    WORK_MS: '5', DEBUG: 'true', LOG_LEVEL: 'info',
  });
  assert.match(notice(notices, 'services.scorer.environment.API_TOKEN')[0]!.message, /no value in the file.*target\.env/);
  assert.match(notice(notices, 'services.scorer.env_file[1]')[0]!.message, /optional \(required: false\)/);
  assert.is(target.port, 9090);
  assert.equal(target.health, { kind: 'http', path: '/healthz', status: 200, timeoutS: null });
  assert.match(notice(notices, 'services.scorer.healthcheck')[0]!.value!, /interval: 10s, retries: 3/);
  assert.equal(target.image.build, { context: path.join(dir, 'scorer'), dockerfile: 'Dockerfile.prod', args: { NODE_VERSION: '18' } });
  assert.is(target.image.ref, 'locust-lab/target-scorer:latest');
  assert.is(notice(notices, 'services.scorer.image')[0]!.kind, 'assumed');
  assert.equal(target.networks, ['team-shared_default'], 'the external network by its engine name');
  assert.match(notice(notices, 'networks.backend')[0]!.message, /not external/);
  assert.match(notice(notices, 'services.scorer.depends_on')[0]!.message, /starts only scorer; cache must already be running on team-shared_default/);
  assert.match(notice(notices, 'services.scorer.volumes')[0]!.message, /Not mounted/);
  assert.is(target.command, null, 'no command: the image CMD');
  assert.equal(target.setups, []);
  assert.is(target.name, 'scorer');
});

test('a missing required env_file is an error naming the file', () => {
  const text = 'services:\n  api:\n    image: me/api\n    env_file: nowhere.env\n';
  const err = (() => { try { importCompose(text, 'api', { composeFile: path.join(dir, 'x.yml') }); } catch (e) { return e as LabError; } return null; })();
  assert.instance(err, LabError);
  assert.match(err!.message, /services\.api\.env_file\[0\]: cannot read .*nowhere\.env \(ENOENT\)/);
});

test('environment as a list; short ports with host IP and protocol; a gunicorn command list; a wget healthcheck; mem_limit', () => {
  const { target, notices } = importComposeFile(fixture('list-env-short-ports.yml'), 'api', { hostMemoryBytes: 24 * GiB });
  assert.equal(target.env, { DATABASE_URL: 'postgres://u@db/x?sslmode=disable', EQUALS: 'a=b', MODEL_URI: '${MODEL_URI}' });
  assert.match(notice(notices, 'services.api.environment[2]')[0]!.message, /FROM_SHELL has no value/);
  assert.match(notice(notices, 'services.api.environment[3]')[0]!.message, /kept as written/);
  assert.is(target.port, 8080, 'from --bind, which agrees with the container side of 127.0.0.1:8080:8080/tcp');
  assert.match(notice(notices, 'services.api.ports').find((n) => n.kind === 'noted')!.message, /tests port 8080.*9100 is not used/);
  assert.equal(target.health, { kind: 'http', path: '/ready?deep=1', status: 200, timeoutS: null });
  const [mem] = notice(notices, 'services.api.mem_limit');
  assert.is(mem!.kind, 'ignored');
  assert.match(mem!.message, /Ignored \(1\.5 GiB\)/);
  assert.is(notice(notices, 'services.api.cpus')[0]!.kind, 'ignored');
  assert.equal(target.setups[0]!.command, ['gunicorn', '-k', 'uvicorn.workers.UvicornWorker', '--timeout', '120', '-w', '{workers}', '-b', '0.0.0.0:{port}', 'app.main:app']);
  assert.is(target.name, 'api');
  checkTarget({ ...target, locust: { ...target.locust, file: 'locustfile.py' } });
});

test('a healthcheck that is not curl or wget falls back to TCP and says why; quoted command words stay whole', () => {
  const { target, notices } = importComposeFile(fixture('python-healthcheck.yml'), 'api');
  assert.equal(target.command, ['sh', '-c', 'python3 -m http.server "$PORT" --bind 0.0.0.0', '&&', 'echo', 'done']);
  assert.is(target.port, 7000, 'from expose');
  assert.is(target.health.kind, 'tcp');
  assert.match(notice(notices, 'services.api.healthcheck.test')[0]!.message, /does not call curl or wget/);
  assert.ok(notices.some((n) => /&& reach the program as plain arguments/.test(n.message)));
});

test('curl of another host or port is not the API being ready', () => {
  const yaml = (t: string) => `services:\n  api:\n    image: me/api\n    ports: ["8000:8000"]\n    healthcheck:\n      test: ${t}\n`;
  const health = (t: string) => importCompose(yaml(t), 'api', { composeFile: 'c.yml' });
  assert.match(health('curl -f http://mlflow:5000/health').notices.find((n) => n.field.endsWith('healthcheck.test'))!.message, /asks mlflow/);
  assert.match(health('["CMD", "curl", "http://localhost:9000/health"]').notices.find((n) => n.field.endsWith('healthcheck.test'))!.message, /port 9000, not the API's port 8000/);
  assert.equal(health('["CMD-SHELL", "wget -qO- http://0.0.0.0:8000/ || exit 1"]').target.health, { kind: 'http', path: '/', status: 200, timeoutS: null });
  assert.is(health('["NONE"]').target.health.kind, 'tcp');
});

test('an unknown service is an error listing the services', () => {
  assert.throws(() => importComposeFile(seedFile, 'inference-api'), (err: LabError) =>
    /has no service "inference-api"/.test(err.message) && /one of: api, locust/.test(err.hint!));
});

test('a network not declared at the top level, and YAML that does not parse, are errors', () => {
  assert.throws(() => importCompose('services:\n  api:\n    image: x\n    networks: [nope]\n', 'api', { composeFile: 'c.yml' }), /"nope" is not declared/);
  assert.throws(() => importCompose('services:\n  api: [1\n', 'api', { composeFile: 'c.yml' }), /c\.yml is not valid YAML/);
  assert.throws(() => importCompose('services:\n  api:\n    container_name: x\n', 'api', { composeFile: 'c.yml' }), /neither image nor build/);
});

test('container ports: short, long, ranges, IPv6 host, UDP left out', () => {
  assert.equal(containerPorts(['8000:8000', '127.0.0.1:8001:8002/tcp', '[::1]:9000:9001', '3000-3001:4000-4001', 8080, { target: 7000 }, '53:53/udp', { target: 54, protocol: 'udp' }], 'p'),
    [8000, 8002, 9001, 4000, 8080, 7000]);
  assert.equal(containerPorts(['127.0.0.1::8000'], 'p'), [8000]);
});

test.run();
