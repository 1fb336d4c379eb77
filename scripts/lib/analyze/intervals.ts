import type { Interval } from '../results/types.ts';
import { Z_95 } from './latency-quantiles.ts';

/**
 * Wilson score interval of a ratio (e.g. failures / requests) at 95 %. Unlike
 * the normal (Wald) interval it stays inside [0, 1] and is not [0, 0] when
 * nothing failed: 0 failures in 500 requests still allows up to 0.76 %.
 * With no trials at all nothing is known, and the interval is [0, 1].
 */
export function wilsonInterval(hits: number, trials: number): Interval {
  if (trials <= 0) return { low: 0, high: 1, level: 0.95, method: 'wilson' };
  if (hits < 0 || hits > trials) throw new RangeError(`${hits} of ${trials} is not a ratio: count failures among the same requests`);
  const z2 = Z_95 * Z_95;
  const p = hits / trials;
  const denom = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denom;
  const half = (Z_95 * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denom;
  // The ends are exactly 0 and 1 at 0 and all hits; floating point would leave 4e-19.
  const low = hits === 0 ? 0 : Math.max(0, centre - half);
  const high = hits === trials ? 1 : Math.min(1, centre + half);
  return { low, high, level: 0.95, method: 'wilson' };
}

/**
 * [min, max] of n repeated runs as an interval of their median. The median
 * lies outside it only if every run fell on the same side of it, which has
 * probability 2 · 2^(−n) for any continuous distribution, so the level is
 * 1 − 2^(1−n) (3 runs: 75 %, 5 runs: 93.75 %). `null` below 2 runs (level 0).
 */
export function runsMinMax(values: readonly number[]): Interval | null {
  if (values.length < 2) return null;
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  return { low, high, level: 1 - 2 ** (1 - values.length), method: 'runs-min-max' };
}

/** Middle value (mean of the two middle ones for an even count); `null` when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Closed intervals share at least one point (touching ends count). */
export function overlaps(a: Pick<Interval, 'low' | 'high'>, b: Pick<Interval, 'low' | 'high'>): boolean {
  return a.low <= b.high && b.low <= a.high;
}

/**
 * The lab's tie rule: two measurements whose intervals overlap are a tie;
 * otherwise `a` is `lower` or `higher` than `b`. Whether lower is better
 * (p95) or worse (rps) is the caller's call.
 */
export function compareIntervals(a: Pick<Interval, 'low' | 'high'>, b: Pick<Interval, 'low' | 'high'>): 'tie' | 'lower' | 'higher' {
  if (overlaps(a, b)) return 'tie';
  return a.high < b.low ? 'lower' : 'higher';
}
