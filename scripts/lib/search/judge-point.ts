import type { Interval, IntervalMethod, PointMeasurement, SloBinding, SloSpec, SloVerdict, TrialResult } from '../results/types.ts';
import { median, wilsonInterval } from '../analyze/intervals.ts';
import { Z_95 } from '../analyze/latency-quantiles.ts';

/** Runs of one point before an undecided verdict stops being repeated: 3 first, then up to 5. */
export const FIRST_REPEATS = 3;
export const MAX_REPEATS = 5;

/** What a point's verdict reads of each run. */
export type PointRun = Pick<TrialResult, 'status' | 'summary'> & { spec: { id: string } };

/**
 * Judges one setup at one crowd from its runs. A run that did not pass
 * (killed, unhealthy, no statistics) makes the point miss: a setup that
 * crashes one time in three is not a setup that meets the SLO. Otherwise
 * each limit is judged on its interval: within it when the upper bound is,
 * past it when the lower bound is, undecided in between. Pure.
 */
export function judgePoint(runs: readonly PointRun[], slo: SloSpec): PointMeasurement {
  const trialIds = runs.map((r) => r.spec.id);
  const summaries = runs.flatMap((r) => (r.summary ? [r.summary] : []));
  const p95s = summaries.flatMap((s) => (s.p95Ms === null ? [] : [s.p95Ms]));
  const rpsValues = summaries.map((s) => s.rps);
  const requests = sum(summaries.map((s) => s.requests));
  const failures = sum(summaries.map((s) => s.failures));
  const failureRatio = requests > 0 ? failures / requests : null;
  const failureInterval = requests > 0 ? wilsonInterval(failures, requests) : null;
  const p95Interval = p95Hull(runs);
  const base = {
    trialIds,
    p95Ms: p95s.length ? median(p95s) : null,
    p95AtLeast: summaries.some((s) => s.p95AtLeast),
    p95Interval,
    rps: rpsValues.length ? median(rpsValues) : null,
    rpsInterval: rpsHull(runs),
    failureRatio,
    failureInterval,
    stable: summaries.length === 0 || summaries.some((s) => !s.stability) ? null : summaries.every((s) => s.stability!.stable),
  };
  const failed = runs.find((r) => r.status !== 'passed' || r.summary === null);
  if (failed || runs.length === 0) return { ...base, verdict: runs.length ? 'misses' : 'not-judged', pass: false, binding: 'status' };
  if (p95Interval === null || failureInterval === null) return { ...base, verdict: 'misses', pass: false, binding: 'p95' };

  // The p95 is judged on its interval; a lower bound ("more than N") can only show a miss.
  const p95 = judgeLimit(base.p95AtLeast ? { ...p95Interval, high: Number.POSITIVE_INFINITY } : p95Interval, slo.p95Ms);
  // Zero failures cannot be shown to be under a 1 % limit with few requests (Wilson's upper
  // bound of 0/100 is 3.7 %), and repeating would not change that; they count as within the limit.
  const fail = failures === 0 ? 'meets' : judgeLimit(failureInterval, slo.maxFailureRatio);
  const verdict: SloVerdict = p95 === 'misses' || fail === 'misses' ? 'misses' : p95 === 'undecided' || fail === 'undecided' ? 'undecided' : 'meets';
  return { ...base, verdict, pass: verdict === 'meets', binding: bindingOf(base.p95Ms, failureRatio, slo, p95, fail) };
}

/** Whether another run of this point could change its verdict, and is still allowed. */
export function needsRepeat(point: PointMeasurement): boolean {
  if (point.verdict !== 'undecided') return false;
  return point.trialIds.length < (point.trialIds.length < FIRST_REPEATS ? FIRST_REPEATS : MAX_REPEATS);
}

function judgeLimit(interval: Interval, limit: number): 'meets' | 'misses' | 'undecided' {
  if (interval.high <= limit) return 'meets';
  if (interval.low > limit) return 'misses';
  return 'undecided';
}

/** The limit that decided: the one missed, else the one undecided, else the one closest to its limit. */
function bindingOf(p95Ms: number | null, ratio: number | null, slo: SloSpec, p95: string, fail: string): SloBinding {
  for (const state of ['misses', 'undecided']) {
    if (p95 === state) return 'p95';
    if (fail === state) return 'failures';
  }
  const p95Share = p95Ms === null ? 0 : p95Ms / slo.p95Ms;
  const failShare = ratio === null ? 0 : slo.maxFailureRatio > 0 ? ratio / slo.maxFailureRatio : ratio > 0 ? Infinity : 0;
  return failShare > p95Share ? 'failures' : 'p95';
}

/**
 * One run: its order-statistic interval widened to the p95 of its last
 * sub-windows, since run-to-run noise is larger than sampling noise within a
 * run. Several runs: the hull of those, whose coverage grows with the runs.
 */
function p95Hull(runs: readonly PointRun[]): Interval | null {
  let widened = false;
  const parts = runs.flatMap((r) => {
    const s = r.summary;
    if (!s || s.p95Ms === null) return [];
    const tail = (s.stability?.subWindows ?? []).slice(-3).flatMap((w) => (w.p95Ms === null ? [] : [w.p95Ms]));
    widened ||= tail.length > 0;
    const ci = s.intervals?.p95Ms;
    return [[s.p95Ms, ...tail, ...(ci ? [ci.low, ci.high] : [])]];
  });
  return hull(parts, widened ? 'subwindows-min-max' : 'order-statistic');
}

/**
 * One run: the Poisson counting noise of its window's requests (rate ±
 * 1.96·√count / seconds), widened to its last sub-windows. Several runs: the hull.
 */
function rpsHull(runs: readonly PointRun[]): Interval | null {
  let widened = false;
  const parts = runs.flatMap((r) => {
    const s = r.summary;
    if (!s) return [];
    const tail = (s.stability?.subWindows ?? []).slice(-3).map((w) => w.rps);
    widened ||= tail.length > 0;
    const seconds = s.window?.durationS ?? 0;
    const count = s.rps * seconds;
    const noise = seconds > 0 ? (Z_95 * Math.sqrt(count)) / seconds : 0;
    return [[s.rps, Math.max(0, s.rps - noise), s.rps + noise, ...tail]];
  });
  return hull(parts, widened ? 'subwindows-min-max' : 'poisson');
}

/** [min, max] of every run's values; more than one run makes it `runs-min-max` at level 1 − 2^(1−n). */
function hull(parts: number[][], oneRun: IntervalMethod): Interval | null {
  if (parts.length === 0) return null;
  const all = parts.flat();
  const many = parts.length > 1;
  return { low: Math.min(...all), high: Math.max(...all), level: many ? 1 - 2 ** (1 - parts.length) : 0.95, method: many ? 'runs-min-max' : oneRun };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
