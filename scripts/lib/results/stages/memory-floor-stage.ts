import * as v from 'valibot';
import { MemorySearchVerdictSchema, ProbeClassNameSchema } from '../known-literals.ts';
import { StageBaseSchema } from './stage-base.ts';

/** One probe of a memory search. */
export const MemoryProbeRecordSchema = v.object({
  /** Limit probed, MiB. */
  memoryMb: v.number(),
  /** The search's predicate held at this limit. */
  pass: v.boolean(),
  /** What happened to the API. NOTE: i18n keys `probe.*`. */
  class: ProbeClassNameSchema,
  /** The probe's trial. */
  trialId: v.nullable(v.string()),
  /** 1-based order in which the search ran it. */
  order: v.number(),
});
export type MemoryProbeRecord = v.InferOutput<typeof MemoryProbeRecordSchema>;

/** One bisection over memory limits. */
export const MemorySearchRecordSchema = v.object({
  /** What a probe had to do to pass. */
  predicate: v.picklist(['serves-one-request', 'survives-load']),
  /** Smallest passing limit probed, MiB; `null` if none passed. */
  floorMb: v.nullable(v.number()),
  /** Largest failing limit probed below the floor, MiB. */
  lastFailingMb: v.nullable(v.number()),
  /** Probes inside the range are multiples of this, MiB. */
  resolutionMb: v.number(),
  /** Every probe, in the order run. */
  probes: v.array(MemoryProbeRecordSchema),
  /** How the search ended. NOTE: i18n keys `memoryVerdict.*`. */
  verdict: MemorySearchVerdictSchema,
  /** Wall time of this search, ms. */
  durationMs: v.number(),
});
export type MemorySearchRecord = v.InferOutput<typeof MemorySearchRecordSchema>;

const LinearWalkSchema = v.nullable(v.object({ startMb: v.number(), stepMb: v.number(), probes: v.number(), reachedMb: v.number() }));

/** Step 3: the smallest memory limit, found by bisection instead of 100 MB steps. */
export const MemoryFloorStageSchema = v.object({
  ...StageBaseSchema.entries,
  /** Starts and serves one request. */
  serve: MemorySearchRecordSchema,
  /** Stays up under a short load. */
  load: MemorySearchRecordSchema,
  /** Recommended limit: the under-load floor plus headroom, rounded up. */
  recommendedMb: v.nullable(v.number()),
  /** Headroom used for the recommendation (0.15 = 15 %). */
  headroom: v.number(),
  /** Probes a linear walk from `startMb` in `stepMb` steps (the workshop's method) would have needed to reach the under-load floor. */
  linearWalk: LinearWalkSchema,
  /** Probes the same walk would need at the bisection's resolution, for a like-for-like comparison; `null` (absent in older results) when not computed. */
  linearWalkAtResolution: v.optional(LinearWalkSchema, null),
  /** Users and seconds of the under-load probes. */
  loadUsers: v.number(),
  /** Seconds of each under-load probe. */
  loadRunTimeS: v.number(),
});
export type MemoryFloorStage = v.InferOutput<typeof MemoryFloorStageSchema>;
