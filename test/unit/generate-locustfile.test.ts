import { test } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import os from 'node:os';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateLocustfile, pyStr, type GeneratedTraffic } from '../../scripts/lib/target/generate-locustfile.ts';
import { exampleFromSchema } from '../../scripts/lib/target/example-from-schema.ts';
import { bodyFromOpenApi } from '../../scripts/lib/target/openapi-body.ts';
import { buildRequestBody } from '../../scripts/lib/target/request-body.ts';
import type { LoadRequest } from '../../scripts/lib/target/types.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const openapi = JSON.parse(readFileSync(path.join(root, 'test/fixtures/openapi/demo-openapi.json'), 'utf8'));
const samplePayload = JSON.parse(readFileSync(path.join(root, 'app/sample-payload.json'), 'utf8'));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'gen-locustfile-'));

/**
 * Runs python3 (on the host, no Docker): parses the file with `ast` and
 * evaluates the constant assignments (METHOD, PATH, BODY, and the think-time
 * defaults) without importing Locust, printing them as JSON.
 */
function pythonReads(source: string): { METHOD: string; PATH: string; BODY: unknown; WAIT: [number, number]; doc: string } {
  const file = path.join(tmp, `locustfile-${Math.random().toString(36).slice(2)}.py`);
  writeFileSync(file, source);
  const script = `
import ast, json, os, sys
tree = ast.parse(open(sys.argv[1], encoding="ascii").read())
env = {"json": json, "os": os}
out = {"doc": ast.get_docstring(tree)}
for node in tree.body:
    if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) and node.targets[0].id in ("METHOD", "PATH", "BODY", "WAIT_MIN", "WAIT_MAX"):
        out[node.targets[0].id] = eval(compile(ast.Expression(node.value), "x", "eval"), env)
out["WAIT"] = [out.pop("WAIT_MIN"), out.pop("WAIT_MAX")]
print(json.dumps(out))
`;
  const env = { ...process.env };
  delete env.LOCUST_WAIT_MIN;
  delete env.LOCUST_WAIT_MAX;
  return JSON.parse(execFileSync('nice', ['-n', '19', 'python3', '-c', script, file], { encoding: 'utf8', env }));
}

const traffic = (over: Partial<GeneratedTraffic>): GeneratedTraffic => ({
  method: 'POST', path: '/predict', body: samplePayload, thinkTimeS: { min: 1, max: 2 }, bodySource: 'the file app/sample-payload.json', targetName: 'demo', ...over,
});

test("a body built from the demo's OpenAPI document fits its schema: every field, inside its bounds, integers where asked", () => {
  const body = bodyFromOpenApi(openapi, 'POST', '/predict') as Record<string, number>;
  assert.equal(Object.keys(body).sort(), Object.keys(samplePayload).sort());
  const props = openapi.components.schemas.CoverFeatures.properties as Record<string, { minimum: number; maximum: number; type: string }>;
  for (const [k, v] of Object.entries(body)) {
    assert.ok(v >= props[k]!.minimum && v <= props[k]!.maximum, `${k}=${v}`);
    if (props[k]!.type === 'integer') assert.ok(Number.isInteger(v), k);
  }
  assert.is(body.elevation, 2750, 'the middle of 1000..4500');
  assert.is(body.wilderness_area, 2);
});

test('an unknown operation, or one with no JSON body, is an error that lists what there is', () => {
  assert.throws(() => bodyFromOpenApi(openapi, 'POST', '/score'), /no operation POST \/score/);
  try {
    bodyFromOpenApi(openapi, 'POST', '/score');
  } catch (err) {
    assert.match((err as { hint: string }).hint, /GET \/health, GET \/, POST \/predict/);
  }
  assert.throws(() => bodyFromOpenApi(openapi, 'GET', '/health'), /takes no JSON request body/);
});

test('examples from JSON Schema: example, default, enum, const, $ref, allOf, anyOf, arrays, formats, bounds; a reference cycle ends in null', () => {
  const schema = {
    $defs: { Node: { type: 'object', properties: { name: { type: 'string' }, child: { $ref: '#/$defs/Node' } } }, Item: { type: 'object', properties: { sku: { type: 'string', example: 'A-1' }, qty: { type: 'integer', minimum: 1 } } } },
    type: 'object',
    properties: {
      mode: { enum: ['fast', 'slow'] },
      version: { const: 2 },
      threshold: { type: 'number', default: 0.5 },
      items: { type: 'array', items: { $ref: '#/$defs/Item' }, minItems: 2 },
      when: { type: 'string', format: 'date-time' },
      code: { type: 'string', minLength: 10 },
      note: { anyOf: [{ type: 'null' }, { type: 'string', maxLength: 3 }] },
      flags: { type: ['boolean', 'null'] },
      both: { allOf: [{ properties: { a: { type: 'integer', exclusiveMinimum: 0 } } }, { properties: { b: { type: 'number', maximum: -5 } } }] },
      nothing: { type: 'null' },
      tree: { $ref: '#/$defs/Node' },
    },
  };
  assert.equal(exampleFromSchema(schema), {
    mode: 'fast', version: 2, threshold: 0.5, items: [{ sku: 'A-1', qty: 1 }, { sku: 'A-1', qty: 1 }], when: '2024-01-01T00:00:00Z',
    code: 'stringxxxx', note: 'str', flags: true, both: { a: 1, b: -5 }, nothing: null, tree: { name: 'string', child: null },
  });
  assert.throws(() => exampleFromSchema({ $ref: 'other.json#/x' }), /points outside the document/);
  assert.throws(() => exampleFromSchema({ $ref: '#/nowhere' }), /points at nothing/);
});

