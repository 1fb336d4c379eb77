/**
 * The capacity plan's part of the contract (`LabResult.capacity`), written by
 * `analyze/capacity-plan.ts` at the end of a run (or by `scripts/analyze-run.mjs`
 * for a finished run folder) and only read by the report.
 *
 * Kept apart from `types.ts` so the plan can change without touching the rest
 * of the contract; it imports nothing from it (type-only cycles are refused too),
 * so intervals are restated structurally here.
 */

/**
 * Why there is or is not a plan. NOTE: i18n keys `capacity.verdict.*`.
 * `planned`: replicas, CPUs, memory and hosts are given;
 * `no-max-users`: the max-users stage gave no answer (or did not run), so nothing per replica is known;
 * `no-replicas`: the replicas stage has no passing 1-replica and N-replica runs at the same CPU per replica, so the scaling over replicas is unknown;
 * `beyond-ceiling`: the fitted scaling levels off below the target: no number of replicas of one balanced deployment serves it;
 * `replica-exceeds-host`: one replica asks for more CPU or memory than this host has.
 */
export type CapacityVerdict = 'planned' | 'no-max-users' | 'no-replicas' | 'beyond-ceiling' | 'replica-exceeds-host';

/** A value's plausible range; `high: null` means unbounded (the model allows no finite answer at that end). */
export interface CapacityRange {
  low: number;
  high: number | null;
}

/** A throughput interval as the stages store it (`types.ts` `Interval`, restated). */
export interface CapacityInterval {
  low: number;
  high: number;
  /** Nominal coverage, e.g. 0.95. */
  level: number;
  /** How it was computed. NOTE: i18n keys `interval.*`. */
  method: string;
}

/** The setup the plan replicates: the one the max-users stage measured. */
export interface CapacitySetup {
  /** The max-users stage's `configLabel`, e.g. `optimized · gunicorn ×2 · 1 CPU`. */
  label: string;
  /** The trial the per-replica answer comes from (its CPU and memory limits are the replica's). */
  trialId: string;
  /** CPU limit of one replica, cores. */
  cpus: number;
  /** Memory limit of one replica, MiB. */
  memoryMb: number;
}

/** What one replica serves within the SLO (the max-users answer). */
export interface PerReplica {
  /** Largest crowd that met the SLO, users (`maxUsers.lastPassingUsers`). */
  users: number;
  /** Where the true largest crowd lies: from the answer to one below the first crowd that missed (`high: null` when none missed). */
  usersRange: CapacityRange;
  /** Throughput measured at that crowd, req/s. */
  rps: number;
  /** Its interval as the stage stored it; `null` when the answer has no steady point. */
  rpsInterval: CapacityInterval | null;
  /** Service demand D, API CPU time per request, ms; `null` without CPU samples. */
  demandMs: number | null;
  /** Mean think time Z, s; `null` without request samples. */
  thinkTimeS: number | null;
  /** Each user's cycle R + Z at the answer, s, by Little's law: users / throughput. */
  cycleS: number;
  /** Mean response time R = cycle − Z, s; `null` without Z. */
  responseS: number | null;
}

/** One measured point of throughput against replicas (replicas stage). */
export interface ReplicaPoint {
  trialId: string;
  replicas: number;
  /** Throughput, req/s. */
  rps: number;
  /** Within-run interval of the throughput (`search/judge-point.ts`); `null` without a window. */
  rpsInterval: CapacityInterval | null;
  /** The run was limited by its crowd (X near N / Z), not by the replicas: its throughput is only a lower bound of what they can serve. */
  loadLimited: boolean | null;
}

/**
 * Universal Scalability Law over replicas: X(r) = r·X(1) / (1 + σ(r−1) + κ·r(r−1)).
 * NOTE: `method` and `fixed` are i18n keys `capacity.method.*`.
 */
export interface ReplicaUsl {
  /** The image the replicas stage ran (it need not be the plan's setup: σ and κ are carried over). */
  image: string;
  /** CPU limit of each replica in the fitted runs, cores. */
  cpusPerReplica: number;
  /** Crowd of the fitted runs, users. */
  users: number;
  /** The runs fitted: every passing run with `cpusPerReplica` per replica. */
  points: ReplicaPoint[];
  /** `two-point`: one replica count besides 1, so only σ is fixed by the data; `least-squares`: three or more counts (`analyze/usl-fit.ts`). */
  method: 'two-point' | 'least-squares';
  /** Parameters set by assumption rather than fitted: `kappa` (held at 0) with two points. */
  fixed: 'kappa'[];
  /** σ ≥ 0: contention. */
  sigma: number;
  /** κ ≥ 0: coherency cost. */
  kappa: number;
  /**
   * σ from the ends of the runs' throughput intervals (low: the single run's low end
   * against the many-replica run's high end). When the many-replica run was limited
   * by its load, `low` is 0: nothing measured rules out linear scaling. `null` for least squares.
   */
  sigmaRange: CapacityRange | null;
  /** True when the many-replica run was load-limited: σ is an upper bound, the plan errs towards more replicas. */
  sigmaIsUpperBound: boolean;
  /** σ was negative (better than linear, within noise) and was set to 0. */
  clamped: boolean;
  /** √(mean squared relative residual) over the points; 0 for two points (the curve passes through both). */
  rmsRelativeResidual: number;
}

