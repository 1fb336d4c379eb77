import type { ProbeClassName, TrialResult } from '../results/types.ts';

/**
 * What a memory probe showed about the API. NOTE: the report's i18n keys use these literals.
 * `inconclusive` covers trials that failed for reasons that say nothing about memory
 * (Locust error, timeout, engine refusal).
 */
export type ProbeClass = ProbeClassName;

/**
 * The question a memory search asks of each probe. NOTE: i18n keys.
 * `serves-one-request`: the API starts and answers its first prediction.
 * `survives-load`: the API also stays up through a short load.
 */
export type MemoryPredicate = 'serves-one-request' | 'survives-load';

/** One probe judged for a search: the class is kept so the report can say why it failed. */
export interface ProbeOutcome {
  /** The predicate held. */
  pass: boolean;
  /** What happened to the API. */
  class: ProbeClass;
  /** The predicate that was asked. */
  predicate: MemoryPredicate;
  /** Trial the probe ran as (`TrialSpec.id`), to link the evidence; `null` for generated outcomes. */
  trialId: string | null;
}

/** Classes a probe in terms of memory, from the trial's status and failure phase. */
export function classifyProbe(trial: Pick<TrialResult, 'status' | 'failurePhase' | 'summary'>): ProbeClass {
  switch (trial.status) {
    case 'passed':
      return 'healthy';
    case 'unhealthy':
      return 'never-healthy';
    case 'crashed':
      return 'crashed';
    case 'oom-killed':
      return oomClass(trial);
    default:
      return 'inconclusive';
  }
}

/**
 * Judges a probe trial against a predicate.
 * `crashed` and `inconclusive` fail both predicates: counting them as passes could put the floor
 * below a limit that was never shown to work, and a floor set too high only costs memory.
 */
export function judgeProbe(trial: Pick<TrialResult, 'status' | 'failurePhase' | 'summary' | 'spec'>, predicate: MemoryPredicate): ProbeOutcome {
  const cls = classifyProbe(trial);
  const pass = predicate === 'serves-one-request' ? cls === 'healthy' || cls === 'oom-under-load' : cls === 'healthy';
  return { pass, class: cls, predicate, trialId: trial.spec.id };
}

function oomClass(trial: Pick<TrialResult, 'failurePhase' | 'summary'>): ProbeClass {
  switch (trial.failurePhase) {
    case 'startup':
      return 'oom-at-start';
    case 'first-request':
      return 'oom-at-first-request';
    case 'under-load':
    case 'after-load':
      return 'oom-under-load';
    case null:
      // Without a phase, only served requests prove the API got past its first one.
      return served(trial) ? 'oom-under-load' : 'oom-at-start';
  }
}

function served(trial: Pick<TrialResult, 'summary'>): boolean {
  const s = trial.summary;
  return s !== null && s.requests > s.failures;
}
