import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { TrialObservation } from '../analyze/classify-trial.ts';
import { throwIfAborted } from '../errors.ts';
import { lendFolder } from '../docker/lend-folder.ts';
import { copyLocustfile } from '../locust/copy-locustfile.ts';
import { writeLabEntry } from '../locust/lab-entry.ts';
import type { ContainerOutcome, TrialResult, TrialSpec } from '../results/types.ts';
import type { ReportProgress, RunningApi, TrialContext } from './trial-context.ts';
import { heldApi, resumeApi, startApi } from './start-api.ts';
import { observeTrial } from './observe.ts';
import { runLocust, type HostCpuReadings } from './run-locust.ts';
import { removeTrial, saveRecords } from './teardown.ts';
import { judgeTrial } from './judge.ts';
import { saveTrial } from './save-trial.ts';
import { prepareDeployment } from './prepare-deployment.ts';

export type { TrialContext, TrialProgress } from './trial-context.ts';

/**
 * Runs one trial end to end: its containers up under limits (compose or swarm, see deployment.ts), wait for health, run
 * Locust while sampling stats and watching events, tear down, then judge the
 * trial from its raw files. Failures of the system under test are data in
 * the returned result; only an abort or a lab bug throws.
 */
export async function runTrial(spec: TrialSpec, ctx: TrialContext): Promise<TrialResult> {
  const dir = ctx.store.trialDir(spec.id);
  await mkdir(dir, { recursive: true });
  // The locustfile (and the Python files beside it) are copied into the run folder: the record
  // shows exactly what ran, and no container mounts anything outside the run folder.
  const locustfile = await copyLocustfile(spec.locustfile, path.join(dir, 'locust'));
  // Locust loads the lab's entry: its request hook first, then the locustfile unchanged.
  await writeLabEntry(locustfile);
  const locustUser = await lendFolder(dir);
  const reused = await heldApi(spec, ctx);
  const owner = reused?.ownerTrialId ?? spec.id;
  const deployment = await prepareDeployment(spec, ctx, dir, { trialDir: dir, locustfilePath: locustfile, user: locustUser.user, apiOwnerTrialId: owner });
  const progress: ReportProgress = (p) => ctx.onProgress?.({ trialId: spec.id, runTimeS: spec.runTimeS, ...p });

  const startedAt = Date.now();
  const observer = await observeTrial(dir, deployment.labelFilter);
  const obs: TrialObservation = {
    engineError: null, healthy: false, warmupAt: null, loadStartedAt: null, loadEndedAt: null, apiDiedAt: null, apiExitCode: null,
    apiOomKilled: false, apiSurvived: false, apiKilledBySignal: null, locustError: null, onlyConnectionFailures: false, locustExitCode: null, locustTimedOut: false, locustWroteStats: false, successfulRequests: 0,
    runTimeS: spec.runTimeS, healthTimeoutS: spec.healthTimeoutS,
  };
  const api: RunningApi = { apiIds: [], entryId: null, entry: undefined, probe: null, applied: null, imageId: null, alive: true };
  const clock = { startedAt, setupMs: 0, loadMs: 0, teardownStarted: 0 };
  let hostCpu: HostCpuReadings = null;
  let containers: ContainerOutcome[] = [];
  try {
    progress({ phase: 'starting', elapsedS: 0, apiCpuPercent: null, apiMemoryMb: null, locustCpuPercent: null });
    const deps = { deployment, dir, sample: observer.sample, markHealthy: () => observer.sampler.markHealthy(), progress, obs, api };
    if (reused) await resumeApi(spec, reused, deps, ctx.signal);
    else await startApi(spec, deps, ctx.signal);
    clock.setupMs = Date.now() - startedAt;
    throwIfAborted(ctx.signal);

    if (obs.healthy && api.alive) {
      const load = await runLocust(spec, deployment, dir, api.apiIds, { observer, obs, progress, ...(ctx.signal ? { signal: ctx.signal } : {}) });
      clock.loadMs = load.loadMs;
      hostCpu = load.hostCpu;
    }
  } finally {
    clock.teardownStarted = Date.now();
    progress({ phase: 'teardown', elapsedS: 0, apiCpuPercent: null, apiMemoryMb: null, locustCpuPercent: null });
    await observer.stopSampling();
    containers = await saveRecords(deployment, dir, observer.events);
    await locustUser.release();
    observer.events.stop();
    await removeTrial(spec, ctx, { deployment, owner, events: observer.events, api, obs });
  }
  throwIfAborted(ctx.signal);

  const judged = await judgeTrial(spec, dir, { obs, events: observer.events.events, containers, hostCpu });
  return saveTrial(ctx.store, spec, { judged, obs, api, containers, clock, owner, health: observer.sampler.health });
}
