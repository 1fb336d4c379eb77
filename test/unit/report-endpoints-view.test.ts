import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LabResult, TrialResult } from '../../scripts/lib/results/types.ts';
import { endpointsView, extraPercentiles, failuresView } from '../../scripts/lib/report/endpoints-view.ts';
import { createFormatters } from '../../scripts/lib/report/format.ts';
import { loadMessages, type Messages } from '../../scripts/lib/report/i18n.ts';
import { TEMPLATES_DIR } from '../../scripts/lib/report/templates.ts';
import { loadFixture } from './report-helpers.ts';

let smoke: LabResult;
let en: Messages;
let es: Messages;
test.before(async () => {
  [smoke, en, es] = await Promise.all([loadFixture('smoke'), loadMessages(TEMPLATES_DIR, 'en'), loadMessages(TEMPLATES_DIR, 'es')]);
});
const withEndpoints = (): TrialResult => structuredClone(smoke.trials.find((trial) => trial.endpoints.length > 0)!);

test('endpoint table: 99.9 % when Locust wrote it, and the percentiles a locustfile added, in order', () => {
  const trial = withEndpoints();
  for (const endpoint of trial.endpoints) endpoint.percentiles = { '50%': 10, '95%': 20, '99%': 30, '99.9%': 40, '99.5%': 35, '97.5%': 25, '66%': 12, '100%': 50 };
  assert.equal(extraPercentiles(trial), ['97.5%', '99.5%', '99.9%'], 'defaults other than 99.9 % stay in the linked CSV');
  const view = endpointsView(trial, es.t, createFormatters('es-ES'), '—');
  assert.equal(view.extraHeaders, ['p97,5 (ms)', 'p99,5 (ms)', 'p99,9 (ms)']);
  assert.equal(view.rows[0]!.extra, ['25', '35', '40']);
  for (const endpoint of trial.endpoints) endpoint.percentiles = { '50%': 10, '95%': 20, '99%': 30 };
  assert.equal(endpointsView(trial, en.t, createFormatters('en-US'), '—').extraHeaders, [], 'none when only the usual three');
});

test('failure table: first and last seen on the timeline clock; endpoint-wide times are marked', () => {
  const trial = withEndpoints();
  trial.timing.loadStartedAt = '2026-11-30T05:00:00.000Z';
  trial.failures = [
    { method: 'POST', name: '/predict', error: 'boom', occurrences: 2, firstSeen: '2026-11-30T05:00:04.250Z', lastSeen: '2026-11-30T05:00:39.800Z', seenScope: 'endpoint' },
    { method: 'GET', name: '/health', error: 'bang', occurrences: 1, firstSeen: null, lastSeen: null },
  ];
  const rows = failuresView(trial, en.t, createFormatters('en-US'), '—');
  assert.equal(rows.map((row) => [row.firstSeen, row.lastSeen, row.endpointScope]), [['+4.3 s', '+39.8 s', true], ['—', '—', false]]);
});

test('Locust\'s total row is named in the reader\'s language; an endpoint of that name keeps it', () => {
  const trial = withEndpoints();
  trial.endpoints = [
    { ...trial.endpoints[0]!, method: 'POST', name: '/predict' },
    { ...trial.endpoints[0]!, method: '', name: 'Aggregated' },
    { ...trial.endpoints[0]!, method: 'GET', name: 'Aggregated' },
  ];
  const names = (m: Messages) => endpointsView(trial, m.t, createFormatters('en-US'), '—').rows.map((row) => row.name);
  assert.equal(names(es), ['/predict', 'todas las peticiones', 'Aggregated']);
  assert.equal(names(en), ['/predict', 'all requests', 'Aggregated']);
});

test.run();
