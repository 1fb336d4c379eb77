import type { RequestSample, Stability } from '../results/types.ts';
import { latencyQuantiles, nearestRank, Z_95 } from './latency-quantiles.ts';
import type { SteadyWindow } from './steady-window.ts';

/** Sub-window length, s: five 1 Hz stats samples each, and ~6 sub-windows in a 30 s window. */
export const SUBWINDOW_S = 5;
/** The last this-many sub-windows must agree (NVIDIA perf_analyzer's stability rule uses 3 measurements). */
export const STABLE_SUBWINDOWS = 3;
/** Relative spread (max − min) / mean allowed among them (perf_analyzer's default 10 %). */
export const STABILITY_TOLERANCE = 0.1;
/** The p95 trend is expressed per this many seconds (two sub-windows: easy to read next to the spread). */
export const TREND_PER_S = 10;
/** |p95Trend| above this (10 % of the mean p95 per 10 s) flags the window `p95-trending`. */
export const TREND_LIMIT = 0.1;

/**
 * Splits the window into full `SUBWINDOW_S` sub-windows from its start (a
 * partial one at the end is dropped), gives each its throughput and exact p95,
 * and judges the last `STABLE_SUBWINDOWS`: stable when both their throughput
 * and their p95 spread, (max − min) / mean, are within `STABILITY_TOLERANCE`.
 *
 * A request belongs to the sub-window in which it finished (start + latency,
 * half-open [start, end)), as for the window's throughput. Censored requests
 * never finished and belong to none; the window's failures count them.
 * `p95Trend` is the least-squares slope of the sub-window p95s against their
 * mid-times, relative to their mean, per `TREND_PER_S` seconds.
 *
 * `null` when fewer than `STABLE_SUBWINDOWS` full sub-windows fit: too short
 * to judge. One pass to bucket plus a sort per bucket: O(n log n), cheap
 * enough to poll a live file every 2 s.
 */
export function measureStability(
  samples: readonly RequestSample[],
  window: Pick<SteadyWindow, 'startMs' | 'endMs'>,
  originMs: number,
): Stability | null {
  const subMs = SUBWINDOW_S * 1000;
  const count = Math.floor((window.endMs - window.startMs) / subMs);
  if (count < STABLE_SUBWINDOWS) return null;
  const buckets: number[][] = Array.from({ length: count }, () => []);
  for (const s of samples) {
    if (s.status === 'censored') continue;
    const i = Math.floor((s.startMs + s.latencyMs - window.startMs) / subMs);
    if (i >= 0 && i < count) buckets[i]!.push(s.latencyMs);
  }
  const lastBuckets = buckets.slice(-STABLE_SUBWINDOWS);
  const subWindows = buckets.map((latencies, i) => ({
    startS: (window.startMs + i * subMs - originMs) / 1000,
    requests: latencies.length,
    rps: latencies.length / SUBWINDOW_S,
    p95Ms: p95(latencies),
  }));

  const last = subWindows.slice(-STABLE_SUBWINDOWS);
  const rpsSpread = spread(last.map((w) => w.rps));
  const p95s = last.map((w) => w.p95Ms);
  const p95Spread = p95s.every((p): p is number => p !== null) ? spread(p95s) : null;
  const rpsTight = rpsSpread !== null && rpsSpread <= STABILITY_TOLERANCE;
  const p95Tight = p95Spread !== null && p95Spread <= STABILITY_TOLERANCE;
  // At tens of requests a second a 5 s p95 moves by more than 10 % from sampling alone; a
  // spread no larger than that noise is agreement too, and `within` says which rule held.
  const rpsAgree = rpsTight || countsWithinNoise(last.map((w) => w.requests));
  const p95Agree = p95Tight || (p95Spread !== null && p95IntervalsOverlap(lastBuckets));
  const stable = rpsAgree && p95Agree;
  return {
    subWindowS: SUBWINDOW_S,
    subWindows,
    stable,
    within: !stable ? null : rpsTight && p95Tight ? 'tolerance' : 'sampling-noise',
    tolerance: STABILITY_TOLERANCE,
    rpsSpread,
    p95Spread,
    p95Trend: relativeTrend(subWindows.map((w) => [w.startS + SUBWINDOW_S / 2, w.p95Ms] as const)),
  };
}

/**
 * Request counts whose range is within what Poisson arrivals give by chance:
 * the difference of two counts around a mean m has a standard deviation of
 * about √(2m), so a range up to z·√(2m) is noise.
 */
function countsWithinNoise(counts: number[]): boolean {
  const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
  return mean > 0 && Math.max(...counts) - Math.min(...counts) <= Z_95 * Math.sqrt(2 * mean);
}

/** The sub-windows' p95 order-statistic intervals share a point: their p95s cannot be told apart. */
function p95IntervalsOverlap(buckets: number[][]): boolean {
  const intervals = buckets.map((latencies) => latencyQuantiles(latencies, []).interval(0.95));
  if (intervals.some((i) => i === null)) return false;
  return Math.max(...intervals.map((i) => i!.low)) <= Math.min(...intervals.map((i) => i!.high));
}

function p95(latencies: number[]): number | null {
  if (latencies.length === 0) return null;
  const sorted = Float64Array.from(latencies).sort();
  return sorted[nearestRank(0.95, sorted.length) - 1]!;
}

/** (max − min) / mean; 0 when all are 0 (nothing moved, nothing disagrees). */
function spread(values: number[]): number | null {
  if (values.length === 0) return null;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const range = Math.max(...values) - Math.min(...values);
  if (mean === 0) return range === 0 ? 0 : null;
  return range / mean;
}

/** Least-squares slope of y over t (s), × TREND_PER_S / mean y; `null` with fewer than 3 points or a zero mean. */
function relativeTrend(points: (readonly [number, number | null])[]): number | null {
  const xy = points.filter((p): p is readonly [number, number] => p[1] !== null);
  if (xy.length < 3) return null;
  const mt = xy.reduce((a, [t]) => a + t, 0) / xy.length;
  const my = xy.reduce((a, [, y]) => a + y, 0) / xy.length;
  let sty = 0;
  let stt = 0;
  for (const [t, y] of xy) {
    sty += (t - mt) * (y - my);
    stt += (t - mt) * (t - mt);
  }
  if (my === 0 || stt === 0) return null;
  return ((sty / stt) * TREND_PER_S) / my;
}
