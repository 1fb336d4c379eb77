import * as v from 'valibot';
import { CellVerdictEntries } from '../measure-schema.ts';
import { StageBaseSchema } from './stage-base.ts';

/** One cell of a resource sweep. */
export const SweepCellSchema = v.object({
  /** The cell's trial. */
  trialId: v.string(),
  /** CPU limit. */
  cpus: v.number(),
  /** Memory limit, MiB. */
  memoryMb: v.number(),
  ...CellVerdictEntries,
});
export type SweepCell = v.InferOutput<typeof SweepCellSchema>;

/** Step 4: the smallest CPU and memory limits that serve the target crowd within the SLO. */
export const SweepStageSchema = v.object({
  ...StageBaseSchema.entries,
  /** The target crowd. */
  users: v.number(),
  /** Locust cap of each cell, s. */
  runTimeS: v.number(),
  /** Every cell of the grid. */
  cells: v.array(SweepCellSchema),
  /** The smallest passing cell (fewest CPUs, then least memory); `null` if none passed. */
  minimum: v.nullable(v.object({ cpus: v.number(), memoryMb: v.number(), trialId: v.string() })),
});
export type SweepStage = v.InferOutput<typeof SweepStageSchema>;
