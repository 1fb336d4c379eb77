import * as v from 'valibot';
import { IntervalSchema } from './measure-schema.ts';

const ms = v.nullable(v.number());

/**
 * The span of a trial the summary covers, in seconds after Locust started.
 * It opens once all users were spawned plus a warm-up and closes when Locust
 * began to stop. NOTE: the report shows it for every trial (i18n `window.*`).
 */
export const MeasureWindowSchema = v.object({
  /** `request-samples`: exact, from the lab's Locust hook; `locust-stats`: Locust's `--reset-stats` summary (no hook). */
  basis: v.picklist(['request-samples', 'locust-stats']),
  /** Window start, s after Locust started. */
  startS: v.number(),
  /** Window end, s after Locust started. */
  endS: v.number(),
  /** endS - startS. */
  durationS: v.number(),
  /** Seconds skipped after spawning completed, before the window opened. */
  warmupS: v.number(),
  /** Requests counted in it (finished plus censored). */
  requests: v.number(),
});
export type MeasureWindow = v.InferOutput<typeof MeasureWindowSchema>;

/** Throughput and p95 per sub-window, and whether the last ones agree. */
export const StabilitySchema = v.object({
  /** Length of each sub-window, s. */
  subWindowS: v.number(),
  /** Full sub-windows in order. */
  subWindows: v.array(v.object({ startS: v.number(), requests: v.number(), rps: v.number(), p95Ms: ms })),
  /** The last `STABLE_SUBWINDOWS` agree within `tolerance` on throughput and p95 (perf_analyzer's rule), or within sampling noise. */
  stable: v.boolean(),
  /**
   * Which rule the agreement met: `tolerance` (spreads within 10 %), or
   * `sampling-noise` (a spread larger than 10 % but no larger than chance gives at
   * these request counts: Poisson counts, overlapping p95 order-statistic
   * intervals); `null` when not stable. Absent in results written before it existed.
   */
  within: v.optional(v.nullable(v.picklist(['tolerance', 'sampling-noise']))),
  /** Relative tolerance used (0.1 = 10 %). */
  tolerance: v.number(),
  /** (max - min) / mean of the last sub-windows' throughput; `null` with too few. */
  rpsSpread: v.nullable(v.number()),
  /** (max - min) / mean of the last sub-windows' p95; `null` with too few. */
  p95Spread: v.nullable(v.number()),
  /** Least-squares slope of the sub-window p95 over the window, relative to its mean, per 10 s; `null` with fewer than 3. */
  p95Trend: v.nullable(v.number()),
});
export type Stability = v.InferOutput<typeof StabilitySchema>;

/** Within-run intervals of one trial. */
export const TrialIntervalsSchema = v.object({
  /** Distribution-free interval of the p95 (order statistics of the samples); `null` with too few requests. */
  p95Ms: v.nullable(IntervalSchema),
  /** Wilson interval of the failure ratio. */
  failureRatio: IntervalSchema,
});
export type TrialIntervals = v.InferOutput<typeof TrialIntervalsSchema>;

/** Little's law for a closed loop: users N against throughput X times (response time R + think time Z). */
export const LittlesLawSchema = v.object({
  /** Users Locust held. */
  users: v.number(),
  /** X · (R + Z). */
  predictedUsers: v.number(),
  /** |predicted - users| / users. */
  deviation: v.number(),
});
export type LittlesLaw = v.InferOutput<typeof LittlesLawSchema>;

/**
 * Summary of a trial, computed from its raw files by `analyze/summarize-trial.ts`.
 * Latency, throughput, CPU and memory all cover the same steady `window`.
 */
export const TrialSummarySchema = v.object({
  /** Requests finished per second within the window. */
  rps: v.number(),
  /** Median response time (ms), exact from the per-request samples. */
  p50Ms: ms,
  /**
   * 95th percentile (ms), exact from the per-request samples. When censored requests
   * (never finished) reach into the top 5 %, this is the largest age seen and
   * `p95AtLeast` is true: the p95 is "more than" this value.
   */
  p95Ms: ms,
  /** 99th percentile (ms), as `p95Ms`. */
  p99Ms: ms,
  /** True when `p95Ms` is a lower bound because censored requests decide it. */
  p95AtLeast: v.boolean(),
  /** Mean response time of the finished requests in the window, ms; `null` without any. */
  meanMs: ms,
  /** Requests in the window: finished ones plus censored ones. */
  requests: v.number(),
  /** Failed requests plus censored ones: a request that never finished counts against the SLO. */
  failures: v.number(),
  /** failures / requests, 0 when there were no requests. */
  failureRatio: v.number(),
  /** Requests still unfinished when Locust stopped (killed after its stop timeout). */
  censored: v.number(),
  /** Oldest age a censored request reached, ms; `null` when none. */
  censoredMaxAgeMs: ms,
  /** Peak API memory in MiB over the trial (all API containers summed per sample instant). */
  apiPeakMemoryMb: v.nullable(v.number()),
  /** Mean API memory in MiB, within the window. */
  apiMeanMemoryMb: v.nullable(v.number()),
  /** Peak API CPU in percent of one core, within the window, never above the limit (see flag `cpu-above-limit`). */
  apiPeakCpuPercent: v.nullable(v.number()),
  /** Mean API CPU in percent of one core, within the window. */
  apiMeanCpuPercent: v.nullable(v.number()),
  /** Peak Locust CPU in percent of one core; above 90 the generator, not the API, was measured. */
  locustPeakCpuPercent: v.nullable(v.number()),
  /** Mean Locust CPU in percent of one core, within the window. */
  locustMeanCpuPercent: v.nullable(v.number()),
  /** Number of stats samples kept. */
  statsSamples: v.number(),
  /** What the numbers cover; `null` only in results migrated from schema 1. */
  window: v.nullable(MeasureWindowSchema),
  /** Sub-window agreement within the window; `null` when the window is too short to split or was not sampled. */
  stability: v.nullable(StabilitySchema),
  /** Within-run 95 % intervals; `null` in migrated results. */
  intervals: v.nullable(TrialIntervalsSchema),
  /** Mean think time per user (a user's request end to its next start), s; `null` without samples. */
  thinkTimeS: v.nullable(v.number()),
  /** API CPU time per finished request, ms (service demand D = U / X); `null` without CPU samples. */
  serviceDemandMs: v.nullable(v.number()),
  /** Little's law N ≈ X · (R + Z) on this window, with N the users seen in it; `null` when it cannot be checked. */
  littlesLaw: v.nullable(LittlesLawSchema),
  /**
   * Distinct simulated users with a request in the window (finished in it, or
   * still in flight at its end): the crowd that really ran, which Locust's own
   * count can misstate. `null` without request samples; absent in older results.
   */
  activeUsers: v.optional(v.nullable(v.number())),
});
export type TrialSummary = v.InferOutput<typeof TrialSummarySchema>;
