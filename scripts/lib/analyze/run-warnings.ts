import type { TrialFlag, TrialResult } from '../results/types.ts';

const FLAG_TEXT: Record<TrialFlag, string> = {
  'generator-saturated': 'Locust used more than 90% of a core, so these numbers describe the load generator, not the API',
  'short-steady-window': 'the steady phase after spawning was shorter than 10 s, so percentiles rest on few seconds',
  'no-requests': 'Locust recorded no requests in the steady phase',
  'few-stats-samples': 'fewer than 5 container stats samples were taken, so resource numbers are thin',
};

/** Searches probe on purpose with short runs and expected failures; their probes are not measurements. */
const PROBE_STAGES = new Set(['memory-floor']);

/**
 * The run's validity warnings, one line per kind with the trials it concerns,
 * so a long run does not bury the reader in repeated lines. Pure.
 */
export function runWarnings(trials: TrialResult[]): string[] {
  const measured = trials.filter((t) => !PROBE_STAGES.has(t.spec.stage));
  const lines: string[] = [];
  for (const flag of Object.keys(FLAG_TEXT) as TrialFlag[]) {
    const ids = measured.filter((t) => t.flags.includes(flag)).map((t) => t.spec.id);
    if (ids.length) lines.push(`${ids.length} trial${ids.length > 1 ? 's' : ''}: ${FLAG_TEXT[flag]} (${ids.join(', ')}).`);
  }
  for (const t of measured) {
    if (t.status !== 'passed' && t.spec.stage !== 'deploy' && !(t.spec.stage === 'replicas' && t.status === 'engine-error')) {
      lines.push(`${t.spec.id} ${t.status}: ${t.cause ?? 'no cause recorded'}.`);
    }
  }
  return lines;
}
