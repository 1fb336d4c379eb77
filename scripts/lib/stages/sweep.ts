import { checkSlo } from '../search/slo.ts';
import { pickMinResources } from '../search/pick-min-resources.ts';
import type { SweepStage, TrialResult } from '../results/types.ts';
import { runStageTrial, stageBase, type StageContext } from './stage-context.ts';

/**
 * The target crowd against a grid of CPU and memory limits; the answer is
 * the smallest passing cell. Every cell is a capped run, so the host never
 * locks up the way the workshop's VM did.
 */
export async function runSweep(ctx: StageContext): Promise<SweepStage> {
  const started = Date.now();
  const c = ctx.config.sweep;
  const trials: TrialResult[] = [];
  const cells = [];
  for (const cpus of c.cpus) {
    for (const memoryMb of c.memoryMb) {
      const trial = await runStageTrial(ctx, 'sweep', { id: `${cpus}cpu-${memoryMb}m-${c.users}u`, cpus, memoryMb, users: c.users, runTimeS: c.runTimeS });
      trials.push(trial);
      cells.push({ cpus, memoryMb, check: checkSlo(trial, ctx.config.slo), trialId: trial.spec.id, trial });
    }
  }
  const { pick } = pickMinResources(cells);
  return {
    ...stageBase(trials, started),
    users: c.users,
    runTimeS: c.runTimeS,
    cells: cells.map(({ cpus, memoryMb, check, trial }) => ({
      trialId: trial.spec.id, cpus, memoryMb, pass: check.pass, binding: check.binding,
      rps: trial.summary?.rps ?? null, p95Ms: trial.summary?.p95Ms ?? null, failureRatio: trial.summary?.failureRatio ?? null,
    })),
    minimum: pick ? { cpus: pick.cpus, memoryMb: pick.memoryMb, trialId: pick.trialId! } : null,
  };
}
