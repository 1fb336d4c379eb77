import type { PointMeasurement, TrialResult } from '../results/types.ts';
import { judgePoint, repeatsNeeded } from '../search/judge-point.ts';
import { runStageTrial, type StageContext, type StageTrialOptions } from './stage-context.ts';
import type { StageName } from '../plan/lab-config.ts';

/** A measured point and the trials behind it. */
export interface MeasuredPoint {
  point: PointMeasurement;
  trials: TrialResult[];
}

/**
 * Measures one setup at one crowd: one run, then more only while the SLO
 * verdict's interval straddles a limit (adaptive repeats, so only boundary
 * cases pay for them). Repeats get ids `<id>`, `<id>-r2`, `<id>-r3` ...
 */
export async function measurePoint(ctx: StageContext, stage: StageName, o: StageTrialOptions): Promise<MeasuredPoint> {
  let measured = await extendPoint(ctx, stage, o, [], 1);
  for (let runs = repeatsNeeded(measured.point); runs > 0; runs = repeatsNeeded(measured.point)) {
    measured = await extendPoint(ctx, stage, o, measured.trials, runs);
  }
  return measured;
}

/**
 * Adds `runs` runs to a point measured before (with `earlier` as its runs so
 * far) and judges it again over all of them: the repeats of an undecided
 * verdict, and those of a close ranking.
 */
export async function extendPoint(ctx: StageContext, stage: StageName, o: StageTrialOptions, earlier: readonly TrialResult[], runs: number): Promise<MeasuredPoint> {
  const trials = [...earlier];
  for (let i = 0; i < runs; i++) {
    const id = trials.length === 0 ? o.id : `${o.id}-r${trials.length + 1}`;
    trials.push(await runStageTrial(ctx, stage, { ...o, id }));
  }
  return { point: judgePoint(trials, ctx.config.slo), trials };
}
