import * as v from 'valibot';

// The contract's closed sets of literals. Each becomes an i18n key, a CSS class
// or a chart legend, so the loader refuses a literal it has no words for. The
// arrays are the one definition: the unions in the schemas and types come from
// them, and the i18n completeness tests walk them.

/**
 * How a trial ended. NOTE: the report's status badges and i18n keys `status.*` use these literals.
 * `passed`: Locust ran to its cap and the API stayed up (failures may still be > 0);
 * `oom-killed`: the API was OOM-killed (OOMKilled true or exit 137);
 * `crashed`: the API exited on its own (non-137 exit) or was killed by someone else;
 * `unhealthy`: it never answered its health check within `healthTimeoutS`;
 * `timeout`: Locust outlived its outer timeout and was killed;
 * `locust-error`: Locust itself failed (exit 2, crash, no CSV written);
 * `engine-error`: the engine refused to start something (e.g. port already allocated).
 */
export const TRIAL_STATUSES = ['passed', 'oom-killed', 'crashed', 'unhealthy', 'timeout', 'locust-error', 'engine-error'] as const;
/**
 * Validity flags on a trial, in the order the warnings list them: a saturated generator first,
 * since it invalidates the numbers it touches. NOTE: each literal has an i18n message `flag.*`.
 * `unstable`: the last sub-windows disagreed by more than the tolerance; `p95-trending`: the p95
 * still rose or fell across the window; `littles-law`: off by more than 10 % (users waited where the
 * window does not see); `censored-requests`: some requests never finished (counted as failures, p95
 * may be a lower bound); `cpu-above-limit`: a CPU sample read above the limit (jitter; the peak is
 * capped); `host-busy`: processes outside the lab used more CPU than the noise limit; `no-request-samples`:
 * Locust's own rounded statistics were used; `crowd-mismatch`: the users seen in the window differ from
 * the crowd asked for by more than 5 % (e.g. distributed workers re-sent their users).
 */
export const TRIAL_FLAGS = [
  'generator-saturated', 'short-steady-window', 'no-requests', 'few-stats-samples',
  'unstable', 'p95-trending', 'littles-law', 'censored-requests', 'cpu-above-limit', 'host-busy', 'no-request-samples', 'crowd-mismatch',
] as const;
/** When, relative to the load, the API died. Only set for `oom-killed` and `crashed`. NOTE: i18n keys `phase.*`. */
export const FAILURE_PHASES = ['startup', 'first-request', 'under-load', 'after-load'] as const;
/** Why a trial did not pass (`TrialCause['id']`). NOTE: i18n keys `cause.*`; the console words them in `cli/format-cause.ts`. */
export const CAUSE_IDS = [
  'engine-refused', 'oom-killed-process', 'killed-by-signal', 'oom-killed', 'oom-suspected', 'exited',
  'never-healthy', 'locust-timeout', 'locust-failed', 'locust-no-stats', 'locust-unreachable', 'unknown',
] as const;
/** Outcome class of one memory probe. NOTE: i18n keys `probe.*`. */
export const PROBE_CLASS_NAMES = ['never-healthy', 'oom-at-start', 'oom-at-first-request', 'oom-under-load', 'crashed', 'healthy', 'inconclusive'] as const;
/**
 * Which SLO limit decided a check. `status` means the trial itself did not
 * pass (killed, unhealthy, no stats). NOTE: i18n keys `binding.*`.
 */
export const SLO_BINDINGS = ['p95', 'failures', 'status'] as const;
/** How a memory bisection ended. NOTE: i18n keys `memoryVerdict.*`. */
export const MEMORY_VERDICTS = ['found', 'found-flaky', 'low-passes', 'no-pass-within-range', 'budget-exhausted'] as const;
/**
 * How a point of the users curve was taken: a ramp step (a bracket only, never a verdict),
 * a bisection probe, or a long steady hold. NOTE: chart legend and i18n keys.
 */
export const CURVE_SOURCES = ['ramp', 'bisect', 'hold'] as const;
/**
 * `meets`: the interval's upper bound is within every limit; `misses`: a run
 * failed, or an interval lies wholly past a limit; `undecided`: an interval
 * still straddles a limit after the most repeats; `not-judged`: no numbers.
 * NOTE: i18n keys `verdict.*`.
 */
export const SLO_VERDICTS = ['meets', 'misses', 'undecided', 'not-judged'] as const;
/** How an interval was computed. NOTE: i18n keys `interval.*`. */
export const INTERVAL_METHODS = ['order-statistic', 'wilson', 'runs-min-max', 'subwindows-min-max', 'poisson'] as const;
/**
 * `same-total-cpu`: one replica with all the replicas' CPUs; `per-replica-cpu`: one replica
 * with one replica's CPUs (the pair has more CPU in total).
 */
export const REPLICA_BASES = ['same-total-cpu', 'per-replica-cpu'] as const;
/** Signs of a model loaded lazily in one trial: more processes than its command runs, memory stepping up after the first requests. NOTE: i18n keys. */
export const LOAD_SIGNALS = ['extra-processes', 'memory-step-up'] as const;
/** The workers stage's race evidence: more model loads logged than workers, a multi-worker API OOM-killed, or a trial's load signals. NOTE: i18n keys. */
export const RACE_SIGNALS = ['model-loads', 'oom-killed', ...LOAD_SIGNALS] as const;
/** Validity warnings. NOTE: each id has an i18n message `warning.<id>`. */
export const WARNING_IDS = ['trial-flag', 'trial-failed', 'stage-error', 'host-forced', 'host-probe-missed', 'host-drift'] as const;

export const TrialStatusSchema = v.picklist(TRIAL_STATUSES);
export const TrialFlagSchema = v.picklist(TRIAL_FLAGS);
export const FailurePhaseSchema = v.picklist(FAILURE_PHASES);
export const ProbeClassNameSchema = v.picklist(PROBE_CLASS_NAMES);
export const SloBindingSchema = v.picklist(SLO_BINDINGS);
export const MemorySearchVerdictSchema = v.picklist(MEMORY_VERDICTS);
export const SloVerdictSchema = v.picklist(SLO_VERDICTS);
export const IntervalMethodSchema = v.picklist(INTERVAL_METHODS);
export const LoadSignalIdSchema = v.picklist(LOAD_SIGNALS);
export const RaceSignalIdSchema = v.picklist(RACE_SIGNALS);

export type TrialStatus = v.InferOutput<typeof TrialStatusSchema>;
export type TrialFlag = v.InferOutput<typeof TrialFlagSchema>;
export type FailurePhase = v.InferOutput<typeof FailurePhaseSchema>;
export type ProbeClassName = v.InferOutput<typeof ProbeClassNameSchema>;
export type SloBinding = v.InferOutput<typeof SloBindingSchema>;
export type MemorySearchVerdict = v.InferOutput<typeof MemorySearchVerdictSchema>;
export type SloVerdict = v.InferOutput<typeof SloVerdictSchema>;
export type IntervalMethod = v.InferOutput<typeof IntervalMethodSchema>;
export type LoadSignalId = v.InferOutput<typeof LoadSignalIdSchema>;
export type RaceSignalId = v.InferOutput<typeof RaceSignalIdSchema>;

export function isTrialStatus(value: unknown): value is TrialStatus {
  return v.is(TrialStatusSchema, value);
}

export function isTrialFlag(value: unknown): value is TrialFlag {
  return v.is(TrialFlagSchema, value);
}

export function isFailurePhase(value: unknown): value is FailurePhase {
  return v.is(FailurePhaseSchema, value);
}
