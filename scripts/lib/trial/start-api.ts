import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { engine } from '../docker/engine.ts';
import type { SampledContainer } from '../docker/sample-stats.ts';
import { waitHealthy } from '../docker/wait-healthy.ts';
import { readAppliedLimits } from '../docker/container-outcome.ts';
import { sendWarmup } from '../docker/send-warmup.ts';
import { API_SERVICE, LB_SERVICE, NGINX_CONF, entryService } from '../compose/trial-compose.ts';
import { nginxConfig } from '../nginx/nginx-config.ts';
import { engineErrorText } from '../analyze/trial-evidence.ts';
import type { TrialObservation } from '../analyze/classify-trial.ts';
import type { TrialSpec } from '../results/types.ts';
import { apiKey, closeApiSession, type ApiSession } from './api-session.ts';
import type { TrialDeployment } from './deployment.ts';
import type { ReportProgress, RunningApi, TrialContext } from './trial-context.ts';
import { allRunning, apiName } from './trial-containers.ts';

/** How long a reused API may take to answer its health check again. */
const REUSED_HEALTH_TIMEOUT_MS = 10_000;

/** What starting the API needs from the trial around it. */
export interface StartApiDeps {
  deployment: TrialDeployment;
  dir: string;
  /** Adds a container to the trial's stats sampling. */
  sample: (c: SampledContainer) => Promise<void>;
  /** Reads the API's settled memory once it turned healthy, for the memory step-up check (`analyze/load-signals.ts`). */
  markHealthy: () => Promise<void>;
  progress: ReportProgress;
  /** Written as the start learns them: health, warm-up time, the engine's refusal. */
  obs: TrialObservation;
  /** Filled in as the containers appear. */
  api: RunningApi;
}

/**
 * The held API when it is this trial's setup and still running. A held API
 * of another setup is removed first: two APIs must never share the host.
 */
export async function heldApi(spec: TrialSpec, ctx: TrialContext): Promise<ApiSession | null> {
  const held = ctx.session?.current;
  if (!held) return null;
  if (held.key === apiKey(spec) && (await allRunning([...held.apiIds, held.entryId]))) return held;
  await closeApiSession(ctx.session!);
  return null;
}

/** Loaded before and still up: only a quick health check, no start, no warm-up. */
export async function resumeApi(spec: TrialSpec, reused: ApiSession, d: StartApiDeps, signal?: AbortSignal): Promise<void> {
  const { api, obs } = d;
  api.apiIds = reused.apiIds;
  api.entryId = reused.entryId;
  api.entry = reused.entry;
  api.probe = reused.probe;
  for (const [i, id] of api.apiIds.entries()) await d.sample({ id, name: apiName(i, api.apiIds.length), cpus: reused.applied?.cpus ?? spec.cpus, countProcesses: true });
  if (spec.loadBalancer) await d.sample({ id: api.entryId!, name: LB_SERVICE, cpus: null });
  [api.applied, api.imageId] = [reused.applied, reused.imageId];
  obs.healthy = (await waitHealthy(spec.health, api.probe, api.apiIds, REUSED_HEALTH_TIMEOUT_MS, signal)).healthy;
}

/**
 * Starts the API (and nginx in front of replicas) under its limits, waits for
 * its health check and sends the warm-up. A refusal of the engine, an API that
 * never turns healthy or one the warm-up kills is written into `obs`, not thrown.
 */
export async function startApi(spec: TrialSpec, d: StartApiDeps, signal?: AbortSignal): Promise<void> {
  const { deployment, api, obs } = d;
  if (spec.loadBalancer) await writeFile(path.join(d.dir, NGINX_CONF), nginxConfig({ replicas: spec.replicas, upstreamHost: API_SERVICE, upstreamPort: spec.port, listenPort: spec.port }));
  const up = await deployment.startApi(spec);
  const apis = await deployment.containers(API_SERVICE);
  const entry = (await deployment.containers(entryService(spec)))[0];
  api.apiIds = apis.map((c) => c.Id);
  api.entryId = entry?.Id ?? null;
  if (!up.ok || !entry || apis.length < spec.replicas) {
    obs.engineError = engineErrorText(up.output);
  } else {
    const tcp: string[] = [];
    for (const [i, c] of apis.entries()) {
      const inspect = await engine().getContainer(c.Id).inspect();
      if (i === 0) {
        api.applied = readAppliedLimits(inspect);
        api.imageId = inspect.Image;
      }
      const address = await deployment.address(inspect, spec.port);
      if (address) tcp.push(address);
      await d.sample({ id: c.Id, name: apiName(i, apis.length), cpus: readAppliedLimits(inspect).cpus, countProcesses: true });
    }
    if (spec.loadBalancer) await d.sample({ id: entry.Id, name: LB_SERVICE, cpus: null });
    d.progress({ phase: 'waiting-health', elapsedS: 0, apiCpuPercent: null, apiMemoryMb: null, locustCpuPercent: null });
    api.entry = await deployment.entryAddress(entry.Id, spec);
    api.probe = api.entry ? { baseUrl: `http://${api.entry}`, tcp } : null;
    const health = api.probe
      ? await waitHealthy(spec.health, api.probe, api.apiIds, spec.healthTimeoutS * 1000, signal)
      : { healthy: false };
    obs.healthy = health.healthy;
  }
  if (obs.healthy) await d.markHealthy();
  if (obs.healthy && spec.warmup && api.entry) {
    obs.warmupAt = Date.now();
    // Behind nginx's round robin, one warm-up per replica reaches each of them once.
    for (let i = 0; i < (spec.loadBalancer ? spec.replicas : 1) && api.alive; i++) {
      const warm = await sendWarmup(`http://${api.entry}`, spec.warmup);
      // A warm-up that kills the API ends the trial here; the die event tells why.
      if (!warm.ok) api.alive = await allRunning(api.apiIds);
    }
  }
}
