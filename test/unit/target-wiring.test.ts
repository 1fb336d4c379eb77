// The target wired through the lab: config resolution (plan section, compose
// import, flags), the trial spec a target makes, the workers stage's
// configurations and their memory, and what older results read as.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveLabConfig, resolveLabPlan } from '../../scripts/lib/plan/resolve-lab-config.ts';
import { makeTrial, serverLabel, type TrialOptions } from '../../scripts/lib/plan/make-trial.ts';
import { setupMemory, workerConfigs } from '../../scripts/lib/plan/worker-configs.ts';
import { estimateRun } from '../../scripts/lib/plan/estimate-run.ts';
import { DEMO_TARGET, demoTarget, imageTarget } from '../../scripts/lib/target/demo-target.ts';
import { apiKey } from '../../scripts/lib/trial/api-session.ts';
import { fillTargetFields } from '../../scripts/lib/results/fill-target-fields.ts';
import { formatNotice } from '../../scripts/lib/cli/format-event.ts';
import { probeOnce, tcpOpen } from '../../scripts/lib/docker/wait-healthy.ts';
import { API_IMAGE } from '../../scripts/lib/docker/lab-images.ts';
import { LabError } from '../../scripts/lib/errors.ts';
import type { Target } from '../../scripts/lib/target/types.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtureDir = path.join(repoRoot, 'test/fixtures/targets/node-score');
const seedCompose = path.join(repoRoot, 'test/fixtures/targets/seed/docker-compose.yml');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'target-wiring-'));
const planFile = (name: string, text: string) => {
  const file = path.join(tmp, name);
  writeFileSync(file, text);
  return file;
};

async function refusal(fn: () => Promise<unknown>): Promise<LabError> {
  try {
    await fn();
  } catch (err) {
    assert.instance(err, LabError);
    return err as LabError;
  }
  throw new Error('expected a refusal');
}

const options = (target: Target, o: Partial<TrialOptions> = {}): TrialOptions => ({
  id: 'x', stage: 'sweep', target, cpus: 1, memoryMb: 512, users: 10, spawnRate: 5, runTimeS: 20, healthTimeoutS: 60, warmup: true, locustfile: 'locust/locustfile.py', ...o,
});

test('without a target the lab tests the demo, its model at the profile\'s (or --model-mb) size', async () => {
  const smoke = await resolveLabConfig({ profile: 'smoke' });
  assert.is(smoke.target.name, 'demo');
  assert.is(smoke.target.env.MODEL_MB, '64');
  assert.is(smoke.target.port, 8000);
  assert.is((await resolveLabConfig({ profile: 'smoke', 'model-mb': '96' })).target.env.MODEL_MB, '96');
  assert.is((await resolveLabConfig({ profile: 'quick' })).target.env.MODEL_MB, '1100');
});

test("the fixture's plan file is its target, paths from the plan's folder, the rest of the plan merged", async () => {
  const c = await resolveLabConfig({ profile: 'smoke', plan: path.join(fixtureDir, 'target.yaml') });
  assert.is(c.target.name, 'node-score');
  assert.is(c.target.port, 9090);
  assert.equal(c.target.health, { kind: 'http', path: '/healthz', status: 200, timeoutS: 30 });
  assert.is(c.target.locust.file, path.join(fixtureDir, 'locustfile.py'));
  assert.is(c.target.image.build!.context, fixtureDir);
  assert.is(c.profile, 'smoke');
});

test('--image, --port and --health-path change the target; tcp waits only for the port', async () => {
  const c = await resolveLabConfig({ profile: 'smoke', image: 'my/api:1.2', port: '9000', 'health-path': '/ready' });
  assert.is(c.target.image.ref, 'my/api:1.2');
  assert.is(c.target.image.build, null);
  assert.is(c.target.port, 9000);
  assert.equal(c.target.health, { kind: 'http', path: '/ready', status: 200, timeoutS: null });
  // The user's image keeps the lab's locustfile unless told otherwise, and has no setups to compare.
  assert.is(c.target.locust.file, DEMO_TARGET.locust.file);
  assert.equal(c.target.setups, []);
  assert.equal((await resolveLabConfig({ profile: 'smoke', image: 'my/api:1.2', 'health-path': 'tcp' })).target.health, { kind: 'tcp', timeoutS: null });
  // The demo's own images stay the demo target.
  const optimized = await resolveLabConfig({ profile: 'smoke', image: 'optimized' });
  assert.is(optimized.target.image.ref, API_IMAGE.optimized);
  assert.is(optimized.target.setups.length, DEMO_TARGET.setups.length);
  assert.match((await refusal(() => resolveLabConfig({ profile: 'smoke', port: '0' }))).message, /port/);
});

