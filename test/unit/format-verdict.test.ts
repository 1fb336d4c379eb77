import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatVerdict } from '../../scripts/lib/cli/format-event.ts';
import { storedVerdicts } from '../../scripts/lib/report/trial-verdicts.ts';
import type { LabResult, PointMeasurement } from '../../scripts/lib/results/types.ts';

const SLO = { p95Ms: 1000, maxFailureRatio: 0.01 };
const point = (o: Partial<PointMeasurement>): PointMeasurement => ({
  trialIds: ['t1'], p95Ms: 148_833.2, p95AtLeast: true, p95Interval: null, rps: 17.3, rpsInterval: null,
  failureRatio: 0.9098, failureInterval: null, stable: false, verdict: 'misses', pass: false, binding: 'p95', ...o,
});

test('a lone trial\'s verdict on the console: the limits, the verdict and the numbers behind it', () => {
  assert.is(formatVerdict(point({}), SLO), 'SLO (p95 ≤ 1000 ms, failures ≤ 1.0%): misses · p95 >148833 ms, 91.0% failed');
  assert.is(formatVerdict(point({ p95Ms: 120, p95AtLeast: false, failureRatio: 0, verdict: 'meets', pass: true }), SLO), 'SLO (p95 ≤ 1000 ms, failures ≤ 1.0%): meets · p95 120 ms, 0.0% failed');
  assert.match(formatVerdict(point({ binding: 'status', p95Ms: null, failureRatio: null }), SLO), /misses \(the trial did not run to the end\) · p95 – ms, – failed$/);
});

test('the report reads a lone trial\'s verdict from the stored point', () => {
  const result = { stages: {}, singleTrial: { trialId: 't1', point: point({}) } } as unknown as LabResult;
  assert.is(storedVerdicts(result).get('t1')?.verdict, 'misses');
  assert.is(storedVerdicts({ stages: {} } as unknown as LabResult).size, 0);
});

test.run();
