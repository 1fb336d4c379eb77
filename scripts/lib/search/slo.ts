import type { PointMeasurement, SloBinding, SloSpec, TrialResult } from '../results/types.ts';

export type { SloBinding };

/** The service level a configuration must meet. Both limits are inclusive. */
export type Slo = SloSpec;

/** The lab's defaults: p95 ≤ 1000 ms and failures ≤ 1%. */
export const DEFAULT_SLO: Slo = { p95Ms: 1000, maxFailureRatio: 0.01 };


/** The SLO verdict on one measurement. */
export interface SloCheck {
  /** Both limits held and the trial passed. */
  pass: boolean;
  /** The p95 that was judged, in ms; `null` when there was none. */
  p95Ms: number | null;
  /** The failure ratio that was judged; `null` when the trial has no summary. */
  failureRatio: number | null;
  /**
   * When failing, the limit that failed (the one exceeded by the larger factor if both were);
   * when passing, the limit closest to being reached, measured as value / limit. `null` only
   * when passing with nothing to compare (never with real measurements).
   */
  binding: SloBinding | null;
  /** One sentence for the report, in English, with the numbers. */
  reason: string;
}

/** A measured p95 and failure ratio, e.g. one step of a ramp. */
export interface SloMeasure {
  /** 95th percentile in ms; `null` when Locust reported `N/A` (no requests in the window). */
  p95Ms: number | null;
  /** Failed / total requests in the same window. */
  failureRatio: number;
}

/**
 * Judges a trial (or anything carrying a status and a summary, such as a sweep cell).
 * Any status but `passed` fails first: an OOM-killed API with a fine p95 before it died is not a pass.
 */
export function checkSlo(trial: Pick<TrialResult, 'status' | 'summary'>, slo: Slo = DEFAULT_SLO): SloCheck {
  if (trial.status !== 'passed') {
    return { pass: false, p95Ms: trial.summary?.p95Ms ?? null, failureRatio: trial.summary?.failureRatio ?? null, binding: 'status', reason: `trial ended ${trial.status}` };
  }
  if (trial.summary === null) return { pass: false, p95Ms: null, failureRatio: null, binding: 'status', reason: 'trial has no statistics' };
  return checkSloMeasure(trial.summary, slo);
}

/** Judges bare numbers against the SLO. */
export function checkSloMeasure(m: SloMeasure, slo: Slo = DEFAULT_SLO): SloCheck {
  const failures = ratioOfLimit(m.failureRatio, slo.maxFailureRatio);
  const failuresText = `failures ${percent(m.failureRatio)} (limit ${percent(slo.maxFailureRatio)})`;
  if (m.p95Ms === null) {
    // No p95 means no request finished in the window: latency cannot be shown to hold.
    const binding = failures > 1 ? 'failures' : 'p95';
    return { pass: false, p95Ms: null, failureRatio: m.failureRatio, binding, reason: `no p95 measured; ${failuresText}` };
  }
  const p95 = ratioOfLimit(m.p95Ms, slo.p95Ms);
  const p95Text = `p95 ${round(m.p95Ms)} ms (limit ${round(slo.p95Ms)} ms)`;
  // Ties go to p95: latency is what the workshop watched.
  const binding: SloBinding = failures > p95 ? 'failures' : 'p95';
  const pass = p95 <= 1 && failures <= 1;
  const verb = pass ? 'meets' : 'misses';
  const text = binding === 'p95' ? `${p95Text}; ${failuresText}` : `${failuresText}; ${p95Text}`;
  return { pass, p95Ms: m.p95Ms, failureRatio: m.failureRatio, binding, reason: `${verb} the SLO: ${text}` };
}

/** value / limit, where a zero limit makes any positive value infinitely over. */
function ratioOfLimit(value: number, limit: number): number {
  if (limit > 0) return value / limit;
  return value > 0 ? Number.POSITIVE_INFINITY : 0;
}

function percent(ratio: number): string {
  return `${round(ratio * 100)}%`;
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** A measured point's verdict as a check, for the searches that walk checks. */
export function pointCheck(point: PointMeasurement): SloCheck {
  return {
    pass: point.pass, p95Ms: point.p95Ms, failureRatio: point.failureRatio, binding: point.binding,
    reason: `${point.verdict} the SLO over ${point.trialIds.length} run(s)`,
  };
}
