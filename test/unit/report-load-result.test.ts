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
    ['trials not an array', (d) => { d.trials = {}; }, /trials must be a list, found an object/],
    ['unknown status', (d) => { d.trials[1].status = 'exploded'; }, /trials\[1\]\.status must be one of passed, oom-killed, .*, found "exploded"/],
    ['unknown flag', (d) => { d.trials[0].flags = ['made-up']; }, /trials\[0\]\.flags\[0\]/],
    ['argv with a number', (d) => { d.commands[0].argv = ['docker', 1]; }, /commands\[0\]\.argv\[1\] must be a string, found 1/],
    ['log tail not strings', (d) => { d.trials[0].containers[0].logTail = [null]; }, /logTail\[0\]/],
    ['missing files', (d) => { delete d.trials[0].files; }, /trials\[0\]\.files must be an object, found nothing \(the field is missing\)/],
  ];
  for (const [name, change, message] of cases) {
    const error = await rejection(loadLabResult(await fixtureWith(change)));
    assert.is(error.code, 'invalid-result', name);
    assert.match(error.message, message, name);
  }
});

const SAMPLE_FILE = fileURLToPath(new URL('../../reports/sample/lab-result.json', import.meta.url));

test('a wrong field anywhere in the contract is named by its path, with what it must be and the fix', async () => {
  const sample = JSON.parse(await readFile(SAMPLE_FILE, 'utf8')) as Record<string, any>;
  const cases: [string, (data: Record<string, any>) => void, string][] = [
    ['summary number', (d) => { d.trials[3].summary.p95Ms = 'fast'; }, 'trials[3].summary.p95Ms must be a number or null, found "fast"'],
    ['nested interval', (d) => { d.trials[6].summary.intervals.p95Ms.method = 'guess'; }, 'trials[6].summary.intervals.p95Ms.method must be one of order-statistic, wilson, runs-min-max, subwindows-min-max, poisson, found "guess"'],
    ['cause id', (d) => { d.schemaVersion = 4; d.trials[0].cause = { id: 'exploded', values: {} }; }, 'trials[0].cause.id must be one of engine-refused, '],
    ['cause value', (d) => { d.schemaVersion = 4; d.trials[0].cause = { id: 'oom-killed', values: { exit: '137', phase: 'under-load' } }; }, 'trials[0].cause.values.exit must be a number, found "137"'],
    ['timeline point', (d) => { d.trials[1].timeline[5].p95Ms = 'slow'; }, 'trials[1].timeline[5].p95Ms must be a number or null, found "slow"'],
    ['timeline point missing', (d) => { delete d.trials[1].timeline[0].s; }, 'trials[1].timeline[0].s must be a number, found nothing (the field is missing)'],
    ['stage field', (d) => { d.stages.maxUsers.curve[0].source = 'guess'; }, 'stages.maxUsers.curve[0].source must be one of ramp, bisect, hold, found "guess"'],
    ['stage point', (d) => { d.stages.sweep.cells[0].point.verdict = 'fine'; }, 'stages.sweep.cells[0].point.verdict must be one of meets, misses, undecided, not-judged, found "fine"'],
    ['warning', (d) => { d.warnings[0].severity = 'dire'; }, 'warnings[0].severity must be "high" or "normal", found "dire"'],
    ['host', (d) => { d.host.cgroupVersion = 3; }, 'host.cgroupVersion must be 1 or 2, found 3'],
    ['top level', (d) => { delete d.runId; }, 'runId must be a string, found nothing (the field is missing)'],
  ];
  for (const [name, change, expected] of cases) {
    const data = structuredClone(sample);
    change(data);
    const dir = await runDirWith(JSON.stringify(data));
    const error = await rejection(loadLabResult(dir));
    assert.is(error.code, 'invalid-result', name);
    assert.ok(error.message.startsWith(`${path.join(dir, 'lab-result.json')}: ${expected}`), `${name}: ${error.message}`);
    assert.match(error.hint ?? '', /re-run the lab.*or render it with the Locust Lab version that wrote it/, name);
  }
});

test('both committed samples load, and an unknown stage from a newer lab is left out', async () => {
  const sample = JSON.parse(await readFile(SAMPLE_FILE, 'utf8')) as Record<string, any>;
  sample.stages.fromTheFuture = { anything: true };
  const result = await loadLabResult(await runDirWith(JSON.stringify(sample)));
  assert.not.ok('fromTheFuture' in result.stages);
  assert.ok(result.stages.maxUsers && result.stages.workers);
  const repeat = await loadLabResult(fileURLToPath(new URL('../../reports/sample-repeat/', import.meta.url)));
  assert.is(repeat.schemaVersion, SCHEMA_VERSION);
});

test.run();