test("--compose-file --service: the seed's service, with a notice for each field set aside, for the entry script to print", async () => {
  const { config, notices } = await resolveLabPlan({ profile: 'smoke', 'compose-file': seedCompose, service: 'api', locustfile: 'locust/locustfile.py' });
  assert.is(config.target.image.ref, 'jrpenagu/fast-api-mlflow:latest');
  assert.equal(config.target.command, ['uv', 'run', 'uvicorn', 'main:app', '--host', '0.0.0.0', '--port', '8000']);
  assert.equal(config.target.networks, ['proyecto-2_default']);
  assert.is(config.target.locust.file, 'locust/locustfile.py');
  const lines = notices.map(formatNotice);
  assert.ok(lines.some((l) => /^compose: refused services\.api\.deploy\.resources\.limits\.memory \(500G\): /.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /^compose: ignored services\.api\.container_name/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /^compose: ignored services\.api\.ports/.test(l)), lines.join('\n'));
  // The same notices, as data, reach the result (the plan) for the report: kinds and fields, not sentences.
  assert.is(config.targetImport!.file, seedCompose);
  assert.is(config.targetImport!.service, 'api');
  assert.equal(config.targetImport!.notices.map((n) => `${n.kind} ${n.field} ${n.value}`).filter((n) => /500G|container_name|ports|networks \w/.test(n)), [
    'noted services.api.networks proyecto-2_default',
    'ignored services.api.container_name api-inferencia',
    'ignored services.api.ports ["8000:8000"]',
    'refused services.api.deploy.resources.limits.memory 500G',
  ]);
  assert.not.ok('message' in config.targetImport!.notices[0]!);
  assert.is((await resolveLabConfig({ profile: 'smoke' })).targetImport, undefined);
});

test('--service alone, or a plan target with --compose-file, is refused with the fix', async () => {
  assert.match((await refusal(() => resolveLabConfig({ profile: 'smoke', service: 'api' }))).hint!, /--compose-file/);
  const e = await refusal(() => resolveLabConfig({ profile: 'smoke', plan: path.join(fixtureDir, 'target.yaml'), 'compose-file': seedCompose, service: 'api' }));
  assert.match(e.message, /Both a plan file target: section and --compose-file/);
});

test('a compose target with no traffic described is refused before anything starts', async () => {
  const e = await refusal(() => resolveLabConfig({ profile: 'smoke', 'compose-file': seedCompose, service: 'api' }));
  assert.match(e.message, /locust/);
});

test('a plan target with a bad field names the field in the plan file', async () => {
  const file = planFile('bad.yaml', 'target:\n  image: my/api:1\n  port: 9000\n  colour: blue\n');
  assert.match((await refusal(() => resolveLabConfig({ profile: 'smoke', plan: file }))).message, /bad\.yaml: target\.colour: unknown key/);
});

