import * as v from 'valibot';

/** What every stage records about itself; each stage's schema spreads these entries. */
export const StageBaseSchema = v.object({
  /** Trials this stage ran, in order (ids into LabResult.trials). */
  trialIds: v.array(v.string()),
  /** Wall time of the stage, ms. */
  durationMs: v.number(),
  /** Time Locust was running during the stage, ms. */
  loadMs: v.number(),
  /** Set when the stage could not reach a verdict (the text says why); its trials are still kept. */
  error: v.nullable(v.string()),
});
export type StageBase = v.InferOutput<typeof StageBaseSchema>;
