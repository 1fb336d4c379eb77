import type {
  CapacityCurvePoint, CapacityPlan, CapacityRange, CapacitySetup, PerReplica, PredictionCheck, ReplicaPoint, ReplicaUsl,
} from '../results/capacity-schema.ts';
import type { HostInfo, LabResult, MaxUsersStage, ReplicasStage, SloSpec, TrialResult } from '../results/types.ts';
import { judgePoint } from '../search/judge-point.ts';
import { median } from './intervals.ts';
import { fitUsl } from './usl-fit.ts';

/** Points on the plan's curve for the chart. */
const CURVE_POINTS = 40;

/** What the plan reads of a run. */
export type CapacityInput = Pick<LabResult, 'stages' | 'trials' | 'host' | 'slo'>;

/**
 * How many replicas of the max-users stage's setup serve `targetUsers` within
 * the SLO, and what they take. The model: one replica serves U₁ users within
 * the SLO (the max-users answer) at a cycle time R + Z = U₁ / X₁ (Little's
 * law); r replicas behind the balancer serve U₁ · r / (1 + σ(r−1) + κ·r(r−1))
 * users (the Universal Scalability Law over replicas, fitted on the replicas
 * stage's runs at one CPU limit per replica). The crowd's throughput cancels
 * out, so the count depends on U₁, σ and κ only. Pure.
 */
export function capacityPlan(input: CapacityInput, targetUsers: number): CapacityPlan {
  if (!(Number.isInteger(targetUsers) && targetUsers >= 1)) {
    throw new RangeError(`target users ${targetUsers} is not a crowd: pass --target-users a whole number of at least 1 (plan key targetUsers)`);
  }
  const empty: CapacityPlan = {
    targetUsers, verdict: 'no-max-users', setup: null, perReplica: null, requiredRps: null, usl: null, ceilingRps: null,
    replicas: null, total: null, hosts: null, measuredMaxReplicas: null, check: null, curve: [],
  };
  const trial = trialLookup(input.trials);
  const answer = perReplicaAnswer(input.stages.maxUsers, trial);
  if (!answer) return empty;
  const { perReplica, setup } = answer;
  const requiredRps = targetUsers / perReplica.cycleS;
  const replicasStage = input.stages.replicas;
  const usl = replicasStage ? fitOverReplicas(replicasStage, trial, input.slo) : null;
  const check = replicasStage ? predictionCheck(replicasStage, trial, input.slo) : null;
  const measuredMaxReplicas = usl ? Math.max(...usl.points.map((p) => p.replicas)) : null;
  const base = { ...empty, setup, perReplica, requiredRps, check, measuredMaxReplicas };
  if (!usl) return { ...base, verdict: 'no-replicas' };

  const ceilingRps = usl.kappa > 0
    ? uslRps(perReplica.rps, usl.sigma, usl.kappa, peakOf(usl.sigma, usl.kappa))
    : usl.sigma > 0 ? perReplica.rps / usl.sigma : null;
  const linear = Math.ceil(targetUsers / perReplica.users);
  const count = replicasFor(targetUsers, perReplica.users, usl.sigma, usl.kappa);
  // A quarter past the plan, so the chart shows where the curve heads.
  const curve = planCurve(perReplica.rps, usl.sigma, usl.kappa, Math.max(2, Math.ceil((count ?? linear * 3) * 1.25)));
  const planned = { ...base, usl, ceilingRps, curve };
  if (count === null) return { ...planned, verdict: 'beyond-ceiling' };

  const range: CapacityRange = {
    low: replicasFor(targetUsers, perReplica.usersRange.high ?? perReplica.users, usl.sigmaRange?.low ?? usl.sigma, usl.kappa)!,
    high: replicasFor(targetUsers, perReplica.users, usl.sigmaRange?.high ?? usl.sigma, usl.kappa),
  };
  const hosts = hostsFor(input.host, setup.cpus, setup.memoryMb);
  return {
    ...planned,
    verdict: hosts.replicasPerHost < 1 ? 'replica-exceeds-host' : 'planned',
    replicas: { count, range, linear, extrapolation: count / measuredMaxReplicas! },
    total: { cpus: count * setup.cpus, memoryMb: count * setup.memoryMb },
    hosts: {
      ...hosts,
      count: hosts.replicasPerHost < 1 ? null : Math.ceil(count / hosts.replicasPerHost),
      range: hosts.replicasPerHost < 1 ? null : {
        low: Math.ceil(range.low / hosts.replicasPerHost),
        high: range.high === null ? null : Math.ceil(range.high / hosts.replicasPerHost),
      },
    },
  };
}

/**
 * The smallest whole r with U₁ · r / (1 + σ(r−1) + κ·r(r−1)) ≥ N; `null` when
 * the curve levels off (κ = 0: at U₁/σ) or peaks (κ > 0) below N.
 */
