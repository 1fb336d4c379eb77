/**
 * The capacity plan's part of the contract (`LabResult.capacity`), written by
 * `analyze/capacity-plan.ts` at the end of a run (or by `scripts/analyze-run.mjs`
 * for a finished run folder) and only read by the report. One valibot schema per
 * part, each exporting its type under the name the code uses.
 */
import * as v from 'valibot';

/**
 * Why there is or is not a plan. NOTE: i18n keys `capacity.verdict.*`.
 * `planned`: replicas, CPUs, memory and hosts are given;
 * `no-max-users`: the max-users stage gave no answer (or did not run), so nothing per replica is known;
 * `no-replicas`: the replicas stage has no passing 1-replica and N-replica runs at the same CPU per replica, so the scaling over replicas is unknown;
 * `beyond-ceiling`: the fitted scaling levels off below the target: no number of replicas of one balanced deployment serves it;
 * `replica-exceeds-host`: one replica asks for more CPU or memory than this host has.
 */
export const CapacityVerdictSchema = v.picklist(['planned', 'no-max-users', 'no-replicas', 'beyond-ceiling', 'replica-exceeds-host']);
export type CapacityVerdict = v.InferOutput<typeof CapacityVerdictSchema>;

/** A value's plausible range; `high: null` means unbounded (the model allows no finite answer at that end). */
export const CapacityRangeSchema = v.object({
  low: v.number(),
  high: v.nullable(v.number()),
});
export type CapacityRange = v.InferOutput<typeof CapacityRangeSchema>;

/** A throughput interval as the stages store it (`types.ts` `Interval`, restated). */
export const CapacityIntervalSchema = v.object({
  low: v.number(),
  high: v.number(),
  /** Nominal coverage, e.g. 0.95. */
  level: v.number(),
  /** How it was computed. NOTE: i18n keys `interval.*`. */
  method: v.string(),
});
export type CapacityInterval = v.InferOutput<typeof CapacityIntervalSchema>;

/** The setup the plan replicates: the one the max-users stage measured. */
export const CapacitySetupSchema = v.object({
  /** The max-users stage's `configLabel`, e.g. `optimized · gunicorn ×2 · 1 CPU`. */
  label: v.string(),
  /** The trial the per-replica answer comes from (its CPU and memory limits are the replica's). */
  trialId: v.string(),
  /** CPU limit of one replica, cores. */
  cpus: v.number(),
  /** Memory limit of one replica, MiB. */
  memoryMb: v.number(),
});
export type CapacitySetup = v.InferOutput<typeof CapacitySetupSchema>;

/** What one replica serves within the SLO (the max-users answer). */
export const PerReplicaSchema = v.object({
  /** Largest crowd that met the SLO, users (`maxUsers.lastPassingUsers`). */
  users: v.number(),
  /** Where the true largest crowd lies: from the answer to one below the first crowd that missed (`high: null` when none missed). */
  usersRange: CapacityRangeSchema,
  /** Throughput measured at that crowd, req/s. */
  rps: v.number(),
  /** Its interval as the stage stored it; `null` when the answer has no steady point. */
  rpsInterval: v.nullable(CapacityIntervalSchema),
  /** Service demand D, API CPU time per request, ms; `null` without CPU samples. */
  demandMs: v.nullable(v.number()),
  /** Mean think time Z, s; `null` without request samples. */
  thinkTimeS: v.nullable(v.number()),
  /** Each user's cycle R + Z at the answer, s, by Little's law: users / throughput. */
  cycleS: v.number(),
  /** Mean response time R = cycle − Z, s; `null` without Z. */
  responseS: v.nullable(v.number()),
});
export type PerReplica = v.InferOutput<typeof PerReplicaSchema>;

/** One measured point of throughput against replicas (replicas stage). */
export const ReplicaPointSchema = v.object({
  trialId: v.string(),
  replicas: v.number(),
  /** Throughput, req/s. */
  rps: v.number(),
  /** Within-run interval of the throughput (`search/judge-point.ts`); `null` without a window. */
  rpsInterval: v.nullable(CapacityIntervalSchema),
  /** The run was limited by its crowd (X near N / Z), not by the replicas: its throughput is only a lower bound of what they can serve. */
  loadLimited: v.nullable(v.boolean()),
});
export type ReplicaPoint = v.InferOutput<typeof ReplicaPointSchema>;

/**
 * Universal Scalability Law over replicas: X(r) = r·X(1) / (1 + σ(r−1) + κ·r(r−1)).
 * NOTE: `method` and `fixed` are i18n keys `capacity.method.*`.
 */
export const ReplicaUslSchema = v.object({
  /** The image the replicas stage ran (it need not be the plan's setup: σ and κ are carried over). */
  image: v.string(),
  /** CPU limit of each replica in the fitted runs, cores. */
  cpusPerReplica: v.number(),
  /** Crowd of the fitted runs, users. */
  users: v.number(),
  /** The runs fitted: every passing run with `cpusPerReplica` per replica. */
  points: v.array(ReplicaPointSchema),
  /** `two-point`: one replica count besides 1, so only σ is fixed by the data; `least-squares`: three or more counts (`analyze/usl-fit.ts`). */
  method: v.picklist(['two-point', 'least-squares']),
  /** Parameters set by assumption rather than fitted: `kappa` (held at 0) with two points. */
  fixed: v.array(v.literal('kappa')),
  /** σ ≥ 0: contention. */
  sigma: v.number(),
  /** κ ≥ 0: coherency cost. */
  kappa: v.number(),
  /**
   * σ from the ends of the runs' throughput intervals (low: the single run's low end
   * against the many-replica run's high end). When the many-replica run was limited
   * by its load, `low` is 0: nothing measured rules out linear scaling. `null` for least squares.
   */
  sigmaRange: v.nullable(CapacityRangeSchema),
  /** True when the many-replica run was load-limited: σ is an upper bound, the plan errs towards more replicas. */
  sigmaIsUpperBound: v.boolean(),
  /** σ was negative (better than linear, within noise) and was set to 0. */
  clamped: v.boolean(),
  /** √(mean squared relative residual) over the points; 0 for two points (the curve passes through both). */
  rmsRelativeResidual: v.number(),
});
export type ReplicaUsl = v.InferOutput<typeof ReplicaUslSchema>;