test("a trial of a target: its port, health check, networks, environment and warm-up (method, body from its file)", async () => {
  const { target } = await resolveLabConfig({ profile: 'smoke', plan: path.join(fixtureDir, 'target.yaml'), network: 'shared' });
  const spec = makeTrial({ ...options(target), networks: ['shared'], locustEnv: { LOCUST_WAIT_MIN: '1', LOCUST_WAIT_MAX: '2' } }, repoRoot);
  assert.is(spec.port, 9090);
  assert.equal(spec.health, { kind: 'http', path: '/healthz', status: 200 });
  assert.equal(spec.networks, ['shared']);
  assert.is(spec.image, 'locust-lab-test/node-score:latest');
  assert.equal(spec.command, ['node', '/srv/server.cjs', '--port', '9090']);
  assert.is(spec.env.BALLAST_MB, '96');
  assert.is(spec.warmup!.method, 'POST');
  assert.is(spec.warmup!.path, '/score');
  assert.ok(spec.warmup!.body && typeof spec.warmup!.body === 'object');
  // The target's own Locust environment wins over the plan's wait times; its health bound over the profile's.
  assert.is(spec.locustEnv.LOCUST_WAIT_MIN, '0.2');
  assert.is(spec.healthTimeoutS, 30);
  assert.match(spec.label, /^node-score · node · 1 CPU/);
  // No warm-up asked, or none described: none sent.
  assert.is(makeTrial(options(target, { warmup: false }), repoRoot).warmup, null);
  assert.is(makeTrial(options(imageTarget('my/api:1')), repoRoot).warmup, null);
});

test("the demo as a target makes today's demo trial", () => {
  const spec = makeTrial(options(demoTarget(64)), repoRoot);
  assert.is(spec.image, API_IMAGE.baseline);
  assert.equal(spec.command, ['python3', '-m', 'uvicorn', 'main:app', '--host', '0.0.0.0', '--port', '8000']);
  assert.equal(spec.env, { MODEL_MB: '64' });
  assert.is(spec.port, 8000);
  assert.equal(spec.health, { kind: 'http', path: '/health', status: 200 });
  assert.equal(spec.warmup!.method, 'POST');
  assert.is(spec.warmup!.path, '/predict');
  assert.equal(spec.networks, []);
  assert.match(spec.label, /^baseline · uvicorn · /);
  // An image with no command of its own in the target runs its CMD: the compose file then has none.
  assert.equal(makeTrial(options(imageTarget('my/api:1')), repoRoot).command, []);
  assert.is(serverLabel({ kind: 'command', argv: [] }), 'image CMD');
  assert.is(serverLabel({ kind: 'command', argv: ['uv', 'run', 'uvicorn', 'main:app'] }), 'uvicorn');
});

test('two trials share a running API only with the same port, health check and networks', () => {
  const spec = makeTrial(options(demoTarget(64)), repoRoot);
  assert.is(apiKey(spec), apiKey({ ...spec, users: 50, runTimeS: 99 }));
  assert.is.not(apiKey(spec), apiKey({ ...spec, port: 9000 }));
  assert.is.not(apiKey(spec), apiKey({ ...spec, health: { kind: 'tcp' } }));
  assert.is.not(apiKey(spec), apiKey({ ...spec, networks: ['proyecto-2_default'] }));
});

test("workers: the target's setups × workers × CPU limits, the demo's six with today's ids", () => {
  const mem = { floorMb: null, headroom: 0.15, stepMb: 32, baseMemoryMb: 320, perWorkerMb: 224 };
  const demo = workerConfigs(demoTarget(64), [1], mem);
  assert.equal(demo.map((k) => k.configId), [
    'baseline-uvicorn-w1-1cpu', 'baseline-uvicorn-w2-1cpu', 'baseline-gunicorn-w2-1cpu',
    'optimized-uvicorn-w1-1cpu', 'optimized-uvicorn-w2-1cpu', 'optimized-gunicorn-w2-1cpu',
  ]);
  assert.equal(demo.map((k) => [k.variant, k.server, k.workers]).slice(0, 3), [['baseline', 'uvicorn', 1], ['baseline', 'uvicorn', 2], ['baseline', 'gunicorn', 2]]);
  assert.equal(demo[2]!.command, ['gunicorn', '-k', 'uvicorn.workers.UvicornWorker', '-w', '2', '-b', '0.0.0.0:8000', 'main:app']);
  assert.is(demo[4]!.image, API_IMAGE.optimized);
  assert.equal(demo.map((k) => k.memoryMb).slice(0, 3), [320, 544, 544]);
  assert.ok(demo.every((k) => k.memorySource === 'plan'));

  const node: Target = { ...imageTarget('t/node:1'), port: 9090, setups: [{ name: 'cluster', image: null, command: ['node', 's.cjs', '--port', '{port}', '--workers', '{workers}'], workers: [1, 2] }] };
  const configs = workerConfigs(node, [0.5, 1], { ...mem, floorMb: 160 });
  assert.equal(configs.map((k) => k.configId), ['cluster-w1-0_5cpu', 'cluster-w1-1cpu', 'cluster-w2-0_5cpu', 'cluster-w2-1cpu']);
  assert.equal(configs[2]!.command, ['node', 's.cjs', '--port', '9090', '--workers', '2']);
  // 160 × 2 × 1.15 = 368, a multiple of 32 already; 160 × 1.15 = 184 → 192.
  assert.equal(configs.map((k) => k.memoryMb), [192, 192, 384, 384]);
  assert.ok(configs.every((k) => k.memorySource === 'floor'));
  assert.equal(workerConfigs(imageTarget('t/x:1'), [1], mem), []);
});

