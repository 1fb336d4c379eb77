import path from 'node:path';
import { preflight } from '../docker/preflight.ts';
import { checkLabConfig } from '../plan/check-lab-config.ts';
import { DEFAULT_TARGET_USERS, type LabConfig, type StageName } from '../plan/lab-config.ts';
import { RunStore, newRunId } from '../results/run-store.ts';
import { AbortedError, LabError, throwIfAborted } from '../errors.ts';
import { EngineGoneError } from '../docker/engine-gone.ts';
import { clearOrphans, runInFolder } from './run-in-folder.ts';
import type { LabOptions, LabOutcome } from './lab-events.ts';
import { loadLabResult } from '../report/load-result.ts';
import { firstDifference } from '../util/first-difference.ts';
import type { CommandRecord, HostInfo, RunWarning, StageResults } from '../results/types.ts';
import { hostWarnings, runWarnings, stageErrorWarning } from '../analyze/run-warnings.ts';
import type { StageContext } from '../stages/stage-context.ts';
import { runDeploy } from '../stages/deploy.ts';
import { runMemoryFloor } from '../stages/memory-floor.ts';
import { runSweep } from '../stages/sweep.ts';
import { runReplicas } from '../stages/replicas.ts';
import { runWorkers } from '../stages/workers.ts';
import { runMaxUsers } from '../stages/max-users.ts';
import { runPublish } from '../stages/publish.ts';
import { estimateRun, secondsLeft } from '../plan/estimate-run.ts';
import { openCalibration } from './calibrate-run.ts';
import { closeApiSession } from '../trial/api-session.ts';
import { prepareTarget } from './prepare-target.ts';
import { endOfRunAnalysis } from './end-of-run-analysis.ts';
import { leaveSwarm, useSwarm } from '../docker/swarm.ts';

import { STAGE_KEYS } from '../results/stage-keys.ts';

export type { LabEvent, LabOptions, LabOutcome } from './lab-events.ts';

/** Where each stage's verdict goes in the result; typed here so that a stage missing from `results/stage-keys.ts` does not compile. */
const STAGE_KEY: { [S in StageName]: keyof StageResults } = STAGE_KEYS;

/** Each stage's runner and where its verdict goes in the result. */
const STAGE_RUNNERS: { [S in StageName]: (ctx: StageContext) => Promise<[keyof StageResults, NonNullable<StageResults[keyof StageResults]>]> } = {
  publish: async (ctx) => ['publish', await runPublish(ctx)],
  deploy: async (ctx) => ['deploy', await runDeploy(ctx)],
  'memory-floor': async (ctx) => ['memoryFloor', await runMemoryFloor(ctx)],
  sweep: async (ctx) => ['sweep', await runSweep(ctx)],
  replicas: async (ctx) => ['replicas', await runReplicas(ctx)],
  workers: async (ctx) => ['workers', await runWorkers(ctx)],
  'max-users': async (ctx) => ['maxUsers', await runMaxUsers(ctx, ctx.store.result.stages.workers)],
};

/**
 * The whole run: preflight and guardrails (nothing starts if the plan does
 * not fit the host), leftovers, images, then each stage in order. A stage
 * that cannot reach a verdict is recorded and the next one runs. The report
 * is rendered whatever happens, even after Ctrl-C.
 */
