import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { collectTrial } from '../../scripts/lib/collect/collect-trial.ts';
import { withSeenTimes } from '../../scripts/lib/collect/failure-seen-times.ts';
import type { FailureRow, RequestSample, TrialResult } from '../../scripts/lib/results/types.ts';

const row = (name: string, error: string, times: Partial<FailureRow> = {}): FailureRow => ({ method: 'POST', name, error, occurrences: 1, firstSeen: null, lastSeen: null, ...times });
const request = (name: string, startMs: number, status: RequestSample['status'] = 'fail'): RequestSample => ({ startMs, latencyMs: 500, status, method: 'POST', name, user: 'local:1' });

test('first and last seen come from the failed requests of the row\'s method and name, at their end', () => {
  const requests = [request('/a', 3000), request('/a', 1000), request('/a', 9000, 'ok'), request('/a', 8000, 'censored'), request('/a', 5000)];
  assert.equal(withSeenTimes([row('/a', 'boom')], requests), [row('/a', 'boom', { firstSeen: '1970-01-01T00:00:01.500Z', lastSeen: '1970-01-01T00:00:05.500Z' })]);
});

test('a method and name that failed with two errors: each row gets the endpoint\'s times, marked as such; Locust\'s own times are kept', () => {
  const requests = [request('/a', 1000), request('/b', 2000), request('/a', 4000)];
  const endpoint = { firstSeen: '1970-01-01T00:00:01.500Z', lastSeen: '1970-01-01T00:00:04.500Z', seenScope: 'endpoint' as const };
  assert.equal(withSeenTimes([row('/a', 'boom'), row('/a', 'bang')], requests), [row('/a', 'boom', endpoint), row('/a', 'bang', endpoint)]);
  const locust = [row('/b', 'boom', { firstSeen: '2026-01-31T12:00:00Z', lastSeen: '2026-01-31T12:00:09Z' })];
  assert.equal(withSeenTimes(locust, requests), locust);
  assert.equal(withSeenTimes([row('/c', 'boom')], requests), [row('/c', 'boom')], 'no failed request of it: no times');
});

test('on the committed sample (Locust 2.12, no time columns): every failure gets times inside its trial\'s load', async () => {
  const dir = fileURLToPath(new URL('../../reports/sample/trials/max-users-150u/', import.meta.url));
  const trial = JSON.parse(await readFile(`${dir}trial.json`, 'utf8')) as TrialResult;
  const collected = await collectTrial(dir);
  assert.ok(collected.failures!.length > 0);
  const start = Date.parse(trial.timing.loadStartedAt!);
  for (const failure of collected.failures!) {
    const first = Date.parse(failure.firstSeen!), last = Date.parse(failure.lastSeen!);
    assert.ok(start <= first && first <= last && last <= start + trial.timing.loadMs, `${failure.firstSeen} – ${failure.lastSeen}`);
  }
});

test.run();
