import path from 'node:path';
import { preflight } from '../docker/preflight.ts';
import { removeLabObjects, type Removed } from '../docker/cleanup.ts';
import { prepareImages } from './lab-images.ts';
import { checkLabConfig } from '../plan/check-lab-config.ts';
import type { LabConfig, StageName } from '../plan/lab-config.ts';
import { RunStore, newRunId } from '../results/run-store.ts';
import { renderReport } from '../report/render-report.ts';
import { AbortedError, LabError, throwIfAborted } from '../errors.ts';
import type { BuiltImage } from '../docker/build-image.ts';
import type { HostInfo, StageResults, TrialFlag, TrialResult } from '../results/types.ts';
import type { StageContext, StageEvent } from '../stages/stage-context.ts';
import { runDeploy } from '../stages/deploy.ts';
import { runMemoryFloor } from '../stages/memory-floor.ts';
import { runSweep } from '../stages/sweep.ts';
import { runReplicas } from '../stages/replicas.ts';
import { runWorkers } from '../stages/workers.ts';
import { runMaxUsers } from '../stages/max-users.ts';
import { runPublish } from '../stages/publish.ts';

/** What the lab tells its caller while it works; the entry script decides how to show it. */
export type LabEvent =
  | { type: 'preflight'; host: HostInfo }
  | { type: 'leftovers-removed'; removed: Removed }
  | { type: 'image'; tag: string; phase: 'start' | 'done'; built?: BuiltImage }
  | { type: 'run-folder'; dir: string }
  | { type: 'stage-error'; stage: StageName; message: string }
  | StageEvent
  | { type: 'report'; htmlPath: string };

export interface LabOptions {
  repoRoot: string;
  /** Parent of run folders, usually `<repo>/reports`. */
  reportsDir: string;
  signal?: AbortSignal;
  onEvent?: (e: LabEvent) => void;
}

export interface LabOutcome {
  runDir: string;
  result: RunStore['result'];
  htmlPath: string | null;
}

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

const FLAG_WARNINGS: Record<TrialFlag, string> = {
  'generator-saturated': 'Locust used more than 90% of a core: the numbers describe the load generator, not the API.',
  'short-steady-window': 'The steady phase after spawning was shorter than 10 s: percentiles rest on few seconds.',
  'no-requests': 'Locust recorded no requests in the steady phase.',
  'few-stats-samples': 'Fewer than 5 container stats samples were taken: resource numbers are thin.',
};

/**
 * The whole run: preflight and guardrails (nothing starts if the plan does
 * not fit the host), leftovers, images, then each stage in order. A stage
 * that cannot reach a verdict is recorded and the next one runs. The report
 * is rendered whatever happens, even after Ctrl-C.
 */
export async function runLab(config: LabConfig, opts: LabOptions): Promise<LabOutcome> {
  const emit = opts.onEvent ?? (() => undefined);
  const pre = await preflight();
  emit({ type: 'preflight', host: pre.host });
  checkLabConfig(config, pre.host, opts.repoRoot);

  const removed = await removeLabObjects();
  if (removed.containers.length || removed.networks.length) emit({ type: 'leftovers-removed', removed });

  const runId = newRunId(config.profile);
  const store = new RunStore(path.join(opts.reportsDir, runId), { runId, profile: config.profile, host: pre.host, slo: config.slo, plan: config });
  await store.init();
  emit({ type: 'run-folder', dir: store.dir });
  const ctx: StageContext = {
    config, repoRoot: opts.repoRoot, store, compose: pre.compose, host: pre.host, emit: (e) => {
      if (e.type === 'trial-end') noteTrial(store, e.result);
      emit(e);
    },
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
  let aborted: unknown = null;
  try {
    const images = await prepareImages(opts.repoRoot, store.commands, (tag, phase, built) => emit({ type: 'image', tag, phase, ...(built ? { built } : {}) }));
    store.result.host.locustVersion = images.locustVersion;
    await store.save();
    for (const stage of config.stages) {
      throwIfAborted(opts.signal);
      const started = Date.now();
      emit({ type: 'stage-start', stage });
      try {
        const [key, verdict] = await STAGE_RUNNERS[stage](ctx);
        await store.setStage(key, verdict as never);
        emit({ type: 'stage-end', stage, durationMs: Date.now() - started, summary: null });
      } catch (err) {
        if (err instanceof AbortedError || !(err instanceof LabError)) throw err;
        store.warn(`${stage}: ${err.message}`);
        emit({ type: 'stage-error', stage, message: err.message });
      }
    }
  } catch (err) {
    aborted = err;
  } finally {
    await removeLabObjects({ runId });
    await store.finish();
  }
  const { htmlPath } = await renderReport(store.dir);
  emit({ type: 'report', htmlPath });
  if (aborted) throw aborted;
  return { runDir: store.dir, result: store.result, htmlPath };
}

function noteTrial(store: RunStore, result: TrialResult): void {
  for (const flag of result.flags) store.warn(`${result.spec.id}: ${FLAG_WARNINGS[flag]}`);
  if (result.status !== 'passed' && result.spec.stage !== 'memory-floor') store.warn(`${result.spec.id}: ${result.status}: ${result.cause ?? ''}`);
}
