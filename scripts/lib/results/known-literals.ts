import type {
  FailurePhase, IntervalMethod, RaceSignalId, MemorySearchVerdict, ProbeClassName, ReplicaComparison, RunWarning, SloBinding, SloVerdict, TrialFlag, TrialStatus, UsersCurvePoint,
} from './types.ts';

// types.ts only has the unions (types vanish at runtime); the loader and the i18n
// completeness test need the values. The Exhaustive checks fail to compile when a
// literal is added to types.ts but not here.
type Exhaustive<Union, List extends readonly Union[]> = [Union] extends [List[number]] ? List : never;

const statuses = ['passed', 'oom-killed', 'crashed', 'unhealthy', 'timeout', 'locust-error', 'engine-error'] as const;
/** In the order the warnings list them: a saturated generator first, since it invalidates the numbers it touches. */
const flags = [
  'generator-saturated', 'short-steady-window', 'no-requests', 'few-stats-samples',
  'unstable', 'p95-trending', 'littles-law', 'censored-requests', 'cpu-above-limit', 'host-busy', 'no-request-samples',
] as const;
const phases = ['startup', 'first-request', 'under-load', 'after-load'] as const;

const probeClasses = ['never-healthy', 'oom-at-start', 'oom-at-first-request', 'oom-under-load', 'crashed', 'healthy', 'inconclusive'] as const;
const bindings = ['p95', 'failures', 'status'] as const;
const verdicts = ['found', 'found-flaky', 'low-passes', 'no-pass-within-range', 'budget-exhausted'] as const;
const curveSources = ['ramp', 'bisect', 'hold'] as const;
const sloVerdicts = ['meets', 'misses', 'undecided', 'not-judged'] as const;
const intervalMethods = ['order-statistic', 'wilson', 'runs-min-max', 'subwindows-min-max', 'poisson'] as const;
const replicaBases = ['same-total-cpu', 'per-replica-cpu'] as const;
const raceSignals = ['model-loads', 'oom-killed', 'extra-processes', 'memory-step-up'] as const;
const warningIds = ['trial-flag', 'trial-failed', 'stage-error', 'host-forced', 'host-probe-missed', 'host-drift'] as const;

export const PROBE_CLASS_NAMES: Exhaustive<ProbeClassName, typeof probeClasses> = probeClasses;
export const SLO_BINDINGS: Exhaustive<SloBinding, typeof bindings> = bindings;
export const MEMORY_VERDICTS: Exhaustive<MemorySearchVerdict, typeof verdicts> = verdicts;
export const CURVE_SOURCES: Exhaustive<UsersCurvePoint['source'], typeof curveSources> = curveSources;
export const SLO_VERDICTS: Exhaustive<SloVerdict, typeof sloVerdicts> = sloVerdicts;
export const INTERVAL_METHODS: Exhaustive<IntervalMethod, typeof intervalMethods> = intervalMethods;
export const REPLICA_BASES: Exhaustive<ReplicaComparison['basis'], typeof replicaBases> = replicaBases;
export const RACE_SIGNALS: Exhaustive<RaceSignalId, typeof raceSignals> = raceSignals;
export const WARNING_IDS: Exhaustive<RunWarning['id'], typeof warningIds> = warningIds;

export const TRIAL_STATUSES: Exhaustive<TrialStatus, typeof statuses> = statuses;
export const TRIAL_FLAGS: Exhaustive<TrialFlag, typeof flags> = flags;
export const FAILURE_PHASES: Exhaustive<FailurePhase, typeof phases> = phases;

export function isTrialStatus(value: unknown): value is TrialStatus {
  return (TRIAL_STATUSES as readonly unknown[]).includes(value);
}

export function isTrialFlag(value: unknown): value is TrialFlag {
  return (TRIAL_FLAGS as readonly unknown[]).includes(value);
}

export function isFailurePhase(value: unknown): value is FailurePhase {
  return (FAILURE_PHASES as readonly unknown[]).includes(value);
}
