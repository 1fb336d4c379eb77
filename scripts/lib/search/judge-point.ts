import type { Interval, IntervalMethod, PointMeasurement, SloBinding, SloSpec, SloVerdict, TrialResult } from '../results/types.ts';
import { median, runsMinMax, wilsonInterval } from '../analyze/intervals.ts';
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

/**
 * How many runs the point needs before it is judged again: none when decided;
 * an undecided single run goes straight to `FIRST_REPEATS` (two runs give a
 * median's interval of only 50 %), then one more at a time up to `MAX_REPEATS`.
 */
export function repeatsNeeded(point: PointMeasurement): number {
  return point.verdict === 'undecided' ? moreRuns(point.trialIds.length, MAX_REPEATS) : 0;
}

/**
 * Runs to add to a question still open after `runs` runs: up to
 * `FIRST_REPEATS` at once, then one at a time up to `maxRuns`. Shared by an
 * undecided verdict and a close ranking (`tie-repeats.ts`).
 */
export function moreRuns(runs: number, maxRuns: number): number {
  if (runs < FIRST_REPEATS) return Math.max(0, Math.min(FIRST_REPEATS, maxRuns) - runs);
  return runs < maxRuns ? 1 : 0;
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
 * run. Several runs: [min, max] of the runs' p95, an interval of their median
 * at level 1 − 2^(1−n): more runs narrow the question instead of widening it.
 */
function p95Hull(runs: readonly PointRun[]): Interval | null {
  const summaries = runs.flatMap((r) => (r.summary && r.summary.p95Ms !== null ? [r.summary] : []));
  if (summaries.length > 1) return runsMinMax(summaries.map((s) => s.p95Ms!));
  const s = summaries[0];
  if (!s) return null;
  const tail = (s.stability?.subWindows ?? []).slice(-3).flatMap((w) => (w.p95Ms === null ? [] : [w.p95Ms]));
  const ci = s.intervals?.p95Ms;
  return oneRun([s.p95Ms!, ...tail, ...(ci ? [ci.low, ci.high] : [])], tail.length ? 'subwindows-min-max' : 'order-statistic');
}

/**
 * One run: the Poisson counting noise of its window's requests (rate ±
 * 1.96·√count / seconds), widened to its last sub-windows. Several runs: the
 * runs' [min, max], as for the p95.
 */
function rpsHull(runs: readonly PointRun[]): Interval | null {
  const summaries = runs.flatMap((r) => (r.summary ? [r.summary] : []));
  if (summaries.length > 1) return runsMinMax(summaries.map((s) => s.rps));
  const s = summaries[0];
  if (!s) return null;
  const tail = (s.stability?.subWindows ?? []).slice(-3).map((w) => w.rps);
  const seconds = s.window?.durationS ?? 0;
  const noise = seconds > 0 ? (Z_95 * Math.sqrt(s.rps * seconds)) / seconds : 0;
  return oneRun([s.rps, Math.max(0, s.rps - noise), s.rps + noise, ...tail], tail.length ? 'subwindows-min-max' : 'poisson');
}

function oneRun(values: number[], method: IntervalMethod): Interval {
  return { low: Math.min(...values), high: Math.max(...values), level: 0.95, method };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