/** The model checked where it can be: the 2-replica throughput predicted from the 1-replica run alone. */
export interface PredictionCheck {
  /** The 1-replica run the prediction starts from. */
  fromTrialId: string;
  /** The many-replica run it is compared with. */
  toTrialId: string;
  /** Replicas of that run. */
  replicas: number;
  /** Its crowd, users. */
  users: number;
  /** replicas × the 1-replica throughput: what the replicas could serve scaling linearly, req/s. */
  capacityRps: number;
  /** users / (D + Z) with the 1-replica run's D and Z: what the crowd can ask for at the least response time, req/s; `null` without D or Z. */
  loadBoundRps: number | null;
  /** The smaller of the two (the operational bound), req/s. */
  predictedRps: number;
  /** Which bound decided. NOTE: i18n keys `capacity.bound.*`. */
  binding: 'capacity' | 'load';
  /** Measured throughput, req/s. */
  measuredRps: number;
  /** Its interval; `null` without a window. */
  measuredInterval: CapacityInterval | null;
  /** (predicted − measured) / measured, percent. */
  errorPct: number;
  /** The prediction lies inside the measured interval. */
  withinInterval: boolean | null;
  /** The measured run was load-limited: the check tests the load bound, not the scaling (σ). */
  measuredLoadLimited: boolean | null;
}

/** One point of the plan's curve, for the chart. */
export interface CapacityCurvePoint {
  replicas: number;
  /** Throughput the fitted model gives the plan's setup, req/s. */
  rps: number;
  /** Throughput under linear scaling (σ = κ = 0), req/s. */
  linearRps: number;
}

/** Replicas, CPUs and memory that serve the target crowd within the SLO, and the hosts of this size they take. */
export interface CapacityPlan {
  /** The crowd planned for (`--target-users`, plan key `targetUsers`). */
  targetUsers: number;
  verdict: CapacityVerdict;
  /** `null` with `no-max-users`. */
  setup: CapacitySetup | null;
  /** `null` with `no-max-users`. */
  perReplica: PerReplica | null;
  /** Throughput the target crowd asks for at the answer's cycle time: target users / cycle, req/s. */
  requiredRps: number | null;
  /** `null` with `no-replicas` (or `no-max-users`). */
  usl: ReplicaUsl | null;
  /** The most throughput the fitted model allows one balanced deployment of the plan's setup, req/s; `null` when it has no limit (σ = κ = 0). */
  ceilingRps: number | null;
  /** Replicas needed, with the point estimate and its range; `null` unless the plan could be made. */
  replicas: {
    /** From the answer and the fitted σ, κ. */
    count: number;
    /** From the users range's high end and σ's low end, and from the answer and σ's high end (`high: null`: no finite count at that end). */
    range: CapacityRange;
    /** With linear scaling: ⌈target / users per replica⌉. */
    linear: number;
    /** The plan's count against the most replicas measured: how far the model is extrapolated. */
    extrapolation: number;
  } | null;
  /** `replicas.count` × the replica's limits. */
  total: { cpus: number; memoryMb: number } | null;
  /** Hosts of this host's size: whole replicas per host by CPU and by memory, nothing kept back for the host's own processes. */
  hosts: {
    /** This host, as the preflight read it. */
    hostCpus: number;
    hostMemoryMb: number;
    /** Whole replicas one host holds: min(⌊host CPUs / replica CPUs⌋, ⌊host memory / replica memory⌋). */
    replicasPerHost: number;
    /** Which resource limits `replicasPerHost`. NOTE: i18n keys `capacity.hostLimit.*`. */
    limitedBy: 'cpu' | 'memory';
    count: number | null;
    range: CapacityRange | null;
  } | null;
  /** Most replicas the fitted runs measured. */
  measuredMaxReplicas: number | null;
  /** The 2-replica prediction against its measurement; `null` without both runs. */
  check: PredictionCheck | null;
  /** The fitted throughput against replicas, up to a little past the plan. */
  curve: CapacityCurvePoint[];
}
