import * as v from 'valibot';
import { REPLICA_BASES, TrialStatusSchema } from '../known-literals.ts';
import { StageBaseSchema } from './stage-base.ts';

/** One side of the replicas comparison. */
export const ReplicaRunSchema = v.object({
  /** The run's trial. */
  trialId: v.string(),
  /** Replicas (1 for a single API). */
  replicas: v.number(),
  /** CPU limit of each replica, cores. */
  cpus: v.number(),
  /** Requests/s. */
  rps: v.nullable(v.number()),
  p95Ms: v.nullable(v.number()),
  /** Within 5 % of the closed-loop ceiling N / Z: limited by the load, not the server; `null` without think time. */
  loadLimited: v.nullable(v.boolean()),
  /** How the trial ended; anything but `passed` voids a comparison it is part of. */
  status: TrialStatusSchema,
});
export type ReplicaRun = v.InferOutput<typeof ReplicaRunSchema>;

/** Balanced replicas against one replica, with the two values compared. */
export const ReplicaComparisonSchema = v.object({
  /** Which single replica the pair is compared against (`REPLICA_BASES`). */
  basis: v.picklist(REPLICA_BASES),
  /** The single-replica run compared against. */
  singleTrialId: v.string(),
  /** Balanced vs single, percent (positive = more requests/s); `null` when void. */
  rpsGainPct: v.nullable(v.number()),
  /** Balanced vs single, percent (negative = faster); `null` when void. */
  p95ChangePct: v.nullable(v.number()),
  /** Set when a run of the comparison did not pass (a replica OOM-killed ...): the numbers are not compared. */
  voidedBy: v.nullable(v.object({ trialId: v.string(), status: TrialStatusSchema })),
});
export type ReplicaComparison = v.InferOutput<typeof ReplicaComparisonSchema>;

/** Step 5: replicas on a fixed port fail; nginx in front fixes it. */
export const ReplicasStageSchema = v.object({
  ...StageBaseSchema.entries,
  /** `replicas: N` with a fixed host port. */
  /**
   * N replicas on one fixed host port. `trialId` is `null` and `notApplicable`
   * names the engine where the conflict cannot arise (on Docker Swarm replicas
   * share a published port), so the trial was not run.
   */
  conflict: v.object({
    trialId: v.nullable(v.string()),
    reproduced: v.boolean(),
    engineError: v.nullable(v.string()),
    notApplicable: v.optional(v.picklist(['swarm'])),
  }),
  /** One replica with one replica's CPU limit. */
  single: v.nullable(v.object({ trialId: v.string(), rps: v.nullable(v.number()), p95Ms: v.nullable(v.number()) })),
  /** N replicas behind nginx under the same load. */
  balanced: v.nullable(v.object({ trialId: v.string(), replicas: v.number(), rps: v.nullable(v.number()), p95Ms: v.nullable(v.number()) })),
  /** Balanced vs one replica with the same total CPU, percent; `null` when void (in schema 1: against `single`). */
  rpsGainPct: v.nullable(v.number()),
  /** As `rpsGainPct`, for p95. */
  p95ChangePct: v.nullable(v.number()),
  /** Every run of the comparison; absent in migrated results. */
  runs: v.optional(v.array(ReplicaRunSchema)),
  /** Balanced against one replica with the same total CPU, and against one with one replica's CPU. */
  comparisons: v.optional(v.array(ReplicaComparisonSchema)),
});
export type ReplicasStage = v.InferOutput<typeof ReplicasStageSchema>;
