import { test } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { readTarget } from '../../scripts/lib/target/read-target.ts';
import { checkTarget } from '../../scripts/lib/target/check-target.ts';
import { setupTemplate } from '../../scripts/lib/target/demo-target.ts';
import { parsePlanYaml } from '../../scripts/lib/plan/parse-plan-yaml.ts';

const base = '/plans';

test('shorthands and defaults: image as a string, a shell-string command, TCP health, no setups', () => {
  const t = readTarget(parsePlanYaml(`
image: JRPenagu/API:latest
command: uv run uvicorn main:app --host 0.0.0.0 --port "8000"
networks: proyecto-2_default
locust:
  request:
    path: /predict
    body:
      kind: openapi
      apiPath: /openapi.json
`, 'p.yaml'), base);
  assert.is(t.name, 'api');
  assert.equal(t.image, { ref: 'JRPenagu/API:latest', build: null });
  assert.equal(t.command, ['uv', 'run', 'uvicorn', 'main:app', '--host', '0.0.0.0', '--port', '8000']);
  assert.is(t.port, 8000);
  assert.equal(t.health, { kind: 'tcp', timeoutS: null });
  assert.equal(t.networks, ['proyecto-2_default']);
  assert.equal(t.locust.request, { method: 'POST', path: '/predict', body: { kind: 'openapi', file: null, apiPath: '/openapi.json' }, thinkTimeS: { min: 1, max: 2 } });
  assert.equal(t.setups, []);
  // The reader takes the shape; validation judges the values.
  assert.throws(() => checkTarget(t), /target\.image\.ref: "JRPenagu\/API:latest" is not an image reference/);
});

test('relative paths start at the plan file\'s folder; a health path means an HTTP check', () => {
  const t = readTarget({ image: { ref: 'me/api', build: { context: '../app' } }, health: { path: '/ready' }, warmup: { path: '/x', bodyFile: 'b.json' }, locust: { file: 'lf.py' } }, base);
  assert.is(t.image.build!.context, path.resolve('/app'));
  assert.is(t.warmup!.bodyFile, '/plans/b.json');
  assert.is(t.warmup!.method, 'POST', 'a warm-up with a body defaults to POST');
  assert.is(t.locust.file, '/plans/lf.py');
  assert.equal(t.health, { kind: 'http', path: '/ready', status: 200, timeoutS: null });
});

test('setups from built-in templates or own commands', () => {
  const t = readTarget({ image: 'me/api', setups: [{ template: 'gunicorn', app: 'svc:app', workers: [2, 4] }, { name: 'mine', command: 'hypercorn svc:app --workers {workers} -b 0.0.0.0:{port}' }] }, base);
  assert.equal(t.setups[0], { name: 'gunicorn', image: null, command: setupTemplate('gunicorn', 'svc:app'), workers: [2, 4] });
  assert.equal(t.setups[1], { name: 'mine', image: null, command: ['hypercorn', 'svc:app', '--workers', '{workers}', '-b', '0.0.0.0:{port}'], workers: [1, 2] });
});

test('unknown keys and values of the wrong kind are refused with their path', () => {
  assert.throws(() => readTarget({ image: 'x', helth: {} }, base), /target\.helth: unknown key/);
  assert.throws(() => readTarget({ image: 'x', health: { kind: 'grpc' } }, base), /target\.health\.kind: "grpc" is not a health check kind/);
  assert.throws(() => readTarget({ image: 'x', port: 'eighty' }, base), /target\.port: expected a number/);
  assert.throws(() => readTarget({}, base), /target\.image: expected a mapping/);
  assert.throws(() => readTarget({ image: 'x', env: { A: { b: 1 } } }, base), /target\.env\.A: expected a value/);
  assert.throws(() => readTarget({ image: 'x', setups: [{ template: 'waitress' }] }, base), /target\.setups\[0\]\.template: "waitress" is not a built-in template/);
  assert.throws(() => readTarget({ image: 'x', warmup: { method: 'FETCH', path: '/' } }, base), /target\.warmup\.method: "FETCH"/);
  assert.throws(() => readTarget({ image: 'x', command: 'sh -c "oops' }, base), /target\.command: the " opened at character 7 of .+ is never closed/);
  assert.throws(() => readTarget({ image: 'x', locust: { request: { path: '/', body: { kind: 'yaml' } } } }, base), /body\.kind: "yaml" is not a body source/);
});

test.run();
