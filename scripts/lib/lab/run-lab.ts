import path from 'node:path';
import { preflight } from '../docker/preflight.ts';
import { removeLabObjects, type Removed } from '../docker/cleanup.ts';
import { prepareImages } from './lab-images.ts';
import { checkTrialSpec } from '../plan/check-trial-spec.ts';
import type { LabPlan } from '../plan/build-plan.ts';
import { RunStore, newRunId } from '../results/run-store.ts';
import { runTrial, type TrialProgress } from '../stages/run-trial.ts';
import { renderReport } from '../report/render-report.ts';
import { throwIfAborted } from '../errors.ts';
import type { BuiltImage } from '../docker/build-image.ts';
import type { HostInfo, TrialFlag, TrialResult, TrialSpec } from '../results/types.ts';

/** What the lab tells its caller while it works; the entry script decides how to show it. */
export type LabEvent =
  | { type: 'preflight'; host: HostInfo }
  | { type: 'leftovers-removed'; removed: Removed }
  | { type: 'image'; tag: string; phase: 'start' | 'done'; built?: BuiltImage }
  | { type: 'run-folder'; dir: string }
  | { type: 'trial-start'; index: number; total: number; spec: TrialSpec }
  | { type: 'trial-progress'; progress: TrialProgress }
  | { type: 'trial-end'; index: number; total: number; result: TrialResult }
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
  trials: TrialResult[];
  htmlPath: string | null;
}

const FLAG_WARNINGS: Record<TrialFlag, string> = {
  'generator-saturated': 'Locust used more than 90% of a core: the numbers describe the load generator, not the API.',
  'short-steady-window': 'The steady phase after spawning was shorter than 10 s: percentiles rest on few seconds.',
  'no-requests': 'Locust recorded no requests in the steady phase.',
  'few-stats-samples': 'Fewer than 5 container stats samples were taken: resource numbers are thin.',
};

/**
 * The whole run: preflight, leftovers, images, then each planned trial in
 * order (a failed trial is data and the run goes on), then the report.
 * The run folder is kept whatever happens.
 */
export async function runLab(plan: LabPlan, opts: LabOptions): Promise<LabOutcome> {
  const emit = opts.onEvent ?? (() => undefined);
  const pre = await preflight();
  emit({ type: 'preflight', host: pre.host });
  for (const spec of plan.trials) checkTrialSpec(spec, pre.host);

  const removed = await removeLabObjects();
  if (removed.containers.length || removed.networks.length) emit({ type: 'leftovers-removed', removed });

  const runId = newRunId(plan.profile);
  const store = new RunStore(path.join(opts.reportsDir, runId), { runId, profile: plan.profile, host: pre.host });
  await store.init();
  emit({ type: 'run-folder', dir: store.dir });
  const images = await prepareImages(opts.repoRoot, store.commands, (tag, phase, built) => emit({ type: 'image', tag, phase, ...(built ? { built } : {}) }));
  store.result.host.locustVersion = images.locustVersion;
  await store.save();

  const trials: TrialResult[] = [];
  try {
    for (const [i, spec] of plan.trials.entries()) {
      throwIfAborted(opts.signal);
      emit({ type: 'trial-start', index: i, total: plan.trials.length, spec });
      const result = await runTrial(spec, {
        store, compose: pre.compose, ...(opts.signal ? { signal: opts.signal } : {}),
        onProgress: (progress) => emit({ type: 'trial-progress', progress }),
      });
      for (const flag of result.flags) store.warn(`${spec.id}: ${FLAG_WARNINGS[flag]}`);
      if (result.status !== 'passed') store.warn(`${spec.id}: ${result.status}: ${result.cause ?? ''}`);
      trials.push(result);
      emit({ type: 'trial-end', index: i, total: plan.trials.length, result });
    }
  } finally {
    await removeLabObjects({ runId });
    await store.finish();
  }
  const { htmlPath } = await renderReport(store.dir);
  emit({ type: 'report', htmlPath });
  return { runDir: store.dir, trials, htmlPath };
}