/** The model checked where it can be: the 2-replica throughput predicted from the 1-replica run alone. */
export const PredictionCheckSchema = v.object({
  /** The 1-replica run the prediction starts from. */
  fromTrialId: v.string(),
  /** The many-replica run it is compared with. */
  toTrialId: v.string(),
  /** Replicas of that run. */
  replicas: v.number(),
  /** Its crowd, users. */
  users: v.number(),
  /** replicas × the 1-replica throughput: what the replicas could serve scaling linearly, req/s. */
  capacityRps: v.number(),
  /** users / (D + Z) with the 1-replica run's D and Z: what the crowd can ask for at the least response time, req/s; `null` without D or Z. */
  loadBoundRps: v.nullable(v.number()),
  /** The smaller of the two (the operational bound), req/s. */
  predictedRps: v.number(),
  /** Which bound decided. NOTE: i18n keys `capacity.bound.*`. */
  binding: v.picklist(['capacity', 'load']),
  /** Measured throughput, req/s. */
  measuredRps: v.number(),
  /** Its interval; `null` without a window. */
  measuredInterval: v.nullable(CapacityIntervalSchema),
  /** (predicted − measured) / measured, percent. */
  errorPct: v.number(),
  /** The prediction lies inside the measured interval. */
  withinInterval: v.nullable(v.boolean()),
  /** The measured run was load-limited: the check tests the load bound, not the scaling (σ). */
  measuredLoadLimited: v.nullable(v.boolean()),
});
export type PredictionCheck = v.InferOutput<typeof PredictionCheckSchema>;

/** One point of the plan's curve, for the chart. */
export const CapacityCurvePointSchema = v.object({
  replicas: v.number(),
  /** Throughput the fitted model gives the plan's setup, req/s. */
  rps: v.number(),
  /** Throughput under linear scaling (σ = κ = 0), req/s. */
  linearRps: v.number(),
});
export type CapacityCurvePoint = v.InferOutput<typeof CapacityCurvePointSchema>;

/** Replicas, CPUs and memory that serve the target crowd within the SLO, and the hosts of this size they take. */
export const CapacityPlanSchema = v.object({
  /** The crowd planned for (`--target-users`, plan key `targetUsers`). */
  targetUsers: v.number(),
  verdict: CapacityVerdictSchema,
  /** `null` with `no-max-users`. */
  setup: v.nullable(CapacitySetupSchema),
  /** `null` with `no-max-users`. */
  perReplica: v.nullable(PerReplicaSchema),
  /** Throughput the target crowd asks for at the answer's cycle time: target users / cycle, req/s. */
  requiredRps: v.nullable(v.number()),
  /** `null` with `no-replicas` (or `no-max-users`). */
  usl: v.nullable(ReplicaUslSchema),
  /** The most throughput the fitted model allows one balanced deployment of the plan's setup, req/s; `null` when it has no limit (σ = κ = 0). */
  ceilingRps: v.nullable(v.number()),
  /** Replicas needed, with the point estimate and its range; `null` unless the plan could be made. */
  replicas: v.nullable(v.object({
    /** From the answer and the fitted σ, κ. */
    count: v.number(),
    /** From the users range's high end and σ's low end, and from the answer and σ's high end (`high: null`: no finite count at that end). */
    range: CapacityRangeSchema,
    /** With linear scaling: ⌈target / users per replica⌉. */
    linear: v.number(),
    /** The plan's count against the most replicas measured: how far the model is extrapolated. */
    extrapolation: v.number(),
  })),
  /** `replicas.count` × the replica's limits. */
  total: v.nullable(v.object({ cpus: v.number(), memoryMb: v.number() })),
  /** Hosts of this host's size: whole replicas per host by CPU and by memory, nothing kept back for the host's own processes. */
  hosts: v.nullable(v.object({
    /** This host, as the preflight read it. */
    hostCpus: v.number(),
    hostMemoryMb: v.number(),
    /** Whole replicas one host holds: min(⌊host CPUs / replica CPUs⌋, ⌊host memory / replica memory⌋). */
    replicasPerHost: v.number(),
    /** Which resource limits `replicasPerHost`. NOTE: i18n keys `capacity.hostLimit.*`. */
    limitedBy: v.picklist(['cpu', 'memory']),
    count: v.nullable(v.number()),
    range: v.nullable(CapacityRangeSchema),
  })),
  /** Most replicas the fitted runs measured. */
  measuredMaxReplicas: v.nullable(v.number()),
  /** The 2-replica prediction against its measurement; `null` without both runs. */
  check: v.nullable(PredictionCheckSchema),
  /** The fitted throughput against replicas, up to a little past the plan. */
  curve: v.array(CapacityCurvePointSchema),
});
export type CapacityPlan = v.InferOutput<typeof CapacityPlanSchema>;