test('the generated locustfile is valid Python that reads back the same method, path, body and think time', () => {
  const read = pythonReads(generateLocustfile(traffic({})));
  assert.is(read.METHOD, 'POST');
  assert.is(read.PATH, '/predict');
  assert.equal(read.BODY, samplePayload);
  assert.equal(read.WAIT, [1, 2]);
  assert.match(read.doc, /for target demo: every user sends POST \/predict with a JSON body, then waits 1-2 s/);
});

test("JSON's true, false and null, and hostile strings, reach Python intact", () => {
  const body = {
    ok: true, no: false, none: null, n: -1.5e-7, list: [1, 'two', { three: [null] }],
    quotes: `"""'''\\"\\\\`, newline: 'a\nb\r\tc', unicode: 'ñandú · 東京 · 🦆 · \u2028', nul: '\u0000', code: '"); import os; os.system("x") #',
  };
  const source = generateLocustfile(traffic({ body, path: '/a"b\\c', targetName: 'x""" + evil + """', bodySource: 'a "quoted" \'\'\' source' }));
  assert.ok(/^[\x00-\x7f]*$/.test(source), 'the file is ASCII');
  const read = pythonReads(source);
  assert.equal(read.BODY, body);
  assert.is(read.PATH, '/a"b\\c');
  assert.match(read.doc, /target x""" \+ evil \+ """:/);
});

test('no body: the request is sent without json, and BODY is None', () => {
  const source = generateLocustfile(traffic({ method: 'GET', path: '/items/1', body: undefined, thinkTimeS: { min: 0, max: 0.5 } }));
  const read = pythonReads(source);
  assert.is(read.BODY, null);
  assert.equal(read.WAIT, [0, 0.5]);
  assert.match(source, /self\.client\.request\(METHOD, PATH, name=PATH\)/);
  assert.not.match(source, /json=BODY/);
});

test('the lab can drive it: think time from LOCUST_WAIT_MIN/MAX, the step ramp from LOCUST_STEPS, history flushed', () => {
  const source = generateLocustfile(traffic({}));
  assert.match(source, /os\.environ\.get\("LOCUST_WAIT_MIN", "1"\)/);
  assert.match(source, /class StepRamp\(LoadTestShape\)/);
  assert.match(source, /CSV_STATS_FLUSH_INTERVAL_SEC = 0/);
});

test('pyStr escapes beyond the BMP as \\U, which Python does not pair from surrogates', () => {
  assert.is(pyStr('🦆'), '"\\U0001f986"');
  assert.is(pyStr('é"\\'), '"\\u00e9\\"\\\\"');
});

test('request bodies come from a file, a JSON Schema or an OpenAPI document the API serves', async () => {
  const texts: Record<string, string> = {
    'body.json': '{"x": 1}',
    'schema.json': '{"type": "object", "properties": {"x": {"type": "integer", "minimum": 3}}}',
    '/openapi.json': JSON.stringify(openapi),
  };
  const read = async (from: { file: string } | { apiPath: string }) => texts['file' in from ? from.file : from.apiPath]!;
  const req = (body: LoadRequest['body']): LoadRequest => ({ method: 'POST', path: '/predict', body, thinkTimeS: { min: 1, max: 2 } });
  assert.equal(await buildRequestBody(req({ kind: 'file', file: 'body.json' }), read), { body: { x: 1 }, source: 'the file body.json' });
  assert.equal((await buildRequestBody(req({ kind: 'json-schema', file: 'schema.json' }), read)).body, { x: 3 });
  const served = await buildRequestBody(req({ kind: 'openapi', file: null, apiPath: '/openapi.json' }), read);
  assert.is((served.body as Record<string, number>).soil_type, 20);
  assert.is(served.source, "an example built from POST /predict in the API's /openapi.json");
  assert.equal(await buildRequestBody(req(null), read), { body: undefined, source: null });
  try {
    await buildRequestBody(req({ kind: 'file', file: 'bad' }), async () => '{nope');
    assert.unreachable();
  } catch (err) {
    assert.match((err as Error).message, /bad is not JSON/);
  }
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
