import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseStats } from '../../scripts/lib/locust/parse-stats.ts';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/locust/${path}`, import.meta.url), 'utf8');

const DEFAULT_PERCENTILES = ['50%', '66%', '75%', '80%', '90%', '95%', '98%', '99%', '99.9%', '99.99%', '100%'];

test('full-history run: every endpoint row then Aggregated, values as written', () => {
  const rows = parseStats(fixture('full-history/run_stats.csv'), 'run_stats.csv');
  assert.equal(
    rows.map((r) => `${r.method} ${r.name}`),
    ['GET /flaky', 'GET /health', 'GET /predict', 'POST /predict', 'GET /quoted', 'GET /warmup', ' Aggregated'],
  );
  const total = rows.at(-1)!;
  assert.is(total.method, '');
  assert.is(total.name, 'Aggregated');
  assert.is(total.requests, 971);
  assert.is(total.failures, 101);
  assert.is(total.medianMs, 2);
  assert.is(total.avgMs, 3.2623636539641594);
  assert.is(total.minMs, 0.6838819999757106);
  assert.is(total.maxMs, 65.02935000003163);
  assert.is(total.rps, 74.58702179297372);
  assert.is(total.failuresPerS, 7.758279300813949);
  assert.equal(Object.keys(total.percentiles), DEFAULT_PERCENTILES);
  assert.equal(Object.values(total.percentiles), [2, 2, 3, 3, 5, 10, 21, 28, 65, 65, 65]);
});

test('endpoint requests add up to the Aggregated row', () => {
  const rows = parseStats(fixture('full-history/run_stats.csv'), 'run_stats.csv');
  const endpoints = rows.filter((r) => r.name !== 'Aggregated');
  assert.is(
    endpoints.reduce((sum, r) => sum + r.requests, 0),
    rows.at(-1)!.requests,
  );
  assert.is(
    endpoints.reduce((sum, r) => sum + r.failures, 0),
    rows.at(-1)!.failures,
  );
});

test('an endpoint hit only before --reset-stats: N/A percentiles and placeholder times become null', () => {
  const warmup = parseStats(fixture('full-history/run_stats.csv'), 'run_stats.csv').find((r) => r.name === '/warmup')!;
  assert.is(warmup.requests, 0);
  assert.is(warmup.medianMs, null);
  assert.is(warmup.avgMs, null);
  assert.is(warmup.minMs, null);
  assert.is(warmup.maxMs, null);
  assert.is(warmup.rps, 0);
  assert.equal(Object.keys(warmup.percentiles), DEFAULT_PERCENTILES);
  assert.ok(Object.values(warmup.percentiles).every((v) => v === null));
});

test('custom PERCENTILES_TO_REPORT: percentile keys follow the header', () => {
  const rows = parseStats(fixture('custom-percentiles/run_stats.csv'), 'run_stats.csv');
  const total = rows.at(-1)!;
  assert.equal(Object.keys(total.percentiles), ['50%', '90%', '99.9%']);
  assert.equal(total.percentiles, { '50%': 1, '90%': 3, '99.9%': 14 });
  assert.is(total.requests, 1009);
  assert.is(total.failures, 102);
});

test('run without --csv-full-history writes the same _stats.csv shape', () => {
  const rows = parseStats(fixture('no-full-history/run_stats.csv'), 'run_stats.csv');
  assert.is(rows.length, 7);
  assert.is(rows.at(-1)!.requests, 924);
  assert.is(rows.at(-1)!.percentiles['95%'], 81);
});

test('header only (Locust killed before the first write) gives no rows', () => {
  const header = fixture('full-history/run_stats.csv').split('\r\n')[0]!;
  assert.equal(parseStats(`${header}\r\n`, 'run_stats.csv'), []);
});

test.run();
