import path from 'node:path';
import { collectTrial } from '../collect/collect-trial.ts';
import { rampSteps } from '../analyze/ramp-steps.ts';
import { bisectUsers, bracketFromRamp } from '../search/max-users.ts';
import { pointCheck, type SloCheck } from '../search/slo.ts';
import { findKnee } from '../search/find-knee.ts';
import { saturationUsers, serverCeiling } from '../analyze/operational-bound.ts';
import { fitUsl } from '../analyze/usl-fit.ts';
import type { MaxUsersStage, OperationalBound, PointMeasurement, TrialResult, UsersCurvePoint, WorkersStage } from '../results/types.ts';
import { serverLabel } from '../plan/make-trial.ts';
import { runStageTrial, stageBase, type StageContext, type StageTrialOptions } from './stage-context.ts';
import { measurePoint } from './measure-point.ts';

/** The bisection stops once the gap is this share of the answer, or `MIN_RESOLUTION_USERS`, whichever is larger. */
const RESOLUTION_SHARE = 0.05;
const MIN_RESOLUTION_USERS = 5;

/**
 * The largest crowd that still meets the SLO, for the best configuration:
 * one step ramp brackets it (its steps are brackets, never verdicts), a
 * bisection of steady probes narrows the gap to the resolution, and two long
 * steady holds, at the answer and one step above, confirm it. Every
 * measurement stays in the curve once, labelled by how it was taken.
 */