test('setup memory: floor × processes with headroom, rounded up; a fixed command is one process', () => {
  const m = { floorMb: 224, headroom: 0.15, stepMb: 32, baseMemoryMb: 320, perWorkerMb: 224 };
  const scaled = { command: ['srv', '-w', '{workers}'] };
  assert.equal(setupMemory(scaled, 1, m), { memoryMb: 288, source: 'floor' });
  assert.equal(setupMemory(scaled, 2, m), { memoryMb: 544, source: 'floor' });
  assert.equal(setupMemory({ command: ['srv'] }, 2, m), { memoryMb: 288, source: 'floor' });
  assert.equal(setupMemory(scaled, 3, { ...m, floorMb: null }), { memoryMb: 768, source: 'plan' });
});

test('the estimate counts no worker trials for a target without setups', async () => {
  const c = await resolveLabConfig({ profile: 'smoke', image: 'my/api:1' });
  assert.equal(estimateRun(c).find((e) => e.stage === 'workers'), { stage: 'workers', trials: 0, seconds: 0 });
  assert.is(estimateRun(await resolveLabConfig({ profile: 'smoke' })).find((e) => e.stage === 'workers')!.trials, 6);
});

test('results written before the target read as the demo: port 8000, GET /health, network as a list', () => {
  const data = { trials: [{ spec: { id: 'a', network: 'proyecto-2_default' } }, { spec: { id: 'b', network: null } }, { spec: { id: 'c', networks: ['x'], port: 9090, health: { kind: 'tcp' } } }] };
  fillTargetFields(data);
  assert.equal(data.trials.map((t) => t.spec), [
    { id: 'a', networks: ['proyecto-2_default'], port: 8000, health: { kind: 'http', path: '/health', status: 200 } },
    { id: 'b', networks: [], port: 8000, health: { kind: 'http', path: '/health', status: 200 } },
    { id: 'c', networks: ['x'], port: 9090, health: { kind: 'tcp' } },
  ]);
});

test('health probes: the expected status, not any 2xx; TCP needs a listener', async () => {
  const server: Server = createServer((req, res) => {
    res.statusCode = req.url === '/ready' ? 204 : req.url === '/healthz' ? 200 : 404;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const at = { baseUrl: `http://127.0.0.1:${port}`, tcp: [`127.0.0.1:${port}`] };
  try {
    assert.ok(await probeOnce({ kind: 'http', path: '/healthz', status: 200 }, at));
    assert.ok(await probeOnce({ kind: 'http', path: '/ready', status: 204 }, at));
    assert.not.ok(await probeOnce({ kind: 'http', path: '/ready', status: 200 }, at));
    assert.not.ok(await probeOnce({ kind: 'http', path: '/health', status: 200 }, at));
    assert.ok(await probeOnce({ kind: 'tcp' }, at));
    assert.not.ok(await probeOnce({ kind: 'tcp' }, { ...at, tcp: [] }));
  } finally {
    await new Promise((r) => server.close(r));
  }
  assert.not.ok(await tcpOpen(`127.0.0.1:${port}`));
});

test.run();
