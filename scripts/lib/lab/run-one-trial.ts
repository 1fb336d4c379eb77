import path from 'node:path';
import { preflight } from '../docker/preflight.ts';
import { checkTrialSpec } from '../plan/check-trial-spec.ts';
import type { LabPlan } from '../plan/build-plan.ts';
import { RunStore, newRunId } from '../results/run-store.ts';
import { runTrial } from '../trial/run-trial.ts';
import { clearOrphans, runInFolder } from './run-in-folder.ts';
import { requireImage } from '../docker/require-image.ts';
import type { LabEvent, LabOptions, LabOutcome } from './lab-events.ts';
import { judgePoint } from '../search/judge-point.ts';
import { runWarnings } from '../analyze/run-warnings.ts';
import type { CommandRecord } from '../results/types.ts';
import { leaveSwarm, useSwarm, type SwarmUse } from '../docker/swarm.ts';

/** One trial from flags, outside the workshop's stages: for your own image, or to look at one setup. */
export async function runOneTrial(plan: LabPlan, opts: LabOptions): Promise<LabOutcome> {
  const emit = opts.onEvent ?? ((_: LabEvent) => undefined);
  const pre = await preflight({ networks: plan.trials[0]!.networks });
  emit({ type: 'preflight', host: pre.host });
  const spec = plan.trials[0]!;
  checkTrialSpec(spec, pre.host);
  await requireImage(spec.image);
  await clearOrphans(emit);
  // Before the run folder exists: a refused swarm leaves nothing behind; its commands join the record below.
  const swarmLog: CommandRecord[] = [];
  let swarm: SwarmUse | null = null;
  if (spec.engine === 'swarm') {
    swarm = await useSwarm({ init: Boolean(plan.swarmInit), log: swarmLog });
    emit({ type: 'swarm', nodes: swarm.nodes, initialised: swarm.initialised });
  }
  const runId = newRunId(plan.profile);
  const store = new RunStore(path.join(opts.reportsDir, runId), { runId, profile: plan.profile, host: pre.host, plan });
  await store.init();
  store.commands.push(...swarmLog);
  emit({ type: 'run-folder', dir: store.dir, resumed: false });
  const htmlPath = await runInFolder(store, opts.repoRoot, emit, async () => {
    emit({ type: 'trial-start', stage: 'trial', index: 0, spec });
    const result = await runTrial(spec, {
      store, compose: pre.compose, ...(opts.signal ? { signal: opts.signal } : {}),
      onProgress: (progress) => emit({ type: 'trial-progress', progress }),
    });
    // A lone trial is judged as a point of one run, and its flags become the run's warnings, as in a lab run.
    store.result.singleTrial = { trialId: result.spec.id, point: judgePoint([result], store.result.slo) };
    store.result.warnings = runWarnings(store.result.trials);
    await store.save();
    emit({ type: 'trial-end', stage: 'trial', index: 0, result });
  }).finally(async () => {
    // Also after a failure or Ctrl-C: runInFolder has removed the run's stack by then.
    if (swarm?.initialised) {
      await leaveSwarm(swarm, store.commands);
      emit({ type: 'swarm-left', orphan: false });
    }
  });
  return { runDir: store.dir, result: store.result, htmlPath };
}
