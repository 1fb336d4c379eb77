import { isFailurePhase } from './known-literals.ts';
import type { FailurePhase, TrialCause } from './types.ts';

/**
 * Reads a schema-3 `lab-result.json` as schema 4. Schema 3 stored a trial's
 * cause as an English sentence (written by `analyze/classify-trial.ts`);
 * schema 4 stores a message id with its values. The sentences are parsed
 * back; one that matches no known form becomes `unknown` with the sentence
 * as its detail, so nothing recorded is lost. Mutates and returns the parsed JSON.
 */
export function migrateV3(data: Record<string, unknown>): Record<string, unknown> {
  data.schemaVersion = 4;
  for (const trial of Array.isArray(data.trials) ? data.trials : []) {
    if (isObject(trial) && typeof trial.cause === 'string') trial.cause = causeFromSentence(trial.cause, isFailurePhase(trial.failurePhase) ? trial.failurePhase : null);
  }
  return data;
}

// How schema 3 worded the phase at a sentence's end.
const PHASES: readonly [FailurePhase, string][] = [
  ['startup', 'while starting, before any load'],
  ['first-request', 'on the first request'],
  ['under-load', 'under load'],
  ['after-load', 'after the load ended'],
];
const PHASE = `(${PHASES.map(([, text]) => text).join('|')})`;
const EXIT = '(\\d+|unknown|none)';

type Parse = (m: RegExpExecArray, phase: (text: string | undefined) => FailurePhase | null) => TrialCause | null;

// Every form classify-trial wrote in schema 3 (and schema 1's shorter OOM form), most specific first.
const FORMS: readonly [RegExp, Parse][] = [
  [/^The engine refused to start the API: ([\s\S]*)$/, (m) => ({ id: 'engine-refused', values: { detail: m[1]! } })],
  [new RegExp(`^The OOM killer killed a process of the API ${PHASE}; the container kept running`), (m, phase) => withPhase(phase(m[1]), (p) => ({ id: 'oom-killed-process', values: { phase: p } }))],
  [new RegExp(`^The API was killed from outside \\(signal (\\d+), e\\.g\\. docker kill\\) ${PHASE}; exit ${EXIT}$`), (m, phase) => withPhase(phase(m[2]), (p) => ({ id: 'killed-by-signal', values: { signal: Number(m[1]), exit: exitCode(m[3]), phase: p } }))],
  [new RegExp(`^OOM-killed \\(exit 137 \\(SIGKILL\\), OOMKilled not reported\\) ${PHASE}$`), (m, phase) => withPhase(phase(m[1]), (p) => ({ id: 'oom-suspected', values: { exit: 137, phase: p } }))],
  [new RegExp(`^OOM-killed \\(exit (\\d+)(?:, OOMKilled)?\\) ${PHASE}$`), (m, phase) => withPhase(phase(m[2]), (p) => ({ id: 'oom-killed', values: { exit: Number(m[1]), phase: p } }))],
  [new RegExp(`^The API exited with code ${EXIT} ${PHASE}$`), (m, phase) => withPhase(phase(m[2]), (p) => ({ id: 'exited', values: { exit: exitCode(m[1]), phase: p } }))],
  [/^\/health did not answer within (\d+(?:\.\d+)?) s$/, (m) => ({ id: 'never-healthy', values: { timeoutS: Number(m[1]) } })],
  [/^Locust did not stop by itself after its (\d+(?:\.\d+)?) s cap and was killed$/, (m) => ({ id: 'locust-timeout', values: { runTimeS: Number(m[1]) } })],
  [new RegExp(`^Locust failed \\(exit ${EXIT}\\)( and wrote no statistics)?(?:: ([\\s\\S]*))?$`), (m) => {
    const values = { exit: exitCode(m[1]), detail: m[3] ?? null };
    return m[2] ? { id: 'locust-no-stats', values } : { id: 'locust-failed', values };
  }],
  [/^Locust could not reach its target(?:: ([\s\S]*))?$/, (m) => ({ id: 'locust-unreachable', values: { detail: m[1] ?? null } })],
];

/** One schema-3 sentence as a cause; `recorded` is the trial's `failurePhase`, used when the sentence's phase is not read. */
export function causeFromSentence(sentence: string, recorded: FailurePhase | null): TrialCause {
  const phase = (text: string | undefined): FailurePhase | null => PHASES.find(([, words]) => words === text)?.[0] ?? recorded;
  for (const [pattern, parse] of FORMS) {
    const m = pattern.exec(sentence);
    const cause = m && parse(m, phase);
    if (cause) return cause;
  }
  return { id: 'unknown', values: { detail: sentence } };
}

function withPhase(phase: FailurePhase | null, make: (phase: FailurePhase) => TrialCause): TrialCause | null {
  return phase === null ? null : make(phase);
}

function exitCode(text: string | undefined): number | null {
  return text === undefined || !/^\d+$/.test(text) ? null : Number(text);
}


function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
