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
  const trials: TrialResult[] = [];
  let point: PointMeasurement;
  let runs = 1;
  do {
    for (let i = 0; i < runs; i++) {
      const id = trials.length === 0 ? o.id : `${o.id}-r${trials.length + 1}`;
      trials.push(await runStageTrial(ctx, stage, { ...o, id }));
    }
    point = judgePoint(trials, ctx.config.slo);
    runs = repeatsNeeded(point);
  } while (runs > 0);
  return { point, trials };
}
