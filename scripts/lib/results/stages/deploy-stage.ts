import * as v from 'valibot';
import { FailurePhaseSchema, TrialStatusSchema } from '../known-literals.ts';
import { StageBaseSchema } from './stage-base.ts';

/** Step 2: the workshop's first compose (0.5 CPU, 500 MB) with the lazily loading API. */
export const DeployStageSchema = v.object({
  ...StageBaseSchema.entries,
  /** The trial that replayed the compose. */
  trialId: v.string(),
  /** True when the API started, answered /health, then was OOM-killed on its first prediction, as in the workshop. */
  reproduced: v.boolean(),
  /** Its status. */
  status: TrialStatusSchema,
  /** When the API died, if it did. */
  failurePhase: v.nullable(FailurePhaseSchema),
  /** The API's exit code (137 = SIGKILL, the OOM killer's signal). */
  exitCode: v.nullable(v.number()),
  /** Inspect's `State.OOMKilled`. */
  oomKilled: v.boolean(),
  /** CPU limit used (the workshop's 0.5). */
  cpus: v.number(),
  /** Memory limit used, MiB (the workshop's 500 MB). */
  memoryMb: v.number(),
});
export type DeployStage = v.InferOutput<typeof DeployStageSchema>;
