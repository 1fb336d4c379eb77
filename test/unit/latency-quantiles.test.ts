import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { latencyQuantiles, nearestRank, orderStatisticRanks } from '../../scripts/lib/analyze/latency-quantiles.ts';

const range = (from: number, to: number, step = 1) => Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);
const shuffled = (xs: number[]) => xs.map((x, i) => [(i * 7919) % xs.length, x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);

test('nearest rank: ⌈q·n⌉ clamped, robust to floating-point products', () => {
  assert.is(nearestRank(0.95, 100), 95);
  assert.is(nearestRank(0.95, 20), 19);
  assert.is(nearestRank(0.95, 129), 123);
  assert.is(nearestRank(0.55, 100), 55); // 0.55 * 100 = 55.00000000000001
  assert.is(nearestRank(0.01, 10), 1);
  assert.is(nearestRank(1, 10), 10);
});

test('finished requests only: exact nearest-rank values, order of input irrelevant', () => {
  const q = latencyQuantiles(shuffled(range(1, 100)), []);
  assert.equal(q.quantile(0.95), { valueMs: 95, atLeast: false });
  assert.equal(q.quantile(0.5), { valueMs: 50, atLeast: false });
  assert.equal(q.quantile(0.99), { valueMs: 99, atLeast: false });
  assert.equal(q.quantile(1), { valueMs: 100, atLeast: false });
  const twenty = latencyQuantiles(range(10, 200, 10), []);
  assert.equal(twenty.quantile(0.95), { valueMs: 190, atLeast: false });
  assert.equal(twenty.quantile(0.5), { valueMs: 100, atLeast: false });
  assert.equal([q.n, q.finished, q.censored], [100, 100, 0]);
});

test('censored requests sort last: a rank among them is a lower bound', () => {
  // 18 finished (100..1800), 2 censored: rank 19 of 20 is the younger censored one.
  const q = latencyQuantiles(range(100, 1800, 100), [5000, 3000]);
  assert.equal(q.quantile(0.95), { valueMs: 3000, atLeast: true });
  assert.equal(q.quantile(1), { valueMs: 5000, atLeast: true });
  assert.equal(q.quantile(0.5), { valueMs: 1000, atLeast: false });
  assert.equal([q.n, q.finished, q.censored], [20, 18, 2]);
});

test('the bound is the (k − finished)-th censored age, not the largest age', () => {
  // n = 5, k = ⌈0.8·5⌉ = 4: the 2nd censored. Its request may be the one aged 3000 (the 5 ms one may have
  // been about to answer), so "at least 4000" would be false, "at least 3000" holds.
  assert.equal(latencyQuantiles([10, 20], [5, 3000, 4000]).quantile(0.8), { valueMs: 3000, atLeast: true });
  // A young censored request still counts as slower than every finished one.
  assert.equal(latencyQuantiles([100, 200, 300], [50]).quantile(1), { valueMs: 300, atLeast: true });
  assert.equal(latencyQuantiles([], [700, 900]).quantile(0.5), { valueMs: 700, atLeast: true });
});

test('no request: no quantile; q outside (0, 1] is refused with the fix', () => {
  const q = latencyQuantiles([], []);
  assert.is(q.quantile(0.95), null);
  assert.is(q.interval(0.95), null);
  assert.throws(() => q.quantile(95), /pass 0.95 for the 95th percentile/);
  assert.throws(() => q.quantile(0), /outside \(0, 1\]/);
});

test('order-statistic ranks: nq ± 1.96·√(nq(1−q)), rounded outward', () => {
  // n = 100: 95 ± 4.27 -> 90..100.
  assert.equal(orderStatisticRanks(0.95, 100), { low: 90, high: 100 });
  // n = 1000: 950 ± 13.51 -> 936..964.
  assert.equal(orderStatisticRanks(0.95, 1000), { low: 936, high: 964 });
  // Median of 10: 5 ± 3.10 -> 1..9.
  assert.equal(orderStatisticRanks(0.5, 10), { low: 1, high: 9 });
  // Fewer than 5 samples above the p95 (n·0.05 = 4.95): no interval.
  assert.is(orderStatisticRanks(0.95, 99), null);
  assert.is(orderStatisticRanks(0.5, 9), null);
});

test('p95 interval: values at those ranks; null when its upper rank is censored; the maximum above too few samples', () => {
  assert.equal(latencyQuantiles(shuffled(range(1, 1000)), []).interval(0.95), { low: 936, high: 964, level: 0.95, method: 'order-statistic' });
  assert.equal(latencyQuantiles(range(1, 990), range(5000, 5009)).interval(0.95), { low: 936, high: 964, level: 0.95, method: 'order-statistic' });
  assert.is(latencyQuantiles(range(1, 99), [5000]).interval(0.95), null);
  // 99 requests: 4.95 above the p95, too few for the normal approximation. The upper end is the
  // slowest request (above the p95 with probability 1 − 0.95^99 = 99.4 %), the lower end the usual rank.
  const few = latencyQuantiles(range(1, 99), []).interval(0.95)!;
  assert.equal([few.low, few.high], [89, 99]);
  assert.ok(Math.abs(few.level - (1 - 0.95 ** 99)) < 1e-12);
});

test.run();
