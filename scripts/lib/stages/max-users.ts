import path from 'node:path';
import { collectTrial } from '../collect/collect-trial.ts';
import { rampSteps } from '../analyze/ramp-steps.ts';
import { bisectUsers, bracketFromRamp, buildMaxUsersVerdict, type UsersBisection } from '../search/max-users.ts';
import { checkSlo, type SloCheck } from '../search/slo.ts';
import type { MaxUsersStage, TrialResult, WorkersStage } from '../results/types.ts';
import type { Server } from '../plan/make-trial.ts';
import { runStageTrial, stageBase, type StageContext, type StageTrialOptions } from './stage-context.ts';

/**
 * The largest crowd that still meets the SLO, for the best configuration:
 * one step ramp brackets it, a bisection between the last passing and the
 * first failing step refines it, and a steady hold at the answer confirms it.
 */
export async function runMaxUsers(ctx: StageContext, workers: WorkersStage | undefined): Promise<MaxUsersStage> {
  const started = Date.now();
  const c = ctx.config.maxUsers;
  const slo = ctx.config.slo;
  const best = workers?.configs.find((k) => k.configId === workers.bestConfigId);
  const setup: Omit<StageTrialOptions, 'id'> = best
    ? { image: best.variant, server: { kind: best.server, workers: best.workers } as Server, cpus: best.cpus, memoryMb: best.memoryMb }
    : { image: 'baseline', cpus: c.cpus, memoryMb: c.memoryMb };
  const configLabel = best?.label ?? `baseline · uvicorn ×1 · ${c.cpus} CPU`;
  const trials: TrialResult[] = [];
  const run = async (o: StageTrialOptions) => {
    const t = await runStageTrial(ctx, 'max-users', { ...setup, ...o });
    trials.push(t);
    return t;
  };

  // A first, unjudged step at half the smallest crowd takes the cold start (lazy model loads in
  // every worker) out of the first judged step; the report states it.
  const warmupStep = Math.max(1, Math.floor(Math.min(...c.steps) / 2));
  const rampTrial = await run({ id: 'ramp', ramp: { steps: [warmupStep, ...c.steps], stepS: c.stepS }, cpus: setup.cpus, memoryMb: setup.memoryMb });
  const history = (await collectTrial(path.join(ctx.store.dir, 'trials', rampTrial.spec.id))).history ?? [];
  const ramp = rampSteps(history, c.steps);
  const bracket = bracketFromRamp(ramp, slo);

  const probe = async (users: number): Promise<SloCheck & { users: number }> => {
    const t = await run({ id: `${users}u`, users, runTimeS: c.holdS, cpus: setup.cpus, memoryMb: setup.memoryMb });
    return { ...checkSlo(t, slo), users };
  };
  let bisection: UsersBisection | null = null;
  if (bracket.lastPassingUsers !== null && bracket.firstFailingUsers !== null) {
    bisection = await bisectUsers({ low: bracket.lastPassingUsers, high: bracket.firstFailingUsers, probe, maxProbes: c.maxProbes });
  }
  let answer = bisection?.lastPassingUsers ?? bracket.lastPassingUsers;
  // The hold re-measures the answer unless a bisection probe already held exactly that crowd.
  let hold = answer === null ? null : bisection?.probes.find((p) => p.users === answer) ?? (await probe(answer));
  if (hold && !hold.pass && !bisection) {
    // A ramp step is shorter than a hold; when the hold disagrees, search again below it.
    const below = bracket.checks.filter((k) => k.pass && k.users < hold!.users).map((k) => k.users);
    if (below.length) {
      bisection = await bisectUsers({ low: Math.max(...below), high: hold.users, probe, maxProbes: c.maxProbes });
      answer = bisection.lastPassingUsers;
      hold = bisection.probes.find((p) => p.users === answer) ?? (await probe(answer));
    }
  }
  const verdict = buildMaxUsersVerdict({ ramp, slo, bisection, hold });
  return {
    ...stageBase(trials, started, answer === null ? `even ${Math.min(...c.steps)} users missed the SLO` : null),
    configLabel,
    lastPassingUsers: verdict.lastPassingUsers,
    firstFailingUsers: verdict.firstFailingUsers,
    binding: verdict.binding,
    confirmed: verdict.confirmed,
    curve: verdict.curve,
    knee: verdict.knee,
  };
}
