import type { HostCalibration, TrialFlag, TrialResult } from '../results/types.ts';

const FLAG_TEXT: Record<TrialFlag, string> = {
  'generator-saturated': 'Locust used more than 90% of a core, so these numbers describe the load generator, not the API',
  'short-steady-window': 'the steady phase after spawning was shorter than 10 s, so percentiles rest on few seconds',
  'no-requests': 'Locust recorded no requests in the steady phase',
  'few-stats-samples': 'fewer than 5 container stats samples were taken, so resource numbers are thin',
  unstable: 'the last 5 s sub-windows disagreed by more than 10 % on throughput or p95, so the trial had not settled',
  'p95-trending': 'the p95 still rose or fell across the steady window',
  'littles-law': "Little's law (users = throughput × (response time + think time)) was off by more than 10 %",
  'censored-requests': 'some requests never finished; they count as failures and may make the p95 a lower bound',
  'cpu-above-limit': "a CPU sample read above the container's limit (sampling jitter); the peak is capped at the limit",
  'host-busy': "processes outside the lab used a noticeable share of the host's CPU during the trial",
  'no-request-samples': "no per-request samples were recorded, so Locust's own rounded statistics were used",
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

/** The host's own doubts: a busy start measured anyway, and stages measured across a drift. Pure. */
export function hostWarnings(calibration: HostCalibration | null): string[] {
  if (!calibration) return [];
  const lines: string[] = [];
  const idle = calibration.idleCheck;
  if (calibration.idleVerdict === 'forced' && idle) {
    lines.push(`The host was ${(idle.busy * 100).toFixed(0)} % busy before the run (steal ${(idle.steal * 100).toFixed(1)} %) and the lab measured anyway.`);
  }
  for (const m of calibration.missed ?? []) lines.push(`The host probe ${m.point} failed (${m.error}); the speed index rests on the other probes.`);
  for (const d of calibration.drifts) {
    lines.push(`Stage ${d.stage} was measured across a host drift: the reference probe's ${d.metric === 'demand' ? 'CPU per request' : 'compute loop'} changed by ${(d.change * 100).toFixed(0)} % between ${d.fromPoint} and ${d.toPoint}.`);
  }
  return lines;
}
