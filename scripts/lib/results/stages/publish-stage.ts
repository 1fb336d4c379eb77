import * as v from 'valibot';
import { StageBaseSchema } from './stage-base.ts';

export const PublishedImageSchema = v.object({
  /** Local image pushed, e.g. `locust-lab/api:baseline`. */
  source: v.string(),
  /** Full remote reference, e.g. `127.0.0.1:5000/locust-lab/api:baseline`. */
  reference: v.string(),
  /** Local image ID (`sha256:...`). */
  imageId: v.string(),
  /** Manifest digest the registry reports (`sha256:...`); `null` if it could not be read. */
  digest: v.nullable(v.string()),
  /** Checks made against the registry's HTTP API. */
  verified: v.object({ catalog: v.boolean(), tag: v.boolean(), digestMatches: v.boolean() }),
  /** Push wall time, ms. */
  pushMs: v.number(),
});
export type PublishedImage = v.InferOutput<typeof PublishedImageSchema>;

/** Step 1: the image pushed to a registry and verified through the registry's HTTP API. */
export const PublishStageSchema = v.object({
  ...StageBaseSchema.entries,
  /** Registry host, e.g. `127.0.0.1:5000` (the lab's own) or `docker.io`. */
  registry: v.string(),
  /** Images pushed, one per demo variant. */
  images: v.array(PublishedImageSchema),
});
export type PublishStage = v.InferOutput<typeof PublishStageSchema>;
