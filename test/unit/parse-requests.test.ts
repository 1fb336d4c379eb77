import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { collectTrial } from '../../scripts/lib/collect/collect-trial.ts';
import { parseRequests } from '../../scripts/lib/locust/parse-requests.ts';
import { parsePhases } from '../../scripts/lib/locust/parse-phases.ts';
import { parseStats } from '../../scripts/lib/locust/parse-stats.ts';
import type { RequestSample } from '../../scripts/lib/results/types.ts';
import { inputError } from './input-error-helper.ts';

const dir = (name: string) => fileURLToPath(new URL(`../fixtures/locust/requests/${name}/`, import.meta.url));
const fixture = (path: string) => readFileSync(`${dir(path.split('/')[0]!)}${path.split('/')[1]}`, 'utf8');
const LOCAL = fixture('local/locust_requests-local.csv');
const CENSORED = fixture('censored/locust_requests-local.csv');
const FILE = 'locust_requests-local.csv';

const count = (rows: RequestSample[], status: RequestSample['status']) => rows.filter((r) => r.status === status).length;
const endMs = (r: RequestSample) => r.startMs + r.latencyMs;


test('a local run: one row per request, each simulated user with its own id', () => {
  const rows = parseRequests(LOCAL, FILE);
  // Locust's printed summary counted 159; its _stats.csv, rewritten once a second, only 148.
  assert.is(rows.length, 159);
  assert.is(parseStats(fixture('local/locust_stats.csv'), 'locust_stats.csv').at(-1)!.requests, 148);
  assert.is(count(rows, 'ok'), 159);
  assert.equal(rows[0], { startMs: 1796000205021.562, latencyMs: 110.807, status: 'ok', method: 'POST', name: '/predict', user: 'local:7' });
  const users = new Set(rows.map((r) => r.user));
  assert.equal([...users].sort((a, b) => Number(a.slice(6)) - Number(b.slice(6))), Array.from({ length: 20 }, (_, i) => `local:${i + 1}`));
});

test('rows come in the order requests finished, all inside test_start .. test_stop', () => {
  const rows = parseRequests(LOCAL, FILE);
  const phases = parsePhases(fixture('local/locust_phases.ndjson'), 'locust_phases.ndjson');
  rows.slice(1).forEach((r, i) => assert.ok(endMs(r) >= endMs(rows[i]!) - 1, `row ${i + 3} finished before the row above it`));
  assert.ok(rows.every((r) => r.startMs >= phases.testStartMs! && endMs(r) <= phases.stoppedMs!));
});

test('requests killed after --stop-timeout are censored with the age they reached', () => {
  const rows = parseRequests(CENSORED, FILE);
  assert.is(rows.length, 123);
  assert.is(count(rows, 'ok'), 102);
  assert.is(count(rows, 'fail'), 11);
  // Locust counts only what finished: ok + fail.
  assert.is(parseStats(fixture('censored/locust_stats.csv'), 'locust_stats.csv').at(-1)!.requests, 113);
  const censored = rows.filter((r) => r.status === 'censored');
  assert.is(censored.length, 10);
  // Every user was stuck in a 30 s request, so each appears once; all were killed at test_stop.
  assert.is(new Set(censored.map((r) => r.user)).size, 10);
  const { stoppedMs } = parsePhases(fixture('censored/locust_phases.ndjson'), 'locust_phases.ndjson');
  for (const r of censored) assert.ok(Math.abs(endMs(r) - stoppedMs!) < 5, `censored at ${endMs(r)}, stopped at ${stoppedMs}`);
  assert.equal(censored[0], { startMs: 1796000233283.62, latencyMs: 11332.245, status: 'censored', method: 'POST', name: '/predict?q=a,"b"', user: 'local:1' });
});

test('SIGTERM: in-flight requests are censored at quitting, once', () => {
  const rows = parseRequests(fixture('sigterm/locust_requests-local.csv'), FILE);
  assert.equal([count(rows, 'ok'), count(rows, 'fail'), count(rows, 'censored')], [28, 7, 10]);
  const { stoppingMs } = parsePhases(fixture('sigterm/locust_phases.ndjson'), 'locust_phases.ndjson');
  // quitting fires just before Locust stops its users on this path.
  for (const r of rows.filter((x) => x.status === 'censored')) assert.ok(Math.abs(endMs(r) - stoppingMs!) < 5);
});

