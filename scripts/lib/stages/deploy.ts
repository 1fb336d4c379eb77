import type { DeployStage } from '../results/types.ts';
import { runStageTrial, stageBase, type StageContext } from './stage-context.ts';

/**
 * The workshop's first compose: the lazily loading API under 0.5 CPU and
 * 500 MB. It starts and answers /health, then the first prediction (the
 * lab's warm-up, like the students' manual request) loads the model and the
 * kernel kills it: exit 137.
 */
export async function runDeploy(ctx: StageContext): Promise<DeployStage> {
  const started = Date.now();
  const c = ctx.config.deploy;
  const trial = await runStageTrial(ctx, 'deploy', {
    id: `baseline-${c.cpus}cpu-${c.memoryMb}m`, image: 'baseline', cpus: c.cpus, memoryMb: c.memoryMb, users: c.users, runTimeS: c.runTimeS,
  });
  const api = trial.containers[0];
  return {
    ...stageBase([trial], started),
    trialId: trial.spec.id,
    reproduced: trial.status === 'oom-killed' && trial.failurePhase === 'first-request',
    status: trial.status,
    failurePhase: trial.failurePhase,
    exitCode: api?.exitCode ?? null,
    oomKilled: api?.oomKilled ?? false,
    cpus: c.cpus,
    memoryMb: c.memoryMb,
  };
}
