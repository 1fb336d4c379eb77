import path from 'node:path';
import { buildImage } from '../docker/build-image.ts';
import { imageExists } from '../docker/ensure-base-image.ts';
import { runCommand } from '../docker/run-command.ts';
import type { CommandRecord } from '../results/types.ts';

export const UPSTREAM_REGISTRY_IMAGE = 'registry:2';
export const LAB_REGISTRY_IMAGE = 'locust-lab/registry:2';

export interface RegistryImage {
  image: string;
  /** `present`: `registry:2` was already local; `pulled`; `built` from Debian's package (or reused unchanged). */
  source: 'present' | 'pulled' | 'built';
  durationMs: number;
}

/**
 * The official `registry:2` where it can be had, otherwise the lab's own from
 * `compose/registry` (Debian's docker-registry, same API and config format).
 * The pull gets a short bound: on an offline host it fails at DNS at once,
 * but a half-broken network must not stall the run.
 */
export async function ensureRegistryImage(repoRoot: string, log: CommandRecord[], pullTimeoutMs = 60_000): Promise<RegistryImage> {
  const started = Date.now();
  if (await imageExists(UPSTREAM_REGISTRY_IMAGE)) return { image: UPSTREAM_REGISTRY_IMAGE, source: 'present', durationMs: Date.now() - started };
  const pull = await runCommand(['docker', 'pull', UPSTREAM_REGISTRY_IMAGE], { timeoutMs: pullTimeoutMs, log });
  if (pull.exitCode === 0) return { image: UPSTREAM_REGISTRY_IMAGE, source: 'pulled', durationMs: Date.now() - started };
  await buildImage({ tag: LAB_REGISTRY_IMAGE, context: path.join(repoRoot, 'compose', 'registry') }, log);
  return { image: LAB_REGISTRY_IMAGE, source: 'built', durationMs: Date.now() - started };
}
