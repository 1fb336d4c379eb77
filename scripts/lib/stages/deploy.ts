import type { DeployStage } from '../results/types.ts';
import { LabError } from '../errors.ts';
import { imageName } from '../plan/make-trial.ts';
import { runStageTrial, stageBase, type StageContext } from './stage-context.ts';

/**
 * The workshop's first compose: the lazily loading API under 0.5 CPU and
 * 500 MB. It starts and answers /health, then the first prediction (the
 * lab's warm-up, like the students' manual request) loads the model and the
 * kernel kills it: exit 137. Any target runs the same way under the same
 * limits; the story needs a first request, so a target without a warm-up
 * request skips the stage and says why.
 */
export async function runDeploy(ctx: StageContext): Promise<DeployStage> {
  const started = Date.now();
  const c = ctx.config.deploy;
  const target = ctx.config.target;
  if (!target.warmup) {
    throw new LabError(
      `the target ${target.name} has no warm-up request, and this stage is about what the first request does under tight limits`,
      'Give the plan\'s target a warmup (method, path, bodyFile) to run it, or leave the stage out (--skip deploy).',
    );
  }
  const trial = await runStageTrial(ctx, 'deploy', {
    id: `${imageName(target.image.ref)}-${c.cpus}cpu-${c.memoryMb}m`, cpus: c.cpus, memoryMb: c.memoryMb, users: c.users, runTimeS: c.runTimeS,
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