export function replicasFor(targetUsers: number, usersPerReplica: number, sigma: number, kappa: number): number | null {
  const ratio = targetUsers / usersPerReplica;
  if (ratio <= 1) return 1;
  const serves = (r: number) => uslRps(usersPerReplica, sigma, kappa, r);
  if (kappa === 0) {
    // r ≥ ratio·(1 − σ) / (1 − σ·ratio), from r ≥ ratio·(1 + σ(r − 1)).
    if (sigma * ratio >= 1) return null;
    let r = Math.max(1, Math.ceil((ratio * (1 - sigma)) / (1 - sigma * ratio) - 1e-9));
    // Rounding in the closed form is settled against the model itself.
    while (serves(r) < targetUsers) r++;
    while (r > 1 && serves(r - 1) >= targetUsers) r--;
    return r;
  }
  const peak = peakOf(sigma, kappa);
  const top = Math.max(1, Math.ceil(peak));
  for (let r = Math.ceil(ratio); r <= top; r++) if (serves(r) >= targetUsers) return r;
  return serves(Math.floor(peak)) >= targetUsers ? Math.floor(peak) : null;
}

/** The USL over replicas: r · one / (1 + σ(r−1) + κ·r(r−1)), for users or req/s alike. */
function uslRps(one: number, sigma: number, kappa: number, r: number): number {
  return (one * r) / (1 + sigma * (r - 1) + kappa * r * (r - 1));
}

/** Replicas at which the USL peaks, √((1 − σ)/κ) (κ > 0). */
function peakOf(sigma: number, kappa: number): number {
  return Math.sqrt(Math.max(0, 1 - sigma) / kappa);
}

type TrialOf = (id: string | null | undefined) => TrialResult | undefined;

function trialLookup(trials: readonly TrialResult[]): TrialOf {
  const byId = new Map(trials.map((t) => [t.spec.id, t]));
  return (id) => (id == null ? undefined : byId.get(id));
}

/**
 * U₁ and X₁ from the same steady point at the answer (its hold when it was
 * held, else its probe), so that users / throughput is a cycle time.
 */
function perReplicaAnswer(stage: MaxUsersStage | undefined, trial: TrialOf): { perReplica: PerReplica; setup: CapacitySetup } | null {
  const users = stage?.lastPassingUsers ?? null;
  if (!stage || users === null) return null;
  const at = stage.curve.filter((p) => p.users === users && p.source !== 'ramp' && p.point?.rps != null);
  const point = at.find((p) => p.source === 'hold' && p.point!.pass) ?? at.find((p) => p.point!.pass) ?? at[0];
  const rps = point?.point?.rps ?? stage.rpsAtAnswer ?? null;
  if (!(rps !== null && rps > 0)) return null;
  const answerTrial = trial(point?.point?.trialIds[0] ?? point?.trialId) ?? stage.trialIds.map((id) => trial(id)).find((t) => t !== undefined);
  if (!answerTrial) return null;
  const demandMs = stage.operationalBound?.demandMs ?? answerTrial.summary?.serviceDemandMs ?? null;
  const thinkTimeS = stage.operationalBound?.thinkTimeS ?? answerTrial.summary?.thinkTimeS ?? null;
  const cycleS = users / rps;
  return {
    setup: { label: stage.configLabel, trialId: answerTrial.spec.id, cpus: answerTrial.spec.cpus, memoryMb: answerTrial.spec.memoryMb },
    perReplica: {
      users,
      usersRange: { low: users, high: stage.firstFailingUsers === null ? null : Math.max(users, stage.firstFailingUsers - 1) },
      rps, rpsInterval: point?.point?.rpsInterval ?? null,
      demandMs, thinkTimeS, cycleS, responseS: thinkTimeS === null ? null : cycleS - thinkTimeS,
    },
  };
}

/** The replicas stage's passing runs at one CPU limit per replica (the many-replica runs' limit). */
function replicaPoints(stage: ReplicasStage, trial: TrialOf, slo: SloSpec): ReplicaPoint[] {
  const runs = (stage.runs ?? []).filter((run) => run.status === 'passed' && run.rps !== null && run.rps > 0);
  const many = runs.find((run) => run.replicas > 1);
  if (!many) return [];
  return runs.filter((run) => run.cpus === many.cpus).map((run) => {
    const t = trial(run.trialId);
    return {
      trialId: run.trialId, replicas: run.replicas, rps: run.rps!,
      rpsInterval: t ? judgePoint([t], slo).rpsInterval : null,
      loadLimited: run.loadLimited,
    };
  });
}

/**
 * σ (and κ with three or more replica counts) from the replicas stage. Two
 * counts, 1 and r: X(r)/X(1) = r / (1 + σ(r−1)) fixes σ alone, so κ is held at 0.
 */
