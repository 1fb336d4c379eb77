import path from 'node:path';
import type { BodySource, Target } from './types.ts';

/**
 * The target with every file path made absolute against `baseDir`, the folder
 * of the file that described it (the repo root for the demo). Absolute paths
 * stay as they are.
 */
export function resolveTargetPaths(target: Target, baseDir: string): Target {
  const abs = (p: string) => path.resolve(baseDir, p);
  const body = (b: BodySource | null): BodySource | null => {
    if (!b) return null;
    if (b.kind === 'openapi') return { ...b, file: b.file === null ? null : abs(b.file) };
    return { ...b, file: abs(b.file) };
  };
  return {
    ...target,
    image: { ...target.image, build: target.image.build ? { ...target.image.build, context: abs(target.image.build.context) } : null },
    warmup: target.warmup ? { ...target.warmup, bodyFile: target.warmup.bodyFile === null ? null : abs(target.warmup.bodyFile) } : null,
    locust: {
      ...target.locust,
      file: target.locust.file === null ? null : abs(target.locust.file),
      request: target.locust.request ? { ...target.locust.request, body: body(target.locust.request.body) } : null,
    },
  };
}
