import * as v from 'valibot';
import { HostCpuUseSchema } from './calibration-schema.ts';
import { FailurePhaseSchema, LoadSignalIdSchema, TrialFlagSchema, TrialStatusSchema } from './known-literals.ts';
import { TrialSpecSchema } from './trial-spec-schema.ts';
import { TrialSummarySchema } from './trial-summary-schema.ts';

/** A trial's own file in its folder (`trials/<id>/trial.json`): the `TrialResult`, also embedded in `lab-result.json`. */
export const TRIAL_FILE = 'trial.json';

const Exit = v.nullable(v.number());
const Detail = v.nullable(v.string());
const cause = <const Id extends string, const Values extends v.ObjectEntries>(id: Id, values: Values) =>
  v.object({ id: v.literal(id), values: v.object(values) });

/**
 * Why a trial did not pass: a message id and its values, never a sentence.
 * `detail` is outside text kept as evidence (the engine's refusal, Locust's
 * last error line, or a schema-3 sentence no id matched), shown as recorded.
 * NOTE: ids are `CAUSE_IDS` (known-literals.ts); i18n keys `cause.<id>` in
 * templates/i18n/*.json; the console words them in `cli/format-cause.ts`.
 */
export const TrialCauseSchema = v.variant('id', [
  /** The engine refused to start the API (compose up failed). */
  cause('engine-refused', { detail: v.string() }),
  /** The OOM killer killed one of the API's processes; the container kept running. */
  cause('oom-killed-process', { phase: FailurePhaseSchema }),
  /** Someone sent the API a signal (e.g. `docker kill`) and it died; `exit` as inspect read it. */
  cause('killed-by-signal', { signal: v.number(), exit: Exit, phase: FailurePhaseSchema }),
  /** The engine reported the API OOM-killed (inspect's OOMKilled or an `oom` event). */
  cause('oom-killed', { exit: v.number(), phase: FailurePhaseSchema }),
  /** The API died with exit 137 (SIGKILL) but the engine did not report an OOM kill. */
  cause('oom-suspected', { exit: v.number(), phase: FailurePhaseSchema }),
  /** The API exited on its own. */
  cause('exited', { exit: Exit, phase: FailurePhaseSchema }),
  /** `/health` never answered within `timeoutS`. */
  cause('never-healthy', { timeoutS: v.number() }),
  /** Locust outlived its `runTimeS` cap and was killed. */
  cause('locust-timeout', { runTimeS: v.number() }),
  /** Locust exited with an error (exit 2, or killed) after writing its statistics. */
  cause('locust-failed', { exit: Exit, detail: Detail }),
  /** Locust failed and wrote no statistics. */
  cause('locust-no-stats', { exit: Exit, detail: Detail }),
  /** Every request was a connection error: Locust never reached its target. */
  cause('locust-unreachable', { detail: Detail }),
  /** A schema-3 sentence the migration did not recognise, kept as `detail`. */
  cause('unknown', { detail: v.string() }),
]);
export type TrialCause = v.InferOutput<typeof TrialCauseSchema>;

/** Limits as read back from the engine after start, not as asked for. */
export const AppliedLimitsSchema = v.object({
  /** `HostConfig.NanoCpus / 1e9`; `null` when unlimited. */
  cpus: v.nullable(v.number()),
  /** `HostConfig.Memory` in MiB; `null` when unlimited. */
  memoryMb: v.nullable(v.number()),
  /** `HostConfig.MemorySwap` in MiB; equal to `memoryMb` means no swap; `null` when unlimited. */
  memorySwapMb: v.nullable(v.number()),
});
export type AppliedLimits = v.InferOutput<typeof AppliedLimitsSchema>;

/** Percentile columns keyed by their header (`50%`, `95%`, `99%`, ...); `null` for `N/A`. */
export const PercentilesSchema = v.record(v.string(), v.nullable(v.number()));

/**
 * One row of Locust's `_stats.csv`, read by header name.
 * NOTE: field names map to CSV columns in `locust/parse-stats.ts`.
 */
export const EndpointStatsSchema = v.object({
  /** `Type` column (HTTP method), empty for `Aggregated`. */
  method: v.string(),
  /** `Name` column; `Aggregated` for the total row. */
  name: v.string(),
  /** `Request Count`. */
  requests: v.number(),
  /** `Failure Count`. */
  failures: v.number(),
  /** `Median Response Time` in ms. */
  medianMs: v.nullable(v.number()),
  /** `Average Response Time` in ms. */
  avgMs: v.nullable(v.number()),
  /** `Min Response Time` in ms. */
  minMs: v.nullable(v.number()),
  /** `Max Response Time` in ms. */
  maxMs: v.nullable(v.number()),
  /** `Requests/s` over the whole stats window. */
  rps: v.number(),
  /** `Failures/s`. */
  failuresPerS: v.number(),
  /** Percentile columns keyed by their header; `null` for `N/A`. */
  percentiles: PercentilesSchema,
});
export type EndpointStats = v.InferOutput<typeof EndpointStatsSchema>;

