import type { LoadSignalId, LoadSignals, RaceSignalId, StatsSample, TrialResult, TrialSpec } from '../results/types.ts';
import { RACE_SIGNALS } from '../results/known-literals.ts';
import { expectedProcesses } from './expected-processes.ts';

/**
 * A rise of the API's memory after its first requests counts as a step when
 * it exceeds the larger of these. Calibrated on the demo images (README,
 * "Lazy loading, seen from outside"): the startup-loading image, which
 * allocates nothing big after health, grows by a few MiB per process under
 * load (request buffers, the thread pool, the allocator's arenas), while the
 * lazy image grows by its model (64 MiB in the smoke profile, 1100 MiB in
 * the workshop's). 40 MiB sits between them; the share keeps a large server's
 * ordinary growth from reading as a load.
 */
export const STEP_MIN_MB = 40;
export const STEP_SHARE = 0.25;

/**
 * A process count counts once it held for this long: two process readings in
 * a row (they come every 2 s; `docker/sample-stats.ts`), so a passing `docker
 * exec` or a worker being replaced is not taken for a resident process.
 */
export const RESIDENT_MS = 3_000;

const MiB = 1048576;

/** An API container's samples: `api`, or `api-1`, `api-2` ... behind a balancer. */
const isApi = (name: string) => name === 'api' || /^api-\d+$/.test(name);

/**
 * The lazy-loading evidence of one trial, from its stats samples: the most
 * processes that stayed in an API container against what its command runs,
 * and its memory from the reading taken as it turned healthy (before the
 * warm-up or the load) to its peak until the load ended. Over several API
 * containers, the largest count and the largest step speak. Pure.
 */
export function loadSignals(samples: readonly StatsSample[], o: {
  /** The API's memory read as it turned healthy (bytes by container name) and when; `null`: not read (a reused API). */
  health: { t: number; bytes: Readonly<Record<string, number>> } | null;
  loadEndedAt: number | null;
  /** The trial's command and environment, for the processes it should run (`expectedProcesses`). */
  spec: Pick<TrialSpec, 'command' | 'env'>;
}): LoadSignals {
  // An empty command runs the image's own CMD, which the lab does not read: not judged.
  const processesExpected = o.spec.command.length ? expectedProcesses(o.spec.command, o.spec.env) : null;
  const byContainer = new Map<string, StatsSample[]>();
  for (const s of samples) if (isApi(s.container)) byContainer.set(s.container, [...(byContainer.get(s.container) ?? []), s]);
  let processesMax: number | null = null;
  let memory: { atHealth: number; after: number } | null = null;
  for (const list of byContainer.values()) {
    list.sort((a, b) => a.t - b.t);
    const resident = residentProcesses(list);
    if (resident !== null) processesMax = Math.max(processesMax ?? 0, resident);
    const atHealth = o.health?.bytes[list[0]!.container];
    const after = list.filter((s) => o.health && o.loadEndedAt !== null && s.t > o.health.t && s.t <= o.loadEndedAt);
    const step = atHealth !== undefined && after.length ? { atHealth, after: Math.max(...after.map((s) => s.memoryBytes)) } : null;
    if (step && (!memory || step.after - step.atHealth > memory.after - memory.atHealth)) memory = step;
  }
  const mb = (bytes: number) => Math.round(bytes / MiB);
  const stepLimitMb = memory ? Math.max(STEP_MIN_MB, STEP_SHARE * mb(memory.atHealth)) : null;
  const signals: LoadSignalId[] = [];
  if (processesMax !== null && processesExpected !== null && processesMax > processesExpected) signals.push('extra-processes');
  if (memory && stepLimitMb !== null && mb(memory.after - memory.atHealth) > stepLimitMb) signals.push('memory-step-up');
  return {
    processesMax,
    processesExpected,
    memoryAtHealthMb: memory ? mb(memory.atHealth) : null,
    memoryAfterFirstMb: memory ? mb(memory.after) : null,
    stepLimitMb,
    signals,
  };
}

/** The most processes one container held for `RESIDENT_MS` (samples repeat the latest count between readings). */
function residentProcesses(list: readonly StatsSample[]): number | null {
  let best: number | null = null;
  const counted = list.filter((s) => s.processes !== undefined);
  for (const [i, s] of counted.entries()) {
    // The longest run from here in which the count stays at least this high.
    let j = i;
    while (j + 1 < counted.length && counted[j + 1]!.processes! >= s.processes!) j++;
    if (counted[j]!.t - s.t >= RESIDENT_MS) best = Math.max(best ?? 0, s.processes!);
  }
  // Readings too short to hold for RESIDENT_MS: the lowest count is the only resident one for sure.
  return best ?? (counted.length ? Math.min(...counted.map((s) => s.processes!)) : null);
}

/**
 * The workers stage's race verdict for one cell, from its runs: more model
 * loads logged than workers (the demo logs `model loaded:`; other images log
 * nothing the lab can count), a multi-worker API OOM-killed (memory sized per
 * process runs out when a process loads twice; a worker killed mid-load never
 * logs), and each run's load signals, which need no log. Pure.
 */
export function raceSignals(o: { workers: number; modelLoads: number | null; runs: readonly Pick<TrialResult, 'status' | 'loadSignals'>[] }): RaceSignalId[] {
  const found = new Set<RaceSignalId>();
  if (o.modelLoads !== null && o.modelLoads > o.workers) found.add('model-loads');
  if (o.workers > 1 && o.runs.some((run) => run.status === 'oom-killed')) found.add('oom-killed');
  for (const run of o.runs) for (const id of run.loadSignals?.signals ?? []) found.add(id);
  return RACE_SIGNALS.filter((id) => found.has(id));
}