export async function runMaxUsers(ctx: StageContext, workers: WorkersStage | undefined): Promise<MaxUsersStage> {
  const started = Date.now();
  const c = ctx.config.maxUsers;
  const slo = ctx.config.slo;
  const best = workers?.configs.find((k) => k.configId === workers.bestConfigId);
  // The best setup of the workers stage, or the target as it is (its own command) under the plan's limits.
  const setup: Omit<StageTrialOptions, 'id'> = best?.image && best.command
    ? { image: best.image, server: { kind: 'command', argv: best.command }, cpus: best.cpus, memoryMb: best.memoryMb, reuseApi: true }
    : { cpus: c.cpus, memoryMb: c.memoryMb, reuseApi: true };
  const target = ctx.config.target;
  const configLabel = best?.image && best.command ? best.label : `${target.name} · ${serverLabel({ kind: 'command', argv: target.command ?? [] })} · ${c.cpus} CPU`;
  const trials: TrialResult[] = [];
  const curve: UsersCurvePoint[] = [];

  // A first, unjudged step at half the smallest crowd takes the cold start (lazy model loads in
  // every worker) out of the first judged step; the report states it.
  const warmupStep = Math.max(1, Math.floor(Math.min(...c.steps) / 2));
  const rampTrial = await runStageTrial(ctx, 'max-users', { ...setup, id: 'ramp', ramp: { steps: [warmupStep, ...c.steps], stepS: c.stepS } });
  trials.push(rampTrial);
  const history = (await collectTrial(path.join(ctx.store.dir, 'trials', rampTrial.spec.id))).history ?? [];
  const ramp = rampTrial.status === 'passed' ? rampSteps(history, c.steps) : [];
  const bracket = bracketFromRamp(ramp, slo);
  for (const step of ramp) curve.push({ users: step.users, p95Ms: step.p95Ms, failureRatio: step.failureRatio, source: 'ramp', rps: null, point: null, trialId: rampTrial.spec.id });

  const measure = async (users: number, source: 'bisect' | 'hold'): Promise<SloCheck & { users: number; point: PointMeasurement }> => {
    const id = source === 'hold' ? `hold-${users}u` : `${users}u`;
    // A hold runs to its cap: its point is a long steady window, not an early stable one.
    const { point, trials: runs } = await measurePoint(ctx, 'max-users', {
      ...setup, id, users, runTimeS: source === 'hold' ? c.holdS : c.probeS, ...(source === 'hold' ? { stopWhenStableAfterS: null } : {}),
    });
    trials.push(...runs);
    curve.push({ users, p95Ms: point.p95Ms, failureRatio: point.failureRatio, source, rps: point.rps, point, trialId: runs[0]!.spec.id });
    return { ...pointCheck(point), users, point };
  };

  // The ramp only brackets: the bisection starts from its passing step and its first failing one.
  let low = bracket.lastPassingUsers;
  let high = bracket.firstFailingUsers;
  let binding = bracket.binding;
  if (rampTrial.status !== 'passed') {
    // A ramp that crashed (a worker OOM-killed by the lazy-loading race, say) brackets nothing:
    // walk the same steps with steady probes instead, up to the first that misses.
    for (const users of c.steps) {
      const probe = await measure(users, 'bisect');
      if (!probe.pass) {
        [high, binding] = [users, probe.binding];
        break;
      }
      low = users;
    }
  }
  let converged: boolean | null = null;
  let resolution: number | null = null;
  if (low !== null && high !== null) {
    resolution = Math.max(MIN_RESOLUTION_USERS, Math.ceil(RESOLUTION_SHARE * low));
    const bisection = await bisectUsers({ low, high, resolution, maxProbes: c.maxProbes, probe: (users) => measure(users, 'bisect') });
    [low, high, converged] = [bisection.lastPassingUsers, bisection.firstFailingUsers, bisection.converged];
  }

  // Long holds at the answer and one step above it: their verdicts override the shorter probes.
  // A hold that misses moves the answer below it, searched again from the best lower bracket
  // (a passing steady point, or a passing ramp step), and held again: at most twice.
  let confirmed: boolean | null = null;
  let holdAtAnswer: (SloCheck & { users: number; point: PointMeasurement }) | null = null;
  for (let attempt = 0; attempt < 2 && low !== null; attempt++) {
    holdAtAnswer = await measure(low, 'hold');
    confirmed = holdAtAnswer.pass;
    if (confirmed) break;
    [high, binding] = [low, holdAtAnswer.binding];
    const below = curve.filter((p) => p.users < high! && (p.source === 'ramp' ? p.p95Ms !== null && p.p95Ms <= slo.p95Ms && (p.failureRatio ?? 1) <= slo.maxFailureRatio : p.point?.pass));
    low = below.length ? Math.max(...below.map((p) => p.users)) : null;
    if (low !== null && high - low > (resolution ?? MIN_RESOLUTION_USERS)) {
      const again = await bisectUsers({ low, high, resolution: resolution ?? MIN_RESOLUTION_USERS, maxProbes: c.maxProbes, probe: (users) => measure(users, 'bisect') });
      [low, high, converged] = [again.lastPassingUsers, again.firstFailingUsers, again.converged];
    }
  }
  if (confirmed === false) {
    // Two holds missed: the answer is the largest steady measurement that passed, if any.
    const passing = curve.filter((p) => p.source !== 'ramp' && p.point?.pass && p.users < high!).map((p) => p.users);
    low = passing.length ? Math.max(...passing) : null;
  } else if (confirmed && low !== null) {
    const above = high ?? low + (resolution ?? MIN_RESOLUTION_USERS);
    const holdAbove = await measure(above, 'hold');
    if (!holdAbove.pass) [high, binding] = [above, holdAbove.binding];
    else {
      // The step above held too: the shorter probe that failed there was noise; the hold is the
      // answer, and the next crowd that did not pass (a steady point, else the ramp's bracket) bounds it.
      low = above;
      // The throughput and N* quoted at the answer come from the hold at the answer.
      holdAtAnswer = holdAbove;
      const notPassing = curve.filter((p) => p.source !== 'ramp' && p.users > above && !p.point?.pass).map((p) => p.users);
      const rampAbove = bracket.firstFailingUsers !== null && bracket.firstFailingUsers > above ? [bracket.firstFailingUsers] : [];
      high = notPassing.length || rampAbove.length ? Math.min(...notPassing, ...rampAbove) : null;
    }
  }
  curve.sort((a, b) => a.users - b.users || ORDER[a.source] - ORDER[b.source]);

  const measured = curve.filter((p) => p.source !== 'ramp' && p.rps != null && p.point?.verdict !== 'not-judged');
  const holdTrial = holdAtAnswer ? trials.find((t) => t.spec.id === holdAtAnswer!.point.trialIds[0]) : undefined;
  return {
    ...stageBase(trials, started, low === null ? noAnswer(high, confirmed, rampTrial, Math.min(...c.steps)) : null),
    configLabel,
    lastPassingUsers: low,
    firstFailingUsers: high,
    binding,
    confirmed,
    curve,
    // Steady measurements only: a ramp step's 10 s window is a bracket, not a point of the curve's shape.
    knee: findKnee(measured),
    converged,
    resolution,
    rpsAtAnswer: holdAtAnswer?.point.rps ?? null,
    operationalBound: holdTrial ? boundOf(holdTrial) : null,
    usl: fitUsl(measured.map((p) => ({ users: p.users, rps: p.rps! }))),
  };
}

const ORDER = { ramp: 0, bisect: 1, hold: 2 } as const;

/** Why there is no answer, in the words of the stage error. */
function noAnswer(high: number | null, confirmed: boolean | null, ramp: TrialResult, smallest: number): string {
  if (confirmed === false && high !== null) return `the steady hold at ${high} users missed the SLO and no steady measurement below it passed`;
  return `even ${smallest} users missed the SLO${ramp.status === 'passed' ? '' : ` (the ramp ended ${ramp.status})`}`;
}

/** N* and the CPU ceiling from one trial's service demand and think time. */
function boundOf(trial: TrialResult): OperationalBound | null {
  const demandMs = trial.summary?.serviceDemandMs ?? null;
  const thinkTimeS = trial.summary?.thinkTimeS ?? null;
  if (demandMs === null || thinkTimeS === null) return null;
  const users = saturationUsers(demandMs / 1000, thinkTimeS, trial.spec.cpus);
  const maxRps = serverCeiling(demandMs / 1000, trial.spec.cpus);
  return users === null || maxRps === null ? null : { demandMs, thinkTimeS, users, maxRps };
}
