import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EngineEvent } from '../docker/watch-events.ts';
import { API_SERVICE } from '../compose/trial-compose.ts';
import { collectTrial, type CollectedTrial } from '../collect/collect-trial.ts';
import { classifyTrial, type TrialObservation, type Verdict } from '../analyze/classify-trial.ts';
import { summarizeTrial } from '../analyze/summarize-trial.ts';
import { CONNECTION_ERROR, locustErrorLine, successfulRequests } from '../analyze/trial-evidence.ts';
import { labCpuSeconds } from '../analyze/lab-cpu-seconds.ts';
import { hostCpuUse } from '../host/proc-stat.ts';
import { BUSY_SHARE_LIMIT } from '../host/busy-host-check.ts';
import type { ContainerOutcome, HostCpuUse, TrialResult, TrialSpec } from '../results/types.ts';
import type { HostCpuReadings } from './run-locust.ts';

export interface Judgement {
  verdict: Verdict;
  summary: TrialResult['summary'];
  flags: TrialResult['flags'];
  hostCpu: HostCpuUse | null;
  /** The trial folder as read, for the result's rows and file list. */
  raw: CollectedTrial;
}

/**
 * Reads the API's fate from the engine's events and outcomes, collects the
 * trial folder, then classifies and summarizes the trial.
 */
export async function judgeTrial(
  spec: TrialSpec, dir: string,
  seen: { obs: TrialObservation; events: EngineEvent[]; containers: ContainerOutcome[]; hostCpu: HostCpuReadings },
): Promise<Judgement> {
  const { obs, events, containers } = seen;
  // An OOM kill of one worker process leaves the container running: the oom event is the moment that counts.
  const firstApi = (action: string) => events.find((e) => e.service === API_SERVICE && e.action === action);
  const died = firstApi('die');
  const oom = firstApi('oom');
  const apiOutcome = containers.find((c) => c.events.some((e) => e.t === (died ?? oom)?.t)) ?? containers[0];
  obs.apiDiedAt = Math.min(died?.t ?? Infinity, oom?.t ?? Infinity);
  if (obs.apiDiedAt === Infinity) obs.apiDiedAt = null;
  obs.apiExitCode = died?.exitCode ?? apiOutcome?.exitCode ?? null;
  obs.apiOomKilled = Boolean(apiOutcome?.oomKilled) || oom !== undefined;
  obs.apiSurvived = !died && containers.length > 0 && containers.every((c) => c.exitCode === null);
  // Teardown signals come after the event watch stopped, so any `kill` seen here came from outside.
  const kill = events.find((e) => e.service === API_SERVICE && e.action === 'kill');
  obs.apiKilledBySignal = kill ? kill.signal ?? 9 : null;

  const raw = await collectTrial(dir);
  obs.locustWroteStats = raw.endpoints !== null;
  obs.successfulRequests = successfulRequests(raw);
  obs.locustError = locustErrorLine(await readFile(path.join(dir, 'locust.log'), 'utf8').catch(() => ''), raw.failures ?? []);
  obs.onlyConnectionFailures = (raw.failures ?? []).length > 0 && (raw.failures ?? []).every((f) => CONNECTION_ERROR.test(f.error));
  const verdict = classifyTrial(obs);
  const { summary, flags } = summarizeTrial({
    endpoints: raw.endpoints ?? [], samples: raw.samples, loadStartedAt: obs.loadStartedAt, loadEndedAt: obs.loadEndedAt,
    users: spec.users, spawnRate: spec.spawnRate, runTimeS: spec.runTimeS, requests: raw.requests, phases: raw.phases, cpus: spec.cpus,
  });
  // Everything the host's CPUs did during the load that the lab's own containers did not.
  const cpu = seen.hostCpu;
  const hostCpu: HostCpuUse | null = cpu
    ? hostCpuUse(cpu.before, cpu.after, labCpuSeconds(raw.samples, cpu.before.tMs, cpu.after.tMs), cpu.after.cpuCount)
    : null;
  if (hostCpu?.outsideLab != null && hostCpu.outsideLab > BUSY_SHARE_LIMIT) flags.push('host-busy');
  return { verdict, summary, flags, hostCpu, raw };
}