export async function runLab(config: LabConfig, opts: LabOptions): Promise<LabOutcome> {
  const emit = opts.onEvent ?? (() => undefined);
  const pre = await preflight({ networks: [...config.target.networks, ...(config.network ? [config.network] : [])] });
  emit({ type: 'preflight', host: pre.host });
  checkLabConfig(config, pre.host, opts.repoRoot);

  await clearOrphans(emit);
  // Before the run folder exists: a refused swarm leaves nothing behind; its commands join the record below.
  const swarmLog: CommandRecord[] = [];
  const swarm = config.engine === 'swarm' ? await useSwarm({ init: config.swarmInit, log: swarmLog }) : null;
  if (swarm) emit({ type: 'swarm', nodes: swarm.nodes, initialised: swarm.initialised });

  const store = opts.resumeDir ? await resumeStore(opts.resumeDir, config) : newStore(config, opts.reportsDir, pre.host);
  await store.init();
  store.commands.push(...swarmLog);
  emit({ type: 'run-folder', dir: store.dir, resumed: Boolean(opts.resumeDir) });
  // Stages that threw (no verdict stored), by their key in the result.
  const stageErrors: RunWarning[] = [];
  const estimates = estimateRun(config);
  emit({ type: 'estimate', trials: estimates.reduce((n, e) => n + e.trials, 0), seconds: estimates.reduce((n, e) => n + e.seconds, 0) });
  let current: { stage: StageName; startedAt: number } | null = null;
  const refreshWarnings = () => {
    const stored = Object.entries(store.result.stages).flatMap(([key, stage]) => (stage?.error ? [stageErrorWarning(key, stage.error)] : []));
    store.result.warnings = [...runWarnings(store.result.trials), ...hostWarnings(store.result.calibration), ...stored, ...stageErrors];
  };
  const ctx: StageContext = {
    config, repoRoot: opts.repoRoot, locustfile: '', store, compose: pre.compose, host: pre.host, claimed: new Set(), apiSessions: { current: null }, emit: (e) => {
      // Expected failures (deploy's OOM, the port conflict, floor probes) are findings, not warnings.
      if (e.type === 'trial-end') refreshWarnings();
      if (e.type === 'trial-start' && current) e = { ...e, runLeftS: secondsLeft(estimates, current.stage, (Date.now() - current.startedAt) / 1000) };
      emit(e);
    },
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
  const runStage = async (stage: StageName) => {
    throwIfAborted(opts.signal);
    const started = Date.now();
    current = { stage, startedAt: started };
    emit({ type: 'stage-start', stage });
    try {
      const [key, verdict] = await STAGE_RUNNERS[stage](ctx);
      await store.setStage(key, verdict as never);
      emit({ type: 'stage-end', stage, durationMs: Date.now() - started });
    } catch (err) {
      if (err instanceof AbortedError || err instanceof EngineGoneError || !(err instanceof LabError)) throw err;
      stageErrors.push(stageErrorWarning(STAGE_KEY[stage], err.message));
      refreshWarnings();
      emit({ type: 'stage-error', stage, message: err.message });
    } finally {
      // No API outlives its stage: the host probe and the next stage get the host to themselves.
      await closeApiSession(ctx.apiSessions);
    }
  };
  const htmlPath = await runInFolder(store, opts.repoRoot, emit, async () => {
    // The API under test: its image, and the locustfile every trial runs (generated into the run folder when the target has none).
    ctx.locustfile = await prepareTarget(config, store, opts.repoRoot, (tag, built) => emit({ type: 'image', tag, phase: 'done', built }));
    // The host is probed before, between and after the capacity stages (a resumed run probes anew).
    emit({ type: 'calibration', phase: 'start' });
    const calibration = await openCalibration(store, config, opts.signal);
    emit({ type: 'calibration', phase: 'done', calibration: store.result.calibration });
    try {
      for (const stage of config.stages) {
        await runStage(stage);
        await calibration.afterStage(stage);
        refreshWarnings();
      }
    } catch (err) {
      // The run's own failure is the one to report; the container still goes.
      await calibration.close().catch(() => undefined);
      throw err;
    }
    await calibration.close();
    refreshWarnings();
    // The analyses over the whole run (reference-host answers, the capacity plan) read every stage's verdict.
    Object.assign(store.result, endOfRunAnalysis(store.result, config.targetUsers));
    await store.save();
    emit({ type: 'calibration', phase: 'end', calibration: store.result.calibration });
  }).finally(async () => {
    // Also after a failure or Ctrl-C: runInFolder has removed the run's stacks by then.
    if (swarm?.initialised) {
      await leaveSwarm(swarm, store.commands);
      emit({ type: 'swarm-left', orphan: false });
    }
  });
  return { runDir: store.dir, result: store.result, htmlPath };
}

function newStore(config: LabConfig, reportsDir: string, host: HostInfo): RunStore {
  const runId = newRunId(config.profile);
  return new RunStore(path.join(reportsDir, runId), { runId, profile: config.profile, host, slo: config.slo, plan: config });
}

/** Reopens a run folder; a plan that differs from the one it started with is refused, naming the difference. */
async function resumeStore(dir: string, config: LabConfig): Promise<RunStore> {
  const result = await loadLabResult(dir);
  // A run started before `targetUsers` existed planned for the default crowd; its absence is not a change of plan.
  // Nor is an engine before `engine` existed (compose); and --swarm-init says how to get a swarm, not what is measured.
  const plan = result.plan && typeof result.plan === 'object' ? result.plan as Record<string, unknown> : null;
  const stored = plan ? { targetUsers: DEFAULT_TARGET_USERS, engine: 'compose', ...plan, swarmInit: config.swarmInit } : result.plan;
  const diff = firstDifference(stored, config);
  if (diff) {
    throw new LabError(
      `Cannot resume ${dir}: the plan differs at ${diff.path} (the run started with ${diff.before}, this plan gives ${diff.after}).`,
      `Resume with the same options as the first run (its profile was ${result.profile}).`,
    );
  }
  return RunStore.fromResult(path.resolve(dir), result);
}

