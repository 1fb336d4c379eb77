import type { CommandRecord } from '../results/types.ts';
import type { PublishResult } from './publish-result.ts';
import { pushImage } from './push-image.ts';
import { resolveTarget } from './registry-ref.ts';
import { verifyPush } from './verify-push.ts';

export interface PublishOptions {
  /** `127.0.0.1:5000` for the lab's registry, or the user's `--registry`. */
  registry: string;
  log: CommandRecord[];
  /** Tag to push under; default the source's own tag. */
  tag?: string;
  pushTimeoutMs?: number;
}

/** Tag, push and verify one local image: the Publish stage's unit of work. */
export async function publishImage(sourceImage: string, opts: PublishOptions): Promise<PublishResult> {
  const target = resolveTarget(opts.registry, sourceImage, opts.tag);
  const pushed = await pushImage(sourceImage, target, { log: opts.log, ...(opts.pushTimeoutMs ? { timeoutMs: opts.pushTimeoutMs } : {}) });
  return verifyPush(pushed, { log: opts.log });
}
