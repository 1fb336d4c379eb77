import { waitLocust } from '../docker/wait-locust.ts';
import { LOCUST_SERVICE, LOCUST_WORKER_SERVICE } from '../compose/trial-compose.ts';
import { stopWhenStable, type StabilityWatch } from '../locust/stop-when-stable.ts';
import { readProcStat } from '../host/read-proc-stat.ts';
import type { ProcStatReading } from '../host/proc-stat.ts';
import type { TrialObservation } from '../analyze/classify-trial.ts';
import type { TrialSpec } from '../results/types.ts';
import type { TrialDeployment } from './deployment.ts';
import type { ReportProgress } from './trial-context.ts';
import { reportLoad, type TrialObserver } from './observe.ts';

/** Seconds Locust may outlive its own `--run-time` (stop timeout, CSV writing) before it is killed. */
const LOCUST_GRACE_S = 45;

/** The host's CPU counters at the load's start and end, for the share the lab's containers did not use. */
export type HostCpuReadings = { before: ProcStatReading; after: ProcStatReading } | null;

/**
 * Runs Locust (and its workers) against the started API until it exits, stops
 * itself once stable, or outlives its grace; the load's times, Locust's exit
 * and whether it timed out are written into `obs`.
 */
export async function runLocust(
  spec: TrialSpec, deployment: TrialDeployment, dir: string, apiIds: string[],
  o: { observer: TrialObserver; obs: TrialObservation; progress: ReportProgress; signal?: AbortSignal },
): Promise<{ loadMs: number; hostCpu: HostCpuReadings }> {
  const { observer, obs } = o;
  const procAtLoad = await readProcStat().catch(() => null);
  const loadStartedAt = Date.now();
  obs.loadStartedAt = loadStartedAt;
  await deployment.startLocust(spec);
  const locust = (await deployment.containers(LOCUST_SERVICE))[0];
  if (locust) {
    let ticker: NodeJS.Timeout | undefined;
    let watch: StabilityWatch | null = null;
    try {
      await observer.sample({ id: locust.Id, name: LOCUST_SERVICE, cpus: null });
      for (const [i, w] of (await deployment.containers(LOCUST_WORKER_SERVICE)).entries()) {
        await observer.sample({ id: w.Id, name: `${LOCUST_WORKER_SERVICE}-${i + 1}`, cpus: null });
      }
      if (spec.stopWhenStableAfterS !== null) watch = stopWhenStable(dir, { runTimeS: spec.runTimeS, minWindowS: spec.stopWhenStableAfterS });
      ticker = reportLoad(dir, o.progress, observer.sampler, { loadStartedAt, apiCount: apiIds.length, watch });
      const end = await waitLocust(locust.Id, apiIds, observer.events, spec.runTimeS + LOCUST_GRACE_S, o.signal);
      obs.locustExitCode = end.exitCode;
      obs.locustTimedOut = end.timedOut;
    } finally {
      clearInterval(ticker);
      watch?.stop();
    }
  }
  obs.loadEndedAt = Date.now();
  const procAfter = await readProcStat().catch(() => null);
  return { loadMs: obs.loadEndedAt - loadStartedAt, hostCpu: procAtLoad && procAfter ? { before: procAtLoad, after: procAfter } : null };
}
