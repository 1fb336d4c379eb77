import * as v from 'valibot';
import { CURVE_SOURCES, SloBindingSchema } from '../known-literals.ts';
import { PointMeasurementSchema } from '../measure-schema.ts';
import { StageBaseSchema } from './stage-base.ts';

/** One point of the latency-versus-users curve. */
export const UsersCurvePointSchema = v.object({
  /** Crowd size. */
  users: v.number(),
  p95Ms: v.nullable(v.number()),
  /** Failures / requests; `null` without statistics. */
  failureRatio: v.nullable(v.number()),
  /** How the point was taken (`CURVE_SOURCES`). NOTE: chart legend and i18n keys. */
  source: v.picklist(CURVE_SOURCES),
  /** Requests/s at this point; `null` without statistics (and in migrated results). */
  rps: v.optional(v.nullable(v.number())),
  /** The runs, intervals and verdict of a probe or hold; absent for ramp steps. */
  point: v.optional(v.nullable(PointMeasurementSchema)),
  /** The trial the point comes from (a ramp's steps share one). */
  trialId: v.optional(v.nullable(v.string())),
});
export type UsersCurvePoint = v.InferOutput<typeof UsersCurvePointSchema>;

/** The closed-loop operational bound N* = (D + Z) / D, beyond which users must queue. */
export const OperationalBoundSchema = v.object({
  /** Service demand D: API CPU time per request, ms. */
  demandMs: v.number(),
  /** Mean think time Z, s. */
  thinkTimeS: v.number(),
  /** N* = c·(D + Z) / D for a CPU limit of c cores, users. */
  users: v.number(),
  /** Throughput ceiling c / D of the API's CPU limit c, req/s. */
  maxRps: v.number(),
});
export type OperationalBound = v.InferOutput<typeof OperationalBoundSchema>;

/** A Universal Scalability Law fit X(N) = λN / (1 + σ(N−1) + κN(N−1)), by `analyze/usl-fit.ts`. */
export const UslFitSchema = v.object({
  /** λ: throughput of one user without contention, req/s. */
  lambda: v.number(),
  /** σ ≥ 0: contention (serialised share). */
  sigma: v.number(),
  /** κ ≥ 0: coherency cost (crosstalk between users). */
  kappa: v.number(),
  /** √(mean(((X̂ − X) / X)²)) over the points: 0.05 = the curve is 5 % off on average. */
  rmsRelativeResidual: v.number(),
  /** N at which X(N) peaks, √((1 − σ) / κ); `null` when κ = 0 or σ ≥ 1 (no peak). */
  peakUsers: v.nullable(v.number()),
  /** Points fitted. */
  points: v.number(),
});
export type UslFit = v.InferOutput<typeof UslFitSchema>;

/** Step 7: the largest crowd that still meets the SLO. */
export const MaxUsersStageSchema = v.object({
  ...StageBaseSchema.entries,
  /** Configuration measured (from the worker comparison when it ran). */
  configLabel: v.string(),
  /** Largest crowd that met the SLO. */
  lastPassingUsers: v.nullable(v.number()),
  /** Smallest crowd that missed it. */
  firstFailingUsers: v.nullable(v.number()),
  /** SLO limit that bound the answer: `p95`, `failures` or `status`. */
  binding: v.nullable(SloBindingSchema),
  /** Did the long steady hold at the answer pass? `null` if none was run. */
  confirmed: v.nullable(v.boolean()),
  /** Every measurement, each once: ramp steps, bisection probes, holds. */
  curve: v.array(UsersCurvePointSchema),
  /** Users at the knee of the latency curve, if it has one. */
  knee: v.nullable(v.number()),
  /** The bisection closed its gap to `resolution` users; `null` when no bisection ran (migrated results too). */
  converged: v.optional(v.nullable(v.boolean())),
  /** Target gap, users: the larger of 5 users and 5 % of the answer. */
  resolution: v.optional(v.nullable(v.number())),
  /** Requests/s at the answer (its hold). */
  rpsAtAnswer: v.optional(v.nullable(v.number())),
  /** N* from the hold's service demand and think time; `null` without CPU samples. */
  operationalBound: v.optional(v.nullable(OperationalBoundSchema)),
  /** USL fit of throughput against users over the measured points; `null` with fewer than 3. */
  usl: v.optional(v.nullable(UslFitSchema)),
});
export type MaxUsersStage = v.InferOutput<typeof MaxUsersStageSchema>;
