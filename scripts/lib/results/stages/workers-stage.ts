import * as v from 'valibot';
import { CellVerdictEntries } from '../measure-schema.ts';
import { RaceSignalIdSchema } from '../known-literals.ts';
import { StageBaseSchema } from './stage-base.ts';

/** One server configuration of the worker comparison. */
export const WorkerConfigSchema = v.object({
  /** e.g. `baseline-uvicorn-w1-1cpu`. */
  configId: v.string(),
  /** Human label for tables. */
  label: v.string(),
  /** The image's short name (`baseline`, `optimized` for the demo; the last part of the reference otherwise). */
  variant: v.string(),
  /** The server: the setup's first word or name, e.g. `uvicorn`, `gunicorn`, `node`. */
  server: v.string(),
  /** The target setup this configuration runs (`TargetSetup.name`); absent in older results. */
  setup: v.optional(v.string()),
  /** Image reference the API runs; absent in older results. */
  image: v.optional(v.string()),
  /** The setup's command with `{workers}` and `{port}` filled in; absent in older results. */
  command: v.optional(v.array(v.string())),
  /** Worker processes. */
  workers: v.number(),
  /** CPU limit. */
  cpus: v.number(),
  /** Grown with the workers: each worker loads its own model. */
  memoryMb: v.number(),
  /** Where `memoryMb` came from: the measured floor × processes with headroom, or the plan's base + per-worker values; absent in older results. */
  memorySource: v.optional(v.picklist(['floor', 'plan'])),
});
export type WorkerConfig = v.InferOutput<typeof WorkerConfigSchema>;

/** One configuration at one crowd size. */
export const WorkerCellSchema = v.object({
  /** Which configuration. */
  configId: v.string(),
  /** Crowd size. */
  users: v.number(),
  /** The cell's trial. */
  trialId: v.string(),
  /** Times the model was loaded (from the API log); more than `workers` shows the lazy-loading race. */
  modelLoads: v.nullable(v.number()),
  /** What showed the lazy-loading race in this cell's runs (none: not seen); absent in older results. */
  raceSignals: v.optional(v.array(RaceSignalIdSchema)),
  ...CellVerdictEntries,
});
export type WorkerCell = v.InferOutput<typeof WorkerCellSchema>;

/** Step 6: uvicorn ×1 / ×2, gunicorn, lazy vs startup loading, across CPU limits and crowds. */
export const WorkersStageSchema = v.object({
  ...StageBaseSchema.entries,
  /** Every configuration of the matrix. */
  configs: v.array(WorkerConfigSchema),
  /** Crowd sizes measured. */
  crowds: v.array(v.number()),
  /** Every configuration at every crowd size. */
  cells: v.array(WorkerCellSchema),
  /** Config ids, best first: passing everywhere first, then mean RPS, then p95. */
  ranking: v.array(v.string()),
  /** First in the ranking if it passes everywhere; else `null`. */
  bestConfigId: v.nullable(v.string()),
  /** The workshop's original setup (baseline, uvicorn ×1, 1 CPU), if it was in the matrix. */
  referenceConfigId: v.nullable(v.string()),
  /** Best vs reference at the largest crowd: percent more requests/s and percent change of p95. */
  bestGain: v.nullable(v.object({ users: v.number(), rpsGainPct: v.nullable(v.number()), p95ChangePct: v.nullable(v.number()) })),
  /** Configs no other config beats on RPS, p95 and resources at once. */
  paretoFront: v.array(v.string()),
  /** Configs that pass everywhere and whose intervals overlap the best's at every crowd: a tie, reported as one. */
  tiedWithBest: v.array(v.string()),
  /**
   * The close ranking measured again: the setups that got more runs (the best
   * and those tied with it), and whether the runs separated them. `null` when
   * the best stood apart after its first runs; absent in results written before.
   */
  tieBreak: v.optional(v.nullable(v.object({ configIds: v.array(v.string()), separated: v.boolean() }))),
  /** Configs where the lazy-loading race showed: a cell with any `raceSignals`. */
  raceSeenIn: v.array(v.string()),
});
export type WorkersStage = v.InferOutput<typeof WorkersStageSchema>;
