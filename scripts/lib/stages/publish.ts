import { imageRef } from '../plan/make-trial.ts';
import { publishImage } from '../publish/publish-image.ts';
import { untagPushed } from '../publish/push-image.ts';
import { ensureRegistryImage } from '../publish/registry-image.ts';
import { startRegistry, stopRegistry, type RegistryHandle } from '../publish/start-registry.ts';
import type { PublishStage } from '../results/types.ts';
import { stageBase, type StageContext } from './stage-context.ts';

/**
 * Step 1 of the workshop: tag, push, and check that the registry really has
 * the image. Without `--registry` the lab starts its own registry on
 * 127.0.0.1:5000; with it, the engine's existing login is used and the lab
 * never sees a password.
 */
export async function runPublish(ctx: StageContext): Promise<PublishStage> {
  const started = Date.now();
  const log = ctx.store.commands;
  let own: RegistryHandle | null = null;
  try {
    let registry = ctx.config.publish.registry;
    if (registry === null) {
      const image = await ensureRegistryImage(ctx.repoRoot, log);
      own = await startRegistry({ runId: ctx.store.result.runId, image: image.image, log });
      registry = own.address;
    }
    const images = [];
    // The target's image and its setups' images (the demo: the lazy and the startup-loading one).
    const target = ctx.config.target;
    for (const source of new Set([target.image.ref, ...target.setups.map((s) => imageRef(s.image ?? target.image.ref))])) {
      const r = await publishImage(source, { registry, log });
      images.push({
        source,
        reference: r.ref,
        imageId: r.localImageId,
        digest: r.digest,
        verified: { catalog: r.verified.catalog !== false, tag: r.verified.tag, digestMatches: r.verified.digestMatches },
        pushMs: r.pushMs,
      });
      // The registry keeps the image; the extra local tag would only clutter `docker images`.
      await untagPushed(r.ref, log);
    }
    return { ...stageBase([], started), registry, images };
  } finally {
    if (own && !own.reused) await stopRegistry(own, log);
  }
}
