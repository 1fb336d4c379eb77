import { createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { engine } from '../docker/engine.ts';
import { compose, projectName, serviceContainers, type ComposeProject } from '../docker/compose-project.ts';
import type { ComposeCli } from '../docker/detect-compose.ts';
import { removeLabObjects } from '../docker/cleanup.ts';
import { sampleStats } from '../docker/sample-stats.ts';
import { waitHealthy, type HealthProbeTarget } from '../docker/wait-healthy.ts';
import { watchEvents, type EventWatch } from '../docker/watch-events.ts';
import { readAppliedLimits, readOutcome } from '../docker/container-outcome.ts';
import { API_SERVICE, LB_SERVICE, LOCUST_SERVICE, LOCUST_WORKER_SERVICE, NGINX_CONF, entryService, secretEnv, trialCompose } from '../compose/trial-compose.ts';
import { nginxConfig } from '../nginx/nginx-config.ts';
import { collectTrial, locustCsv, STATS_NDJSON } from '../collect/collect-trial.ts';
import { latestAggregated } from '../locust/latest-history.ts';
import { classifyTrial, type TrialObservation } from '../analyze/classify-trial.ts';
import { summarizeTrial } from '../analyze/summarize-trial.ts';
import { buildTimeline } from '../analyze/build-timeline.ts';
import { loadSignals } from '../analyze/load-signals.ts';
import { throwIfAborted } from '../errors.ts';
import { waitLocust } from '../docker/wait-locust.ts';
import { CONNECTION_ERROR, engineErrorText, locustErrorLine, successfulRequests } from '../analyze/trial-evidence.ts';
import { lendFolder } from '../docker/lend-folder.ts';
import { sendWarmup } from '../docker/send-warmup.ts';
import { copyLocustfile } from '../locust/copy-locustfile.ts';
import { writeLabEntry } from '../locust/lab-entry.ts';
import { stopWhenStable, type StabilityWatch } from '../locust/stop-when-stable.ts';
import { PHASES_NDJSON } from '../collect/collect-trial.ts';
import { readProcStat } from '../host/read-proc-stat.ts';
import { hostCpuUse, type ProcStatReading } from '../host/proc-stat.ts';
import { BUSY_SHARE_LIMIT } from '../host/busy-host-check.ts';
import { labCpuSeconds } from '../analyze/lab-cpu-seconds.ts';
import { TRIAL_FILE, type RunStore } from '../results/run-store.ts';
import { apiKey, closeApiSession, removeApi, type ApiSession, type ApiSessions } from './api-session.ts';
import type { AppliedLimits, ContainerOutcome, HostCpuUse, TrialFiles, TrialResult, TrialSpec } from '../results/types.ts';

export interface TrialProgress {
  trialId: string;
  phase: 'starting' | 'waiting-health' | 'load' | 'teardown';
  /** Seconds Locust has run, during `load`. */
  elapsedS: number;
  /** Locust's current users, requests/s and windowed p95, from its history file; `null` until written. */
  users?: number | null;
  rps?: number | null;
  p95Ms?: number | null;
  /** Seconds of steady window so far and whether its last sub-windows agree; absent until the window opens. */
  windowS?: number | null;
  stable?: boolean | null;
  runTimeS: number;
  apiCpuPercent: number | null;
  apiMemoryMb: number | null;
  locustCpuPercent: number | null;
}

export interface TrialContext {
  store: RunStore;
  compose: ComposeCli;
  signal?: AbortSignal;
  onProgress?: (p: TrialProgress) => void;
  /**
   * When given, the trial loads the API held here if it is the same setup
   * (and starts one otherwise), and leaves it running for the next trial if
   * it survived. Without it, every trial starts and removes its own API.
   */
  session?: ApiSessions;
}

/** How long a reused API may take to answer its health check again. */
const REUSED_HEALTH_TIMEOUT_MS = 10_000;

/** Seconds Locust may outlive its own `--run-time` (stop timeout, CSV writing) before it is killed. */
const LOCUST_GRACE_S = 45;

/**
 * Runs one trial end to end: compose up under limits, wait for health, run
 * Locust while sampling stats and watching events, tear down, then judge the
 * trial from its raw files. Failures of the system under test are data in
 * the returned result; only an abort or a lab bug throws.
 */
export async function runTrial(spec: TrialSpec, ctx: TrialContext): Promise<TrialResult> {
  const runId = ctx.store.result.runId;
  const dir = ctx.store.trialDir(spec.id);
  await mkdir(dir, { recursive: true });
  const rel = (name: string) => path.join('trials', spec.id, name);
  const composeFile = path.join(dir, 'compose.yaml');
  // The locustfile (and the Python files beside it) are copied into the run folder: the record
  // shows exactly what ran, and no container mounts anything outside the run folder.
  const locustfile = await copyLocustfile(spec.locustfile, path.join(dir, 'locust'));
  // Locust loads the lab's entry: its request hook first, then the locustfile unchanged.
  await writeLabEntry(locustfile);
  const locustUser = await lendFolder(dir);
  const reused = await heldApi(spec, ctx);
  const owner = reused?.ownerTrialId ?? spec.id;
  await writeFile(composeFile, trialCompose(spec, {
    runId, trialDir: dir, locustfilePath: locustfile, user: locustUser.user, apiOwnerTrialId: owner,
  }));
  const project: ComposeProject = {
    cli: ctx.compose, file: composeFile, name: projectName(runId, owner), log: ctx.store.commands, trialId: spec.id, env: secretEnv(spec.env),
  };
  const progress = (p: Omit<TrialProgress, 'trialId' | 'runTimeS'>) => ctx.onProgress?.({ trialId: spec.id, runTimeS: spec.runTimeS, ...p });

  const startedAt = Date.now();
  // The compose project, not the trial label: a reused API carries the labels of the trial that started it.
  const events = await watchEvents([`com.docker.compose.project=${project.name}`]);
  const statsFile = createWriteStream(path.join(dir, STATS_NDJSON));
  const sampler = sampleStats(statsFile);
  const obs: TrialObservation = {
    engineError: null, healthy: false, warmupAt: null, loadStartedAt: null, loadEndedAt: null, apiDiedAt: null, apiExitCode: null,
    apiOomKilled: false, apiSurvived: false, apiKilledBySignal: null, locustError: null, onlyConnectionFailures: false, locustExitCode: null, locustTimedOut: false, locustWroteStats: false, successfulRequests: 0,
    runTimeS: spec.runTimeS, healthTimeoutS: spec.healthTimeoutS,
  };
  let applied: AppliedLimits | null = null;
  let imageId: string | null = null;
  let apiIds: string[] = [];
  let entryId: string | null = null;
  let port: string | undefined;
  let probe: HealthProbeTarget | null = null;
  let setupMs = 0;
  let loadMs = 0;
  let teardownStarted = 0;
  let ticker: NodeJS.Timeout | undefined;
  let watch: StabilityWatch | null = null;
  let procAtLoad: ProcStatReading | null = null;
  let hostCpuRaw: { before: ProcStatReading; after: ProcStatReading } | null = null;
  let containers: ContainerOutcome[] = [];
  let apiAlive = true;
  try {
    progress({ phase: 'starting', elapsedS: 0, apiCpuPercent: null, apiMemoryMb: null, locustCpuPercent: null });
    if (reused) {
      // Loaded before and still up: only a quick health check, no start, no warm-up.
      apiIds = reused.apiIds;
      entryId = reused.entryId;
      port = reused.port;
      probe = reused.probe;
      for (const [i, id] of apiIds.entries()) await sampler.add({ id, name: apiName(i, apiIds.length), cpus: reused.applied?.cpus ?? spec.cpus, countProcesses: true });
      if (spec.loadBalancer) await sampler.add({ id: entryId, name: LB_SERVICE, cpus: null });
      [applied, imageId] = [reused.applied, reused.imageId];
      obs.healthy = (await waitHealthy(spec.health, probe, apiIds, REUSED_HEALTH_TIMEOUT_MS, ctx.signal)).healthy;
    } else {
      if (spec.loadBalancer) await writeFile(path.join(dir, NGINX_CONF), nginxConfig({ replicas: spec.replicas, upstreamHost: API_SERVICE, upstreamPort: spec.port, listenPort: spec.port }));
      const services = spec.loadBalancer ? [API_SERVICE, LB_SERVICE] : [API_SERVICE];
      const up = await compose(project, ['up', '-d', '--no-color', '--scale', `${API_SERVICE}=${spec.replicas}`, ...services], 180_000);
      const apis = await serviceContainers(project, API_SERVICE);
      const entry = (await serviceContainers(project, entryService(spec)))[0];
      apiIds = apis.map((c) => c.Id);
      entryId = entry?.Id ?? null;
      if (up.exitCode !== 0 || !entry || apis.length < spec.replicas) {
        obs.engineError = engineErrorText(up.stderr || up.stdout);
      } else {
        const tcp: string[] = [];
        for (const [i, api] of apis.entries()) {
          const inspect = await engine().getContainer(api.Id).inspect();
          if (i === 0) {
            applied = readAppliedLimits(inspect);
            imageId = inspect.Image;
          }
          // The trial's own bridge network first: the host reaches it (a user's overlay network it may not).
          const nets = inspect.NetworkSettings.Networks ?? {};
          const ip = nets[`${project.name}_default`]?.IPAddress || Object.values(nets).map((n) => n.IPAddress).find(Boolean);
          if (ip) tcp.push(`${ip}:${spec.port}`);
          await sampler.add({ id: api.Id, name: apiName(i, apis.length), cpus: readAppliedLimits(inspect).cpus, countProcesses: true });
        }
        if (spec.loadBalancer) await sampler.add({ id: entry.Id, name: LB_SERVICE, cpus: null });
        progress({ phase: 'waiting-health', elapsedS: 0, apiCpuPercent: null, apiMemoryMb: null, locustCpuPercent: null });
        port = (await engine().getContainer(entry.Id).inspect()).NetworkSettings.Ports?.[`${spec.port}/tcp`]?.[0]?.HostPort;
        probe = port ? { baseUrl: `http://127.0.0.1:${port}`, tcp } : null;
        const health = probe
          ? await waitHealthy(spec.health, probe, apiIds, spec.healthTimeoutS * 1000, ctx.signal)
          : { healthy: false };
        obs.healthy = health.healthy;
      }
      if (obs.healthy) await sampler.markHealthy();
      if (obs.healthy && spec.warmup && port) {
        obs.warmupAt = Date.now();
        // Behind nginx's round robin, one warm-up per replica reaches each of them once.
        for (let i = 0; i < (spec.loadBalancer ? spec.replicas : 1) && apiAlive; i++) {
          const warm = await sendWarmup(`http://127.0.0.1:${port}`, spec.warmup);
          // A warm-up that kills the API ends the trial here; the die event tells why.
          if (!warm.ok) apiAlive = await allRunning(apiIds);
        }
      }
    }
    setupMs = Date.now() - startedAt;
    throwIfAborted(ctx.signal);

    if (obs.healthy && apiAlive) {
      procAtLoad = await readProcStat().catch(() => null);
      obs.loadStartedAt = Date.now();
      const workers = spec.locustWorkers > 0 ? ['--scale', `${LOCUST_WORKER_SERVICE}=${spec.locustWorkers}`, LOCUST_WORKER_SERVICE] : [];
      await compose(project, ['up', '-d', '--no-color', '--no-deps', ...workers, LOCUST_SERVICE], 120_000);
      const locust = (await serviceContainers(project, LOCUST_SERVICE))[0];
      if (locust) {
        await sampler.add({ id: locust.Id, name: LOCUST_SERVICE, cpus: null });
        for (const [i, w] of (await serviceContainers(project, LOCUST_WORKER_SERVICE)).entries()) {
          await sampler.add({ id: w.Id, name: `${LOCUST_WORKER_SERVICE}-${i + 1}`, cpus: null });
        }
        const historyFile = path.join(dir, locustCsv('stats_history'));
        if (spec.stopWhenStableAfterS !== null) watch = stopWhenStable(dir, { runTimeS: spec.runTimeS, minWindowS: spec.stopWhenStableAfterS });
        ticker = setInterval(() => void latestAggregated(historyFile).then((row) => progress({
          phase: 'load',
          elapsedS: Math.round((Date.now() - obs.loadStartedAt!) / 1000),
          users: row?.users ?? null,
          rps: row?.rps ?? null,
          p95Ms: row?.percentiles['95%'] ?? null,
          windowS: watch?.latest?.windowS ?? null,
          stable: watch?.latest ? watch.latest.stability?.stable ?? false : null,
          apiCpuPercent: sampler.latest[apiName(0, apiIds.length)]?.cpuPercentOfLimit ?? null,
          apiMemoryMb: mib(sampler.latest[apiName(0, apiIds.length)]?.memoryBytes),
          locustCpuPercent: sampler.latest[LOCUST_SERVICE]?.cpuPercentOfCore ?? null,
        })), 2_000);
        const end = await waitLocust(locust.Id, apiIds, events, spec.runTimeS + LOCUST_GRACE_S, ctx.signal);
        obs.locustExitCode = end.exitCode;
        obs.locustTimedOut = end.timedOut;
      }
      obs.loadEndedAt = Date.now();
      loadMs = obs.loadEndedAt - obs.loadStartedAt;
      const procAfter = await readProcStat().catch(() => null);
      if (procAtLoad && procAfter) hostCpuRaw = { before: procAtLoad, after: procAfter };
    }
  } finally {
    clearInterval(ticker);
    watch?.stop();
    teardownStarted = Date.now();
    progress({ phase: 'teardown', elapsedS: 0, apiCpuPercent: null, apiMemoryMb: null, locustCpuPercent: null });
    await sampler.stop();
    statsFile.end();
    await once(statsFile, 'close').catch(() => undefined);
    await saveLogs(project, dir);
    containers = await outcomes(project, events, dir);
    await locustUser.release();
    events.stop();
    const session: ApiSession | null = ctx.session && entryId && port && probe && obs.healthy && !ctx.signal?.aborted
      && !events.events.some((e) => e.service === API_SERVICE && (e.action === 'die' || e.action === 'oom'))
      && (await allRunning([...apiIds, entryId]))
      ? { key: apiKey(spec), ownerTrialId: owner, project, apiIds, entryId, port, probe, applied, imageId }
      : null;
    if (session) {
      // Only Locust goes; the API stays up for the next trial of this setup.
      await compose(project, ['rm', '-s', '-f', LOCUST_SERVICE, ...(spec.locustWorkers > 0 ? [LOCUST_WORKER_SERVICE] : [])], 120_000);
    } else {
      await removeApi(project, runId, owner);
    }
    // This trial's own Locust containers, when the API belonged to an earlier trial.
    if (owner !== spec.id) await removeLabObjects({ runId, trialId: spec.id });
    if (ctx.session) ctx.session.current = session;
  }
  throwIfAborted(ctx.signal);

  // An OOM kill of one worker process leaves the container running: the oom event is the moment that counts.
  const firstApi = (action: string) => events.events.find((e) => e.service === API_SERVICE && e.action === action);
  const died = firstApi('die');
  const oom = firstApi('oom');
  const apiOutcome = containers.find((c) => c.events.some((e) => e.t === (died ?? oom)?.t)) ?? containers[0];
  obs.apiDiedAt = Math.min(died?.t ?? Infinity, oom?.t ?? Infinity);
  if (obs.apiDiedAt === Infinity) obs.apiDiedAt = null;
  obs.apiExitCode = died?.exitCode ?? apiOutcome?.exitCode ?? null;
  obs.apiOomKilled = Boolean(apiOutcome?.oomKilled) || oom !== undefined;
  obs.apiSurvived = !died && containers.length > 0 && containers.every((c) => c.exitCode === null);
  // Teardown signals come after the event watch stopped, so any `kill` seen here came from outside.
  const kill = events.events.find((e) => e.service === API_SERVICE && e.action === 'kill');
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
  const hostCpu: HostCpuUse | null = hostCpuRaw
    ? hostCpuUse(hostCpuRaw.before, hostCpuRaw.after, labCpuSeconds(raw.samples, hostCpuRaw.before.tMs, hostCpuRaw.after.tMs), hostCpuRaw.after.cpuCount)
    : null;
  if (hostCpu?.outsideLab != null && hostCpu.outsideLab > BUSY_SHARE_LIMIT) flags.push('host-busy');
  const file = (name: string) => (raw.present.has(name) ? rel(name) : null);
  const files: TrialFiles = {
    compose: rel('compose.yaml'), trialJson: rel(TRIAL_FILE),
    statsCsv: file(locustCsv('stats')), historyCsv: file(locustCsv('stats_history')),
    failuresCsv: file(locustCsv('failures')), exceptionsCsv: file(locustCsv('exceptions')),
    statsNdjson: file(STATS_NDJSON), apiInspect: apiIds.length ? rel('api-inspect.json') : null,
    locustLog: rel('locust.log'), apiLog: rel('api.log'),
    requestsCsv: raw.requestFiles.map(rel), phases: file(PHASES_NDJSON),
  };
  const finished = Date.now();
  const result: TrialResult = {
    spec, ...verdict, engineError: obs.engineError, appliedLimits: applied, imageId,
    locustExitCode: obs.locustExitCode, summary, endpoints: raw.endpoints ?? [], failures: raw.failures ?? [],
    containers, timeline: obs.loadStartedAt ? buildTimeline(raw.history ?? [], raw.samples, obs.loadStartedAt) : [],
    flags,
    timing: {
      startedAt: new Date(startedAt).toISOString(), setupMs, loadMs,
      ...(obs.loadStartedAt ? { loadStartedAt: new Date(obs.loadStartedAt).toISOString() } : {}),
      teardownMs: finished - teardownStarted, totalMs: finished - startedAt,
    },
    files,
    hostCpu,
    apiReusedFrom: owner === spec.id ? null : owner,
    loadSignals: loadSignals(raw.samples, { health: sampler.health, loadEndedAt: obs.loadEndedAt, spec }),
  };
  await ctx.store.addTrial(result);
  return result;
}

async function saveLogs(project: ComposeProject, dir: string): Promise<void> {
  for (const service of [API_SERVICE, LOCUST_SERVICE]) {
    const out = await compose({ ...project, log: [] }, ['logs', '--no-color', service], 30_000);
    await writeFile(path.join(dir, `${service}.log`), out.stdout + out.stderr);
  }
}

async function outcomes(project: ComposeProject, events: EventWatch, dir: string): Promise<ContainerOutcome[]> {
  const list = await serviceContainers(project, API_SERVICE);
  const result: ContainerOutcome[] = [];
  for (const [i, c] of list.entries()) {
    const name = apiName(i, list.length);
    const { outcome, inspect } = await readOutcome(c.Id, name, events.events);
    if (inspect && i === 0) await writeFile(path.join(dir, 'api-inspect.json'), JSON.stringify(inspect, null, 2));
    result.push(outcome);
  }
  return result;
}

/** `api` alone, `api-1`, `api-2` ... for replicas: stats samples and outcomes use these names. */
const apiName = (i: number, n: number) => (n > 1 ? `${API_SERVICE}-${i + 1}` : API_SERVICE);

/**
 * The held API when it is this trial's setup and still running. A held API
 * of another setup is removed first: two APIs must never share the host.
 */
async function heldApi(spec: TrialSpec, ctx: TrialContext): Promise<ApiSession | null> {
  const held = ctx.session?.current;
  if (!held) return null;
  if (held.key === apiKey(spec) && (await allRunning([...held.apiIds, held.entryId]))) return held;
  await closeApiSession(ctx.session!, ctx.store.result.runId);
  return null;
}

async function allRunning(ids: string[]): Promise<boolean> {
  const states = await Promise.all(ids.map((id) => engine().getContainer(id).inspect().then((i) => i.State.Running, () => false)));
  return states.every(Boolean);
}

const mib = (bytes: number | undefined) => (bytes === undefined ? null : Math.round(bytes / 1048576));