test('distributed: one file per worker, users unique across them, and the master has none', async () => {
  const trial = await collectTrial(dir('distributed'));
  assert.equal(trial.requestFiles, ['locust_requests-worker-0fd56cd9b6eb-1.csv', 'locust_requests-worker-999cfb9e589b-1.csv']);
  assert.is(trial.requests!.length, 158 + 157);
  assert.is(trial.requests!.length, trial.endpoints!.at(-1)!.requests);
  const users = new Set(trial.requests!.map((r) => r.user));
  assert.is(users.size, 20);
  assert.ok([...users].every((u) => /^worker-(0fd56cd9b6eb|999cfb9e589b)-1:\d+$/.test(u)));
  assert.is(trial.phases!.spawned[0]!.users, 20);
  assert.ok(trial.present.has('locust_phases.ndjson'));
});

test('a trial folder without the hook: requests and phases are null', async () => {
  const trial = await collectTrial(fileURLToPath(new URL('../fixtures/locust/full-history/', import.meta.url)));
  assert.is(trial.requests, null);
  assert.equal(trial.requestFiles, []);
  assert.is(trial.phases, null);
});

test('a last line cut mid-write is dropped, as the file is read live', () => {
  const whole = parseRequests(CENSORED, FILE);
  const cutAt = (text: string, from: number) => text.slice(0, text.length - from);
  // Inside the quoted name of the last row (it holds a comma and quotes).
  const lastLine = CENSORED.slice(CENSORED.lastIndexOf('\n', CENSORED.length - 2) + 1);
  const inName = lastLine.indexOf('""b');
  assert.ok(inName > 0);
  assert.equal(parseRequests(CENSORED.slice(0, CENSORED.length - lastLine.length + inName), FILE), whole.slice(0, -1));
  // Between the CR and the LF of the line end.
  assert.equal(parseRequests(cutAt(CENSORED, 1), FILE), whole.slice(0, -1));
  assert.equal(parseRequests(cutAt(LOCAL, 20), FILE).length, 158);
  // Only part of the header: the hook was still creating the file.
  assert.equal(parseRequests('start_ms,late', FILE), []);
  assert.equal(parseRequests('', FILE), []);
});

test('a newline inside a quoted name does not end a record', () => {
  const text = 'start_ms,latency_ms,status,method,name,user\r\n1.5,2,ok,GET,"a\nb",local:1\r\n3,4,fail,GET,"c\nd';
  assert.equal(parseRequests(text, FILE), [{ startMs: 1.5, latencyMs: 2, status: 'ok', method: 'GET', name: 'a\nb', user: 'local:1' }]);
});

test('bad input names file, line and column', () => {
  const header = inputError(() => parseRequests(LOCAL.replace('latency_ms', 'latency'), FILE));
  assert.is(header.message, 'locust_requests-local.csv line 1: expected column "latency_ms", got a header without them');

  const lines = LOCAL.split('\r\n');
  const withLine3 = (value: string) => [...lines.slice(0, 2), value, ...lines.slice(3)].join('\r\n');
  const number = inputError(() => parseRequests(withLine3('soon,110.807,ok,POST,/predict,local:7'), FILE));
  assert.is(number.message, 'locust_requests-local.csv line 3, column "start_ms": expected a number, got "soon"');
  assert.is(number.line, 3);

  const status = inputError(() => parseRequests(withLine3('1796000205021.562,110.807,timeout,POST,/predict,local:7'), FILE));
  assert.is(status.message, 'locust_requests-local.csv line 3, column "status": expected ok, fail or censored, got "timeout"');

  const user = inputError(() => parseRequests(withLine3('1796000205021.562,110.807,ok,POST,/predict,'), FILE));
  assert.is(user.field, 'user');

  const negative = inputError(() => parseRequests(withLine3('1796000205021.562,-1,ok,POST,/predict,local:7'), FILE));
  assert.is(negative.message, 'locust_requests-local.csv line 3, column "latency_ms": expected a number >= 0, got "-1"');

  // A short row that does end its line was written whole: it is an error, not a cut.
  const short = inputError(() => parseRequests(withLine3('1796000205021.562,110.807'), FILE));
  assert.is(short.line, 3);
});

test.run();
