import type { HistoryRow } from '../results/types.ts';

/** One step of a step ramp, as the history measured it. */
export interface RampStep {
  users: number;
  /** Windowed p95 (Locust's 10 s window) at the end of the step, ms. */
  p95Ms: number | null;
  /** Failures / requests made during the step. */
  failureRatio: number;
  requests: number;
}

/**
 * Reads each step of a ramp from the Aggregated history: rows are grouped by
 * their user count, the p95 is the windowed value at the step's last row (an
 * average of percentiles would not be a percentile), and failures come from
 * the cumulative totals across the step.
 */
export function rampSteps(history: HistoryRow[], steps: number[]): RampStep[] {
  const agg = history.filter((h) => h.name === 'Aggregated');
  return steps.map((users) => {
    const rows = agg.filter((h) => h.users === users);
    const first = rows[0];
    const last = rows.at(-1);
    if (!first || !last) return { users, p95Ms: null, failureRatio: 1, requests: 0 };
    const before = agg[agg.indexOf(first) - 1] ?? { totalRequests: 0, totalFailures: 0 };
    const requests = last.totalRequests - before.totalRequests;
    const failures = last.totalFailures - before.totalFailures;
    // A step with no requests at all did not serve its users: count it as failing.
    return { users, p95Ms: last.percentiles['95%'] ?? null, failureRatio: requests > 0 ? failures / requests : 1, requests };
  });
}
