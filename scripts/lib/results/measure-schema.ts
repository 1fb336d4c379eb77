import * as v from 'valibot';
import { IntervalMethodSchema, SloBindingSchema, SloVerdictSchema } from './known-literals.ts';

/** A confidence interval with its method. */
export const IntervalSchema = v.object({
  low: v.number(),
  high: v.number(),
  /** Nominal coverage, e.g. 0.95; for `runs-min-max` with n runs it is 1 - 2^(1-n). */
  level: v.number(),
  method: IntervalMethodSchema,
});
export type Interval = v.InferOutput<typeof IntervalSchema>;

/**
 * One setup at one crowd, measured once or repeated: the unit every SLO verdict
 * and every ranking rests on. Repeats are adaptive: only a verdict whose
 * interval straddles a limit is measured again (3 runs, then up to 5).
 */
export const PointMeasurementSchema = v.object({
  /** The runs, in order (ids into LabResult.trials). */
  trialIds: v.array(v.string()),
  /** Median of the runs' exact p95, ms; `null` without any. */
  p95Ms: v.nullable(v.number()),
  /** True when censored requests make the p95 only a lower bound. */
  p95AtLeast: v.boolean(),
  /** Interval of the p95: within-run (order statistics widened to the last sub-windows) for one run; [min, max] of the runs' p95 for more. */
  p95Interval: v.nullable(IntervalSchema),
  /** Median of the runs' throughput, req/s. */
  rps: v.nullable(v.number()),
  /** Throughput interval: Poisson counting noise of the window widened to its last sub-windows for one run; [min, max] of the runs' throughput for more. */
  rpsInterval: v.nullable(IntervalSchema),
  /** Pooled failures / requests over the runs (censored requests count as failures). */
  failureRatio: v.nullable(v.number()),
  /** Wilson interval of the pooled failure ratio. */
  failureInterval: v.nullable(IntervalSchema),
  /** Every run's window was stable; `null` when a run's window was too short to judge. */
  stable: v.nullable(v.boolean()),
  /** The SLO verdict on the intervals. NOTE: i18n keys `verdict.*`. */
  verdict: SloVerdictSchema,
  /** Met the SLO: `verdict === 'meets'`. An undecided point does not pass. */
  pass: v.boolean(),
  /** The limit that decided (or came closest): `p95`, `failures` or `status`. */
  binding: v.nullable(SloBindingSchema),
});
export type PointMeasurement = v.InferOutput<typeof PointMeasurementSchema>;

/** What a grid cell (sweep, workers) records of its verdict; the stage's cell schema spreads these entries. */
export const CellVerdictEntries = {
  /** Met the SLO. */
  pass: v.boolean(),
  /** Which SLO limit decided (`p95`, `failures`, `status`). */
  binding: v.nullable(SloBindingSchema),
  /** Requests/s (steady phase). */
  rps: v.nullable(v.number()),
  p95Ms: v.nullable(v.number()),
  /** Failures / requests. */
  failureRatio: v.nullable(v.number()),
  /** The cell's runs, intervals and SLO verdict; `null` in migrated results. */
  point: v.nullable(PointMeasurementSchema),
};

/** Service level the searches judge against. */
export const SloSpecSchema = v.object({
  /** 95th percentile limit, ms. */
  p95Ms: v.number(),
  /** Largest acceptable failures / requests. */
  maxFailureRatio: v.number(),
});
export type SloSpec = v.InferOutput<typeof SloSpecSchema>;