function fitOverReplicas(stage: ReplicasStage, trial: TrialOf, slo: SloSpec): ReplicaUsl | null {
  const points = replicaPoints(stage, trial, slo);
  const counts = [...new Set(points.map((p) => p.replicas))].sort((a, b) => a - b);
  if (counts[0] !== 1 || counts.length < 2) return null;
  const first = trial(points[0]!.trialId);
  const common = { image: first?.spec.image ?? '', cpusPerReplica: stage.runs!.find((r) => r.trialId === points[0]!.trialId)!.cpus, users: first?.spec.users ?? 0, points };
  if (counts.length >= 3) {
    const fit = fitUsl(points.map((p) => ({ users: p.replicas, rps: p.rps })));
    if (!fit) return null;
    return {
      ...common, method: 'least-squares', fixed: [], sigma: fit.sigma, kappa: fit.kappa, sigmaRange: null,
      sigmaIsUpperBound: points.some((p) => p.replicas > 1 && p.loadLimited), clamped: false, rmsRelativeResidual: fit.rmsRelativeResidual,
    };
  }
  const r = counts[1]!;
  const ones = points.filter((p) => p.replicas === 1);
  const manys = points.filter((p) => p.replicas === r);
  const x1 = median(ones.map((p) => p.rps))!;
  const xr = median(manys.map((p) => p.rps))!;
  const sigmaOf = (single: number, balanced: number) => ((r * single) / balanced - 1) / (r - 1);
  const raw = sigmaOf(x1, xr);
  const loadLimited = manys.some((p) => p.loadLimited);
  const lowEnd = (list: ReplicaPoint[]) => Math.min(...list.map((p) => p.rpsInterval?.low ?? p.rps));
  const highEnd = (list: ReplicaPoint[]) => Math.max(...list.map((p) => p.rpsInterval?.high ?? p.rps));
  return {
    ...common, method: 'two-point', fixed: ['kappa'], sigma: Math.max(0, raw), kappa: 0,
    sigmaRange: {
      low: loadLimited ? 0 : Math.max(0, sigmaOf(lowEnd(ones), highEnd(manys))),
      high: Math.max(0, sigmaOf(highEnd(ones), lowEnd(manys))),
    },
    sigmaIsUpperBound: loadLimited, clamped: raw < 0, rmsRelativeResidual: 0,
  };
}

/**
 * The many-replica run's throughput predicted from the 1-replica run at the
 * same CPU per replica alone: the operational bound min(r · X(1), N / (D + Z)),
 * with D and Z measured in the 1-replica run.
 */
function predictionCheck(stage: ReplicasStage, trial: TrialOf, slo: SloSpec): PredictionCheck | null {
  const points = replicaPoints(stage, trial, slo);
  const single = points.find((p) => p.replicas === 1);
  const many = points.find((p) => p.replicas > 1);
  const from = trial(single?.trialId);
  const to = trial(many?.trialId);
  if (!single || !many || !from || !to) return null;
  const capacityRps = many.replicas * single.rps;
  const demandMs = from.summary?.serviceDemandMs ?? null;
  const thinkTimeS = from.summary?.thinkTimeS ?? null;
  const users = to.spec.users;
  const loadBoundRps = demandMs === null || thinkTimeS === null ? null : users / (demandMs / 1000 + thinkTimeS);
  const predictedRps = loadBoundRps === null ? capacityRps : Math.min(capacityRps, loadBoundRps);
  const interval = many.rpsInterval;
  return {
    fromTrialId: single.trialId, toTrialId: many.trialId, replicas: many.replicas, users,
    capacityRps, loadBoundRps, predictedRps, binding: predictedRps === capacityRps ? 'capacity' : 'load',
    measuredRps: many.rps, measuredInterval: interval,
    errorPct: ((predictedRps - many.rps) / many.rps) * 100,
    withinInterval: interval ? predictedRps >= interval.low && predictedRps <= interval.high : null,
    measuredLoadLimited: many.loadLimited,
  };
}

/** Whole replicas per host, by CPU and by memory. */
function hostsFor(host: HostInfo, cpus: number, memoryMb: number): { hostCpus: number; hostMemoryMb: number; replicasPerHost: number; limitedBy: 'cpu' | 'memory' } {
  const hostMemoryMb = host.memoryBytes / 2 ** 20;
  // 1e-9: 2 / 0.4 must be 5 replicas, not 4.999….
  const byCpu = Math.floor(host.cpus / cpus + 1e-9);
  const byMemory = Math.floor(hostMemoryMb / memoryMb + 1e-9);
  return { hostCpus: host.cpus, hostMemoryMb, replicasPerHost: Math.min(byCpu, byMemory), limitedBy: byCpu <= byMemory ? 'cpu' : 'memory' };
}

/** The model's throughput from 1 to `upTo` replicas, spaced evenly on a log scale (the chart's). */
function planCurve(rps1: number, sigma: number, kappa: number, upTo: number): CapacityCurvePoint[] {
  const rs = new Set<number>([1, 2]);
  for (let i = 0; i < CURVE_POINTS; i++) rs.add(Math.round(upTo ** (i / (CURVE_POINTS - 1))));
  rs.add(Math.round(upTo));
  return [...rs].sort((a, b) => a - b).map((r) => ({
    replicas: r, rps: uslRps(rps1, sigma, kappa, r), linearRps: rps1 * r,
  }));
}
