import type { Interval } from '../results/types.ts';

/** Two-sided 95 % normal quantile. */
export const Z_95 = 1.959963984540054;
/**
 * The order-statistic interval needs at least this many samples on each side
 * of the quantile (n·q and n·(1−q)): the textbook condition for the normal
 * approximation of the binomial. For the p95 that means 100 requests.
 */
export const MIN_SAMPLES_EACH_SIDE = 5;

/** A quantile of a window; with `atLeast` the true value is larger than `valueMs`. */
export interface QuantileEstimate {
  valueMs: number;
  atLeast: boolean;
}

/** Quantiles of one window's latencies, sorted once. */
export interface LatencyQuantiles {
  /** Finished plus censored requests. */
  readonly n: number;
  readonly finished: number;
  readonly censored: number;
  /** Nearest-rank quantile; `null` without any request. */
  quantile(q: number): QuantileEstimate | null;
  /** Distribution-free 95 % interval of the quantile; `null` when too few samples or when it would be unbounded. */
  interval(q: number): Interval | null;
}

/**
 * Exact quantiles with right-censoring. A censored request (killed before it
 * finished) counts as slower than every finished one: it sorts after them, as
 * +∞. That is the conservative reading for an SLO: a request that never
 * answered did not answer within any limit.
 *
 * `quantile(q)` takes rank k = ⌈q·n⌉ (nearest rank, 1-based). If k falls on a
 * finished request its latency is the value. If it falls among the censored
 * ones (k > finished) the value is unknown but bounded below, and
 * `atLeast` is true. The bound is the larger of the slowest finished latency
 * and the (k − finished)-th smallest censored age: every censored request took
 * at least its age, so the (k − finished)-th slowest of them took at least that.
 * (The largest censored age is not a bound: the younger censored requests may
 * hold the rank. It is reported on its own as `censoredMaxAgeMs`.)
 */
export function latencyQuantiles(finishedMs: readonly number[], censoredAgesMs: readonly number[]): LatencyQuantiles {
  // Typed arrays sort numerically and fast: this runs on every live poll.
  const done = Float64Array.from(finishedMs).sort();
  const ages = Float64Array.from(censoredAgesMs).sort();
  const n = done.length + ages.length;
  // Value at a 1-based rank with censored requests at +∞.
  const at = (rank: number) => (rank <= done.length ? done[rank - 1]! : Infinity);

  return {
    n,
    finished: done.length,
    censored: ages.length,
    quantile(q) {
      checkQ(q);
      if (n === 0) return null;
      const k = nearestRank(q, n);
      if (k <= done.length) return { valueMs: done[k - 1]!, atLeast: false };
      const slowestDone = done.length ? done[done.length - 1]! : 0;
      return { valueMs: Math.max(slowestDone, ages[k - done.length - 1]!), atLeast: true };
    },
    interval(q) {
      checkQ(q);
      if (n === 0) return null;
      const ranks = orderStatisticRanks(q, n);
      // Too few samples above the quantile for the normal approximation: the slowest request
      // is then the upper bound, which lies above the q-quantile with probability 1 − qⁿ
      // (92 % for the p95 of 50 requests). A wide interval, honestly so, rather than none.
      const { low, high } = ranks ?? { low: Math.max(1, Math.floor(n * q - Z_95 * Math.sqrt(n * q * (1 - q)))), high: n };
      const upper = at(high);
      // A censored request at the upper rank makes the interval unbounded; JSON has no ∞.
      if (upper === Infinity) return null;
      return { low: at(low), high: upper, level: ranks ? 0.95 : 1 - q ** n, method: 'order-statistic' };
    },
  };
}

/** ⌈q·n⌉ clamped to 1..n; the tiny epsilon keeps 0.55·100 (55.00000000000001 in floating point) at rank 55. */
export function nearestRank(q: number, n: number): number {
  return Math.min(n, Math.max(1, Math.ceil(q * n - 1e-9)));
}

/**
 * 1-based ranks (l, u) whose order statistics cover the q-quantile with about
 * 95 %: the number of samples below the quantile is Binomial(n, q), so
 * l = ⌊nq − z·√(nq(1−q))⌋ and u = ⌈nq + z·√(nq(1−q))⌉, rounded outward and
 * clamped to 1..n. `null` when n·q or n·(1−q) is below `MIN_SAMPLES_EACH_SIDE`
 * (the approximation, and the upper rank, would not hold).
 */
export function orderStatisticRanks(q: number, n: number): { low: number; high: number } | null {
  if (n * q < MIN_SAMPLES_EACH_SIDE || n * (1 - q) < MIN_SAMPLES_EACH_SIDE) return null;
  const centre = n * q;
  const half = Z_95 * Math.sqrt(n * q * (1 - q));
  return {
    low: Math.min(n, Math.max(1, Math.floor(centre - half))),
    high: Math.min(n, Math.max(1, Math.ceil(centre + half))),
  };
}

function checkQ(q: number): void {
  if (!(q > 0 && q <= 1)) throw new RangeError(`quantile ${q} is outside (0, 1]: pass 0.95 for the 95th percentile`);
}
