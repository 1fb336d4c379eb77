import path from 'node:path';
import { HASH_LABEL, buildImage, type BuiltImage, type ImageBuild } from './build-image.ts';
import { ensureBaseImage, type BaseImageSource } from './ensure-base-image.ts';
import { runCommand } from './run-command.ts';
import { LABEL_MANAGED } from './labels.ts';
import type { CommandRecord } from '../results/types.ts';

export const API_IMAGE = { baseline: 'locust-lab/api:baseline', optimized: 'locust-lab/api:optimized' } as const;
export const LOCUST_IMAGE = 'locust-lab/locust:latest';
export const NGINX_IMAGE = 'locust-lab/nginx:latest';

/** The images the demo lab needs, built from `app/` and `locust/` of this repo. */
export function labImageBuilds(repoRoot: string): ImageBuild[] {
  const app = path.join(repoRoot, 'app');
  return [
    { tag: API_IMAGE.baseline, context: app, buildArgs: { VARIANT: 'baseline' } },
    { tag: API_IMAGE.optimized, context: app, buildArgs: { VARIANT: 'optimized' } },
    { tag: LOCUST_IMAGE, context: path.join(repoRoot, 'locust') },
    { tag: NGINX_IMAGE, context: path.join(repoRoot, 'compose', 'nginx') },
  ];
}

export interface PreparedImages {
  base: BaseImageSource;
  built: BuiltImage[];
  locustVersion: string | null;
}

/** Base image first (the others build FROM it), then each lab image, skipping unchanged ones. */
export async function prepareImages(
  repoRoot: string,
  log: CommandRecord[],
  onImage?: (tag: string, phase: 'start' | 'done', built?: BuiltImage) => void,
): Promise<PreparedImages> {
  const base = await ensureBaseImage(log);
  const built: BuiltImage[] = [];
  for (const build of labImageBuilds(repoRoot)) {
    onImage?.(build.tag, 'start');
    const image = await buildImage(build, log);
    built.push(image);
    onImage?.(build.tag, 'done', image);
  }
  // Rebuilds leave the old images untagged; remove those the lab built (and nothing else).
  if (built.some((b) => b.rebuilt)) {
    await runCommand(['docker', 'image', 'prune', '--force', '--filter', `label=${HASH_LABEL}`], { timeoutMs: 120_000 });
  }
  return { base, built, locustVersion: await locustVersion(LOCUST_IMAGE) };
}

/**
 * Debian's Locust reports an empty `--version`, so ask dpkg first and fall
 * back to Locust itself for images built another way.
 */
export async function locustVersion(image: string): Promise<string | null> {
  const run = (args: string[]) =>
    runCommand(['docker', 'run', '--rm', '--label', `${LABEL_MANAGED}=true`, ...args], { timeoutMs: 60_000 }).then((o) => o.stdout + o.stderr);
  const dpkg = /^(\d+\.\d+(?:\.\d+)?)/.exec((await run(['--entrypoint', 'dpkg-query', image, '-W', '-f', '${Version}', 'python3-locust'])).trim());
  if (dpkg) return dpkg[1]!;
  return /(\d+\.\d+(?:\.\d+)?)/.exec(await run([image, '--version']))?.[1] ?? null;
}