/** One row of `_failures.csv` (4 columns before Locust 2.44, 6 after). */
export const FailureRowSchema = v.object({
  /** `Method` column (HTTP method). */
  method: v.string(),
  /** `Name` column (endpoint). */
  name: v.string(),
  /** Error text as Locust wrote it (may contain commas, quotes, newlines). */
  error: v.string(),
  /** `Occurrences` column. */
  occurrences: v.number(),
  /**
   * `First Seen` (ISO) in Locust >= 2.44; before, the end of the first failed request of this method
   * and name in the lab's request samples (`collect/failure-seen-times.ts`).
   */
  firstSeen: v.nullable(v.string()),
  /** `Last Seen` (ISO), likewise: Locust's column, or the end of the last failed request in the samples. */
  lastSeen: v.nullable(v.string()),
  /**
   * `endpoint` when the times are the samples' for every failure of this method and name, which failed
   * with several errors (the samples record no error text); absent when they are this error's.
   */
  seenScope: v.optional(v.picklist(['endpoint'])),
});
export type FailureRow = v.InferOutput<typeof FailureRowSchema>;

/** How the API container ended, from inspect and engine events. */
export const ContainerOutcomeSchema = v.object({
  /** Compose service/container name. */
  name: v.string(),
  /** `State.ExitCode`; `null` when still running at teardown. */
  exitCode: v.nullable(v.number()),
  /** `State.OOMKilled`. */
  oomKilled: v.boolean(),
  /** Engine events seen for this container (`oom`, `die`, `kill`, `start`, ...), with Unix ms. */
  events: v.array(v.object({ t: v.number(), action: v.string() })),
  /** Last lines of the container log, for evidence in the report. */
  logTail: v.array(v.string()),
});
export type ContainerOutcome = v.InferOutput<typeof ContainerOutcomeSchema>;

/**
 * One instant of a trial, for the timeline chart. Built by `analyze/build-timeline.ts`
 * from `_stats_history.csv` (Aggregated rows) and `stats.ndjson`.
 */
export const TimelinePointSchema = v.object({
  /** Seconds since Locust started. */
  s: v.number(),
  /** Locust `User Count` at that instant; `null` between history rows. */
  users: v.nullable(v.number()),
  /** Current requests/s (Locust); `null` for `N/A` or no history row. */
  rps: v.nullable(v.number()),
  /** Windowed median (ms); `null` for `N/A`. */
  p50Ms: v.nullable(v.number()),
  /** Windowed 95th percentile (ms); `null` for `N/A`. */
  p95Ms: v.nullable(v.number()),
  /** API CPU, percent of its limit (or of one core when unlimited); `null` without a sample. */
  apiCpuPercent: v.nullable(v.number()),
  /** API memory in MiB (`docker stats` formula); `null` without a sample. */
  apiMemoryMb: v.nullable(v.number()),
});
export type TimelinePoint = v.InferOutput<typeof TimelinePointSchema>;

const TimelineArraySchema = v.array(TimelinePointSchema);
const TIMELINE_NUMBERS = ['users', 'rps', 'p50Ms', 'p95Ms', 'apiCpuPercent', 'apiMemoryMb'] as const;

/**
 * A trial's timeline, as `v.array(TimelinePointSchema)` checks it. It is most
 * of a long run's file (600 points a trial, 120,000 in the report benchmark),
 * so a plain loop checks it first and valibot walks it only when the loop
 * finds a problem: a wrong point is still named by its path.
 */
export const TimelineSchema: typeof TimelineArraySchema = {
  ...TimelineArraySchema,
  '~run'(dataset, config) {
    if (isTimeline(dataset.value)) {
      (dataset as { typed: boolean }).typed = true;
      return dataset as unknown as ReturnType<(typeof TimelineArraySchema)['~run']>;
    }
    return TimelineArraySchema['~run'](dataset, config);
  },
};

function isTimeline(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const point of value) {
    if (typeof point !== 'object' || point === null || typeof point.s !== 'number') return false;
    for (const key of TIMELINE_NUMBERS) {
      const n = point[key];
      if (n !== null && (typeof n !== 'number' || Number.isNaN(n))) return false;
    }
  }
  return true;
}

/** Where a trial's time went, in milliseconds. */
export const TrialTimingSchema = v.object({
  /** ISO start time. */
  startedAt: v.string(),
  /**
   * ISO time Locust started (the zero of `TimelinePoint.s`); absent in results
   * written before it was recorded. NOTE: the report places container events
   * (oom, die) on the timeline with it; without it, it estimates
   * `startedAt + setupMs` and says so.
   */
  loadStartedAt: v.optional(v.string()),
  /** compose up until the API answered `/health` (0 if never). */
  setupMs: v.number(),
  /** Locust running. */
  loadMs: v.number(),
  /** Stop, inspect, collect and compose down. */
  teardownMs: v.number(),
  /** Whole trial wall time. */
  totalMs: v.number(),
});
export type TrialTiming = v.InferOutput<typeof TrialTimingSchema>;

