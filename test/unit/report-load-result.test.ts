import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SCHEMA_VERSION } from '../../scripts/lib/results/types.ts';
import { ReportError, UnsupportedSchemaError } from '../../scripts/lib/report/errors.ts';
import { loadLabResult } from '../../scripts/lib/report/load-result.ts';
import { renderReport } from '../../scripts/lib/report/render-report.ts';

const FIXTURE_FILE = fileURLToPath(new URL('../fixtures/results/basic/lab-result.json', import.meta.url));

const dirs: string[] = [];
async function runDirWith(content: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'locust-lab-load-'));
  dirs.push(dir);
  await writeFile(path.join(dir, 'lab-result.json'), content);
  return dir;
}
async function fixtureWith(change: (data: Record<string, any>) => void): Promise<string> {
  const data = JSON.parse(await readFile(FIXTURE_FILE, 'utf8')) as Record<string, any>;
  change(data);
  return runDirWith(JSON.stringify(data));
}
async function rejection(promise: Promise<unknown>): Promise<ReportError> {
  try {
    await promise;
  } catch (error) {
    assert.instance(error, ReportError);
    return error as ReportError;
  }
  throw assert.unreachable('expected a ReportError');
}

test.after(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

test('loads the fixture', async () => {
  const result = await loadLabResult(path.dirname(FIXTURE_FILE));
  assert.is(result.schemaVersion, SCHEMA_VERSION);
  assert.ok(result.trials.length >= 2);
});

test('refuses an unknown schemaVersion, naming the file, the version found and the one supported', async () => {
  const dir = await fixtureWith((data) => { data.schemaVersion = 99; });
  const error = await rejection(loadLabResult(dir));
  assert.instance(error, UnsupportedSchemaError);
  assert.is(error.code, 'unsupported-schema');
  assert.is(error.file, path.join(dir, 'lab-result.json'));
  assert.ok(error.message.includes(path.join(dir, 'lab-result.json')), error.message);
  assert.match(error.message, /schemaVersion 99\b/);
  assert.match(error.message, new RegExp(`schemaVersion ${SCHEMA_VERSION}\\b`));
  assert.ok(error.hint, 'entry scripts print a hint instead of a stack');
});

test('refuses a missing schemaVersion before looking at anything else', async () => {
  const error = await rejection(loadLabResult(await runDirWith('{"trials": "not even an array"}')));
  assert.is(error.code, 'unsupported-schema');
  assert.match(error.message, /schemaVersion undefined/);
});

test('renderReport refuses too, and writes no page', async () => {
  const dir = await fixtureWith((data) => { data.schemaVersion = 99; });
  const error = await rejection(renderReport(dir));
  assert.is(error.code, 'unsupported-schema');
  assert.not.ok(existsSync(path.join(dir, 'index.html')));
});

test('names the missing file', async () => {
  const dir = await runDirWith('{}');
  await rm(path.join(dir, 'lab-result.json'));
  const error = await rejection(loadLabResult(dir));
  assert.is(error.code, 'missing-file');
  assert.ok(error.message.includes(path.join(dir, 'lab-result.json')));
});

test('reports invalid JSON', async () => {
  const error = await rejection(loadLabResult(await runDirWith('{"schemaVersion": 1,')));
  assert.is(error.code, 'invalid-json');
});

test('points at the field that breaks the structure', async () => {
  const cases: [string, (data: Record<string, any>) => void, RegExp][] = [
    ['trials not an array', (d) => { d.trials = {}; }, /trials must be an array/],
    ['unknown status', (d) => { d.trials[1].status = 'exploded'; }, /trials\[1\]\.status must be one of/],
    ['unknown flag', (d) => { d.trials[0].flags = ['made-up']; }, /trials\[0\]\.flags\[0\]/],
    ['argv with a number', (d) => { d.commands[0].argv = ['docker', 1]; }, /commands\[0\]\.argv\[1\] must be a string/],
    ['log tail not strings', (d) => { d.trials[0].containers[0].logTail = [null]; }, /logTail\[0\]/],
    ['missing files', (d) => { delete d.trials[0].files; }, /trials\[0\]\.files must be an object/],
  ];
  for (const [name, change, message] of cases) {
    const error = await rejection(loadLabResult(await fixtureWith(change)));
    assert.is(error.code, 'invalid-result', name);
    assert.match(error.message, message, name);
  }
});

test.run();
