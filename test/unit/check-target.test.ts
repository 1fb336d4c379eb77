import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkTarget, targetProblems } from '../../scripts/lib/target/check-target.ts';
import { DEMO_TARGET } from '../../scripts/lib/target/demo-target.ts';
import { LabError } from '../../scripts/lib/errors.ts';
import type { Target } from '../../scripts/lib/target/types.ts';

const ok: Target = structuredClone(DEMO_TARGET);
const with_ = (change: (t: Target) => void): Target => {
  const t = structuredClone(ok);
  change(t);
  return t;
};
/** The one problem a change causes: its field, message and hint. */
const only = (t: Target) => {
  const problems = targetProblems(t);
  assert.is(problems.length, 1, problems.map((p) => p.message).join('\n'));
  return problems[0]!;
};

test('the demo target is valid', () => {
  assert.equal(targetProblems(ok), []);
  checkTarget(ok);
});

test('every bad field gets an error naming the field and the fix', () => {
  const cases: [string, (t: Target) => void, RegExp, RegExp][] = [
    ['target.name', (t) => { t.name = 'My API'; }, /"My API" is not a valid name/, /lowercase letters/],
    ['target.image.ref', (t) => { t.image.ref = 'JRPenagu/Fast API'; }, /not an image reference \(the repository part must be lowercase\)/, /without spaces/],
    ['target.image.ref', (t) => { t.image.ref = ''; }, /is empty/, /jrpenagu\/fast-api-mlflow:latest/],
    ['target.image.build.context', (t) => { t.image.build!.context = ' '; }, /is empty/, /folder to build from/],
    ['target.port', (t) => { t.port = 70000; }, /70000 is not a TCP port/, /1 to 65535/],
    ['target.port', (t) => { t.port = 80.5; }, /80\.5 is not a TCP port/, /whole number/],
    ['target.health.path', (t) => { t.health = { kind: 'http', path: 'healthz', status: 200, timeoutS: null }; }, /"healthz" does not start with "\/"/, /e\.g\. \/healthz/],
    ['target.health.status', (t) => { t.health = { kind: 'http', path: '/health', status: 2000, timeoutS: null }; }, /2000 is not an HTTP status/, /100 to 599/],
    ['target.health.timeoutS', (t) => { t.health = { kind: 'tcp', timeoutS: 0 }; }, /0 s is outside 1-3600 s/, /every wait in the lab has one/],
    ['target.command', (t) => { t.command = []; }, /is empty/, /leave command out to keep the image's CMD/],
    ['target.command', (t) => { t.command = ['uvicorn', '--workers', '{workers}']; }, /uses \{workers\}, which the lab fills only in setups' commands/, /target\.setups/],
    ['target.env.1BAD', (t) => { t.env = { '1BAD': 'x' }; }, /"1BAD" is not a valid variable name/, /letters, digits and underscores/],
    ['target.env.MODEL_MB', (t) => { t.env = { MODEL_MB: 64 as unknown as string }; }, /value is a number, not a string/, /MODEL_MB: "64"/],
    ['target.networks[0]', (t) => { t.networks = ['-bad net']; }, /"-bad net" is not a Docker network name/, /docker network ls/],
    ['target.networks', (t) => { t.networks = ['a', 'a']; }, /"a" is listed twice/, /once/],
    ['target.warmup.method', (t) => { t.warmup!.method = 'post' as 'POST'; }, /"post" is not an HTTP method/, /upper case/],
    ['target.warmup.bodyFile', (t) => { t.warmup!.method = 'GET'; }, /a GET request carries no body/, /drop bodyFile/],
    ['target.warmup.timeoutS', (t) => { t.warmup!.timeoutS = 9000; }, /outside 1-600 s/, /seconds/],
    ['target.locust.file', (t) => { t.locust.file = 'load/test.js'; }, /not a \.py file/, /\.py/],
    ['target.locust', (t) => { t.locust.file = null; t.locust.request = null; }, /no locustfile and no request/, /locust\.request with a method and path/],
    ['target.locust.env.LOCUST-X', (t) => { t.locust.env = { 'LOCUST-X': '1' }; }, /not a valid variable name/, /underscores/],
    ['target.locust.request.path', (t) => { t.locust.request!.path = '/items/{item_id}'; }, /has a path parameter/, /\/items\/1/],
    ['target.locust.request.thinkTimeS', (t) => { t.locust.request!.thinkTimeS = { min: 2, max: 1 }; }, /2-1 s is not a think time/, /max ≥ min/],
    ['target.locust.request.body', (t) => { t.locust.request!.body = { kind: 'openapi', file: null, apiPath: null }; }, /exactly one source/, /\/openapi\.json/],
    ['target.setups[0].name', (t) => { t.setups[0]!.name = 'Base Line'; }, /not a valid name/, /lowercase/],
    ['target.setups[1].name', (t) => { t.setups[1]!.name = t.setups[0]!.name; }, /names two setups/, /its own name/],
    ['target.setups[0].command', (t) => { t.setups[0]!.command = ['uvicorn', '--threads', '{threads}', '--workers', '{workers}']; }, /uses \{threads\}, which the lab does not fill/, /\{workers\} and \{port\}/],
    ['target.setups[0].command', (t) => { t.setups[0]!.command = []; }, /is empty/, /argv template/],
    ['target.setups[0].workers', (t) => { t.setups[0]!.workers = [0, 2]; }, /not a whole number from 1 to 64/, /\[1, 2\]/],
    ['target.setups[0].workers', (t) => { t.setups[0]!.workers = [2, 2]; }, /repeats a count/, /once/],
    ['target.setups[0].workers', (t) => { t.setups[0]!.command = ['node', 'server.js', '--port', '{port}']; }, /the command has no \{workers\}/, /--workers \{workers\}/],
    ['target.setups[0].image', (t) => { t.setups[0]!.image = 'Bad Image'; }, /not an image reference/, /without spaces/],
  ];
  for (const [field, change, message, hint] of cases) {
    const p = only(with_(change));
    assert.is(p.field, field, `${field}: ${p.message}`);
    assert.ok(p.message.startsWith(`${field}: `), p.message);
    assert.match(p.message, message);
    assert.match(p.hint, hint, `${field}: hint "${p.hint}"`);
  }
});

test('checkTarget throws one LabError, with every problem when there are several', () => {
  try {
    checkTarget(with_((t) => { t.port = 0; }));
    assert.unreachable();
  } catch (err) {
    assert.instance(err, LabError);
    assert.match((err as LabError).message, /^target\.port: 0 is not a TCP port/);
    assert.match((err as LabError).hint!, /1 to 65535/);
  }
  try {
    checkTarget(with_((t) => { t.port = 0; t.health = { kind: 'http', path: 'x', status: 42, timeoutS: null }; }), 'plan.yaml target');
    assert.unreachable();
  } catch (err) {
    const m = (err as LabError).message;
    assert.match(m, /^plan\.yaml target has 3 problems:/);
    assert.match(m, /- plan\.yaml target\.port: /);
    assert.match(m, /- plan\.yaml target\.health\.path: /);
    assert.match(m, /- plan\.yaml target\.health\.status: /);
  }
});

test('image references in their usual forms pass', () => {
  for (const ref of ['api', 'locust-lab/api:baseline', 'jrpenagu/fast-api-mlflow:latest', 'registry.example.com:5000/team/api:1.2', 'localhost:5000/x/y_z:V1.0-rc', `me/api@sha256:${'a'.repeat(64)}`]) {
    assert.equal(targetProblems(with_((t) => { t.image.ref = ref; })), [], ref);
  }
});

test.run();