const File = v.nullable(v.string());

/** Raw files of a trial, relative to the run folder. `null` when not written. */
export const TrialFilesSchema = v.object({
  /** The compose file the trial ran. */
  compose: v.string(),
  /** This trial's `trial.json` (`TRIAL_FILE`). */
  trialJson: v.string(),
  /** Locust `_stats.csv`. */
  statsCsv: File,
  /** Locust `_stats_history.csv`. */
  historyCsv: File,
  /** Locust `_failures.csv`. */
  failuresCsv: File,
  /** Locust `_exceptions.csv`. */
  exceptionsCsv: File,
  /** Container stats samples, one JSON a line. */
  statsNdjson: File,
  /** `docker inspect` of the (first) API container at the end. */
  apiInspect: File,
  /** Locust container log. */
  locustLog: File,
  /** Per-request samples of the lab's Locust hook (`locust_requests*.csv`, one file per Locust process). */
  requestsCsv: v.array(v.string()),
  /** Locust phases the hook saw (`locust_phases.ndjson`). */
  phases: File,
  /** API container log. */
  apiLog: File,
});
export type TrialFiles = v.InferOutput<typeof TrialFilesSchema>;

/** One trial's lazy-loading evidence, as numbers; `signals` says which of them crossed its limit. */
export const LoadSignalsSchema = v.object({
  /** Most processes one API container ran at a reading; `null` when never counted. */
  processesMax: v.nullable(v.number()),
  /** Processes the command runs: workers plus supervisors (`analyze/expected-processes.ts`); `null` for a command the rule does not know. */
  processesExpected: v.nullable(v.number()),
  /** API memory once settled after it turned healthy, before its first request, MiB; `null` when not read (a reused API). */
  memoryAtHealthMb: v.nullable(v.number()),
  /** Highest API memory from the first request to the end of the load, MiB. */
  memoryAfterFirstMb: v.nullable(v.number()),
  /** A rise above this counts as a step, MiB. */
  stepLimitMb: v.nullable(v.number()),
  signals: v.array(LoadSignalIdSchema),
});
export type LoadSignals = v.InferOutput<typeof LoadSignalsSchema>;

/** One finished trial (`trial.json`), also embedded in `lab-result.json`. */
export const TrialResultSchema = v.object({
  /** The spec the trial ran. */
  spec: TrialSpecSchema,
  /** How it ended. */
  status: TrialStatusSchema,
  /** Why it did not pass, as a message id with its values; `null` for `passed` (schema 3 stored an English sentence). */
  cause: v.nullable(TrialCauseSchema),
  /** When the API died relative to the load; `null` if it did not. */
  failurePhase: v.nullable(FailurePhaseSchema),
  /** Engine error text for `engine-error` (e.g. `port is already allocated`). */
  engineError: v.nullable(v.string()),
  /** Limits read back from the engine; `null` when the container never started. */
  appliedLimits: v.nullable(AppliedLimitsSchema),
  /** Image digest (`sha256:...` image ID) the API ran. */
  imageId: v.nullable(v.string()),
  /** Locust's exit code (0 clean, 1 some request failed, 2 Locust error); `null` if it never ran. */
  locustExitCode: v.nullable(v.number()),
  /** Summary numbers; `null` when Locust produced no stats. */
  summary: v.nullable(TrialSummarySchema),
  /** Aggregated `_stats.csv` rows per endpoint, steady window. */
  endpoints: v.array(EndpointStatsSchema),
  /** `_failures.csv` rows. */
  failures: v.array(FailureRowSchema),
  /** The API container(s) at the end. */
  containers: v.array(ContainerOutcomeSchema),
  /** Time series for charts: Locust history joined with API stats, one point a second at most. */
  timeline: TimelineSchema,
  /** Flags such as `generator-saturated` or `short-steady-window`. NOTE: i18n keys in templates. */
  flags: v.array(TrialFlagSchema),
  /** Timing of the trial's phases, milliseconds. */
  timing: TrialTimingSchema,
  /** Files of this trial, relative to the run folder (for links in the report). */
  files: TrialFilesSchema,
  /** Host CPU during the trial's load (steal, outside-lab use); `null` when not read (migrated results). */
  hostCpu: v.nullable(HostCpuUseSchema),
  /**
   * The trial whose API this one loaded again, with no restart in between
   * (repeats, crowds and probes of one setup); `null` or absent when the
   * trial started its own API.
   */
  apiReusedFrom: v.optional(v.nullable(v.string())),
  /** Signs of a model loaded lazily, read from the API's stats samples (`analyze/load-signals.ts`); absent in older results. */
  loadSignals: v.optional(LoadSignalsSchema),
});
export type TrialResult = v.InferOutput<typeof TrialResultSchema>;
