import { loadSignals } from '../analyze/load-signals.ts';
import type { HealthMemory } from '../docker/sample-stats.ts';
import path from 'node:path';
import { locustCsv, PHASES_NDJSON, STATS_NDJSON } from '../collect/collect-trial.ts';
import { buildTimeline } from '../analyze/build-timeline.ts';
import type { TrialObservation } from '../analyze/classify-trial.ts';
import { TRIAL_FILE, type RunStore } from '../results/run-store.ts';
import type { ContainerOutcome, TrialFiles, TrialResult, TrialSpec } from '../results/types.ts';
import type { Judgement } from './judge.ts';
import type { RunningApi } from './trial-context.ts';

/** Wall-clock marks of one trial, Unix ms. */
export interface TrialClock {
  startedAt: number;
  setupMs: number;
  loadMs: number;
  teardownStarted: number;
}

/**
 * Assembles the trial's result (verdict, rows, files that exist, timing)
 * and adds it to the run store, which rewrites the contract.
 */
export async function saveTrial(
  store: RunStore, spec: TrialSpec,
  t: { judged: Judgement; obs: TrialObservation; api: RunningApi; containers: ContainerOutcome[]; clock: TrialClock; owner: string; health: HealthMemory | null },
): Promise<TrialResult> {
  const { judged: { raw, verdict, summary, flags, hostCpu }, obs, api, clock } = t;
  const rel = (name: string) => path.join('trials', spec.id, name);
  const file = (name: string) => (raw.present.has(name) ? rel(name) : null);
  const files: TrialFiles = {
    compose: rel('compose.yaml'), trialJson: rel(TRIAL_FILE),
    statsCsv: file(locustCsv('stats')), historyCsv: file(locustCsv('stats_history')),
    failuresCsv: file(locustCsv('failures')), exceptionsCsv: file(locustCsv('exceptions')),
    statsNdjson: file(STATS_NDJSON), apiInspect: api.apiIds.length ? rel('api-inspect.json') : null,
    locustLog: rel('locust.log'), apiLog: rel('api.log'),
    requestsCsv: raw.requestFiles.map(rel), phases: file(PHASES_NDJSON),
  };
  const finished = Date.now();
  const result: TrialResult = {
    spec, ...verdict, engineError: obs.engineError, appliedLimits: api.applied, imageId: api.imageId,
    locustExitCode: obs.locustExitCode, summary, endpoints: raw.endpoints ?? [], failures: raw.failures ?? [],
    containers: t.containers, timeline: obs.loadStartedAt ? buildTimeline(raw.history ?? [], raw.samples, obs.loadStartedAt) : [],
    flags,
    timing: {
      startedAt: new Date(clock.startedAt).toISOString(), setupMs: clock.setupMs, loadMs: clock.loadMs,
      ...(obs.loadStartedAt ? { loadStartedAt: new Date(obs.loadStartedAt).toISOString() } : {}),
      teardownMs: finished - clock.teardownStarted, totalMs: finished - clock.startedAt,
    },
    files,
    hostCpu,
    apiReusedFrom: t.owner === spec.id ? null : t.owner,
    loadSignals: loadSignals(raw.samples, { health: t.health, loadEndedAt: obs.loadEndedAt, spec }),
  };
  await store.addTrial(result);
  return result;
}
