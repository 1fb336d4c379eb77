/**
 * The result contract between measuring and rendering, as types.
 *
 * The contract's one definition is the valibot schemas beside this file: the
 * run (`lab-result-schema.ts`), a trial (`trial-schema.ts`, `trial-spec-schema.ts`,
 * `trial-summary-schema.ts`), one schema per stage (`stages/*.ts`), the host's
 * calibration and the known literals; each exports its type as
 * `v.InferOutput<typeof XSchema>`, re-exported here so callers import one module.
 * The loader (`report/load-result.ts`) validates a read file with the same schemas.
 */

export { SCHEMA_VERSION, RESULT_FILE } from './lab-result-schema.ts';
export type { CommandRecord, HostInfo, LabResult, RunWarning, StageResults, WarningSeverity } from './lab-result-schema.ts';
export type {
  FailurePhase, IntervalMethod, LoadSignalId, MemorySearchVerdict, ProbeClassName, RaceSignalId, SloBinding, SloVerdict, TrialFlag, TrialStatus,
} from './known-literals.ts';
export type { Interval, PointMeasurement, SloSpec } from './measure-schema.ts';
export type { TrialHealth, TrialSpec, WarmupRequest } from './trial-spec-schema.ts';
export type { LittlesLaw, MeasureWindow, Stability, TrialIntervals, TrialSummary } from './trial-summary-schema.ts';
export type {
  AppliedLimits, ContainerOutcome, EndpointStats, FailureRow, LoadSignals, TimelinePoint, TrialCause, TrialFiles, TrialResult, TrialTiming,
} from './trial-schema.ts';
export type { CalibrationProbe, HostCalibration, HostCpuUse, ReferenceAnswer, ReferenceAnswers } from './calibration-schema.ts';
export type { StageBase } from './stages/stage-base.ts';
export type { PublishStage, PublishedImage } from './stages/publish-stage.ts';
export type { DeployStage } from './stages/deploy-stage.ts';
export type { MemoryFloorStage, MemoryProbeRecord, MemorySearchRecord } from './stages/memory-floor-stage.ts';
export type { SweepCell, SweepStage } from './stages/sweep-stage.ts';
export type { ReplicaComparison, ReplicaRun, ReplicasStage } from './stages/replicas-stage.ts';
export type { WorkerCell, WorkerConfig, WorkersStage } from './stages/workers-stage.ts';
export type { MaxUsersStage, OperationalBound, UsersCurvePoint, UslFit } from './stages/max-users-stage.ts';

// Raw files of a run folder that the lab reads but `lab-result.json` does not
// embed; their parsers (collect/, locust/) check them row by row.

/** One row of `_stats_history.csv` (Aggregated or one endpoint). */
export interface HistoryRow {
  /** Unix seconds. */
  timestamp: number;
  /** `User Count`. */
  users: number;
  /** `Name` column. */
  name: string;
  /** Current requests/s; `null` for `N/A`. */
  rps: number | null;
  /** Current failures/s; `null` for `N/A`. */
  failuresPerS: number | null;
  /** Percentiles keyed by header (`50%`, `95%`...); windowed (10 s) under `--csv-full-history`. */
  percentiles: Record<string, number | null>;
  /** `Total Request Count` (cumulative). */
  totalRequests: number;
  /** `Total Failure Count` (cumulative). */
  totalFailures: number;
  /** `Total Median Response Time`, ms; `null` for `N/A`. */
  totalMedianMs: number | null;
  /** `Total Average Response Time`, ms; `null` for `N/A`. */
  totalAvgMs: number | null;
}

/** One row of `_exceptions.csv`. */
export interface ExceptionRow {
  /** `Count` column. */
  count: number;
  /** `Message` column. */
  message: string;
  /** `Traceback` column (multi-line). */
  traceback: string;
  /** `Nodes` column (where it happened). */
  nodes: string;
}

/**
 * One request as the lab's Locust hook recorded it.
 * NOTE: columns of `locust_requests*.csv`, written by `locust/locust_lab_hook.py`
 * and read by `locust/parse-requests.ts`.
 */
export interface RequestSample {
  /** Unix ms the request started. */
  startMs: number;
  /** Response time, ms; for a `censored` request, the age it had reached when Locust stopped it. */
  latencyMs: number;
  /** `ok`; `fail` (an exception or a failing status); `censored` (never finished). */
  status: 'ok' | 'fail' | 'censored';
  /** HTTP method. */
  method: string;
  /** Request name as Locust groups it. */
  name: string;
  /** The simulated user that sent it, unique within the trial. */
  user: string;
}

/**
 * Locust's phases as the lab's hook saw them, Unix ms.
 * NOTE: lines of `locust_phases.ndjson`, written by `locust/locust_lab_hook.py`.
 */
export interface LocustPhases {
  /** `test_start`. */
  testStartMs: number | null;
  /** Every `spawning_complete`, in order; a ramp has one per step. */
  spawned: { tMs: number; users: number }[];
  /** `test_stopping`: the run-time cap, or the lab's stop once the window was stable. */
  stoppingMs: number | null;
  /** `test_stop`: every user stopped (or was killed after the stop timeout). */
  stoppedMs: number | null;
  /** The lab asked Locust to stop early because the window was stable; `null` if it did not. */
  stopRequestedMs: number | null;
}

/** One container stats sample, as written to `stats.ndjson` (one JSON object a line). */
export interface StatsSample {
  /** Unix milliseconds when the engine read the sample. */
  t: number;
  /** Which container: `api` (or `api-2` ...) or `locust`. */
  container: string;
  /** CPU in percent of one core (100 = one full core), `docker stats` formula. */
  cpuPercentOfCore: number;
  /** CPU in percent of the container's CPU limit; `null` when unlimited. */
  cpuPercentOfLimit: number | null;
  /** Memory in bytes as `docker stats` shows it (usage minus inactive file cache). */
  memoryBytes: number;
  /** Memory limit in bytes as the engine reports it. */
  memoryLimitBytes: number;
  /** Processes in the container (the engine's `top`, read every few seconds; the latest count); absent when not counted (Locust, nginx, older results). */
  processes?: number;
}
