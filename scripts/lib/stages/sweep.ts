import { pointCheck } from '../search/slo.ts';
import { measurePoint } from './measure-point.ts';
import { pickMinResources } from '../search/pick-min-resources.ts';
import type { SweepStage, TrialResult } from '../results/types.ts';
import { stageBase, type StageContext } from './stage-context.ts';

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
      const { point, trials: runs } = await measurePoint(ctx, 'sweep', { id: `${cpus}cpu-${memoryMb}m-${c.users}u`, cpus, memoryMb, users: c.users, runTimeS: c.runTimeS, reuseApi: true });
      trials.push(...runs);
      cells.push({ cpus, memoryMb, check: pointCheck(point), trialId: runs[0]!.spec.id, point });
    }
  }
  const { pick } = pickMinResources(cells);
  return {
    ...stageBase(trials, started),
    users: c.users,
    runTimeS: c.runTimeS,
    cells: cells.map(({ cpus, memoryMb, check, trialId, point }) => ({
      trialId, cpus, memoryMb, pass: check.pass, binding: check.binding,
      rps: point.rps, p95Ms: point.p95Ms, failureRatio: point.failureRatio, point,
    })),
    minimum: pick ? { cpus: pick.cpus, memoryMb: pick.memoryMb, trialId: pick.trialId! } : null,
  };
}
