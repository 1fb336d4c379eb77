import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseHistory } from '../../scripts/lib/locust/parse-history.ts';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/locust/${path}`, import.meta.url), 'utf8');

test('without --csv-full-history: one Aggregated row per second', () => {
  const rows = parseHistory(fixture('no-full-history/run_stats_history.csv'), 'run_stats_history.csv');
  assert.is(rows.length, 11);
  assert.ok(rows.every((r) => r.name === 'Aggregated'));
  assert.equal(
    rows.map((r) => r.timestamp),
    Array.from({ length: 11 }, (_, i) => 1795829264 + i),
  );
  const second = rows[1]!;
  assert.is(second.users, 5);
  assert.is(second.rps, 0);
  assert.is(second.failuresPerS, 0);
  assert.equal(Object.keys(second.percentiles), ['50%', '66%', '75%', '80%', '90%', '95%', '98%', '99%', '99.9%', '99.99%', '100%']);
  assert.is(second.percentiles['50%'], 4);
  assert.is(second.percentiles['90%'], 43);
  assert.is(second.totalRequests, 47);
  assert.is(second.totalFailures, 7);
  assert.is(second.totalMedianMs, 4);
  assert.is(second.totalAvgMs, 9.654492723405896);
  const last = rows.at(-1)!;
  assert.is(last.rps, 61.285714);
  assert.is(last.failuresPerS, 5.857143);
  assert.is(last.totalRequests, 612);
});

test('early row before any request: N/A percentiles and placeholder totals are null', () => {
  const first = parseHistory(fixture('no-full-history/run_stats_history.csv'), 'run_stats_history.csv')[0]!;
  assert.is(first.timestamp, 1795829264);
  assert.is(first.users, 0);
  assert.ok(Object.values(first.percentiles).every((v) => v === null));
  assert.is(first.totalRequests, 0);
  assert.is(first.totalMedianMs, null);
  assert.is(first.totalAvgMs, null);
});

test('with --csv-full-history: every endpoint and Aggregated each second', () => {
  const rows = parseHistory(fixture('full-history/run_stats_history.csv'), 'run_stats_history.csv');
  assert.is(rows.length, 71);
  const aggregated = rows.filter((r) => r.name === 'Aggregated');
  assert.is(aggregated.length, 11);
  const lastSecond = rows.filter((r) => r.timestamp === 1795829258).map((r) => r.name);
  assert.equal(lastSecond, ['/flaky', '/health', '/predict', '/predict', '/quoted', '/warmup', 'Aggregated']);
  const last = rows.at(-1)!;
  assert.is(last.rps, 62);
  assert.is(last.percentiles['95%'], 15);
  assert.is(last.totalRequests, 659);
  assert.is(last.totalAvgMs, 3.994558399087674);
});

test('with --csv-full-history: an endpoint idle in the window keeps N/A rows', () => {
  const rows = parseHistory(fixture('full-history/run_stats_history.csv'), 'run_stats_history.csv');
  const idle = rows.filter((r) => Object.values(r.percentiles).every((v) => v === null));
  // The first Aggregated row plus /warmup after the stats reset.
  assert.is(idle.length, 10);
  assert.ok(idle.slice(1).every((r) => r.name === '/warmup' && r.totalRequests === 0 && r.totalMedianMs === null));
});

test('custom percentiles in history follow the header', () => {
  const rows = parseHistory(fixture('custom-percentiles/run_stats_history.csv'), 'run_stats_history.csv');
  assert.ok(rows.every((r) => Object.keys(r.percentiles).join() === '50%,90%,99.9%'));
});

test('N/A in the current-rate and total-time columns is null where the contract allows it', () => {
  const text = [
    'Timestamp,User Count,Type,Name,Requests/s,Failures/s,50%,Total Request Count,Total Failure Count,Total Median Response Time,Total Average Response Time',
    '1795829264,3,,Aggregated,N/A,N/A,N/A,12,0,N/A,N/A',
    '',
  ].join('\r\n');
  const [row] = parseHistory(text, 'run_stats_history.csv');
  assert.equal(row, {
    timestamp: 1795829264,
    users: 3,
    name: 'Aggregated',
    rps: null,
    failuresPerS: null,
    percentiles: { '50%': null },
    totalRequests: 12,
    totalFailures: 0,
    totalMedianMs: null,
    totalAvgMs: null,
  });
});

test.run();
