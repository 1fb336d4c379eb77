import { API_IMAGE } from '../docker/lab-images.ts';
import type { Target, TargetSetup } from './types.ts';

/** Names of the built-in command templates the workers stage can compare. */
export const SETUP_TEMPLATES = ['uvicorn', 'gunicorn', 'uv-uvicorn'] as const;
export type SetupTemplate = (typeof SETUP_TEMPLATES)[number];

/**
 * The argv template of a built-in server setup for an ASGI app (`module:app`):
 * - `uvicorn`: `python3 -m uvicorn ... --workers N` (Debian ships no `uvicorn`
 *   binary; `python3 -m` works with pip installs too). `--workers 1` runs one
 *   process, as no flag does.
 * - `gunicorn`: gunicorn's arbiter with N `UvicornWorker`s.
 * - `uv-uvicorn`: the workshop's `uv run uvicorn ... --workers N`.
 */
export function setupTemplate(template: SetupTemplate, app: string): string[] {
  switch (template) {
    case 'uvicorn':
      return ['python3', '-m', 'uvicorn', app, '--host', '0.0.0.0', '--port', '{port}', '--workers', '{workers}'];
    case 'gunicorn':
      return ['gunicorn', '-k', 'uvicorn.workers.UvicornWorker', '-w', '{workers}', '-b', '0.0.0.0:{port}', app];
    case 'uv-uvicorn':
      return ['uv', 'run', 'uvicorn', app, '--host', '0.0.0.0', '--port', '{port}', '--workers', '{workers}'];
  }
}

/** A setup from a built-in template; `image` `null` runs the target's image. */
export function builtinSetup(template: SetupTemplate, o: { app: string; workers: number[]; image?: string | null; name?: string }): TargetSetup {
  return { name: o.name ?? template, image: o.image ?? null, command: setupTemplate(template, o.app), workers: o.workers };
}

/** The demo's app module, in every server command. */
const DEMO_APP = 'main:app';

/**
 * The built-in demo API (`app/`), described as any target is. Paths are
 * relative to the repo root (`resolveTargetPaths(DEMO_TARGET, repoRoot)`).
 * `MODEL_MB` is the profile's `modelMb` (its resident model size); 1100 is the
 * full-size model. Its setups are the workshop's comparison: the lazy
 * (`baseline`) and startup-loading (`optimized`) images, each under uvicorn
 * ×1, ×2 and gunicorn ×2.
 */
export const DEMO_TARGET: Target = {
  name: 'demo',
  image: { ref: API_IMAGE.baseline, build: { context: 'app', dockerfile: null, args: { VARIANT: 'baseline' } } },
  port: 8000,
  health: { kind: 'http', path: '/health', status: 200, timeoutS: null },
  command: ['python3', '-m', 'uvicorn', DEMO_APP, '--host', '0.0.0.0', '--port', '8000'],
  env: { MODEL_MB: '1100' },
  networks: [],
  // The workshop's first manual prediction: a lazy model loads here, once.
  warmup: { method: 'POST', path: '/predict', bodyFile: 'app/sample-payload.json', timeoutS: 60 },
  locust: {
    file: 'locust/locustfile.py',
    env: {},
    // What a generated locustfile would send, were the demo's own locustfile missing.
    request: { method: 'POST', path: '/predict', body: { kind: 'file', file: 'app/sample-payload.json' }, thinkTimeS: { min: 1, max: 2 } },
  },
  setups: (['baseline', 'optimized'] as const).flatMap((variant) => [
    builtinSetup('uvicorn', { app: DEMO_APP, workers: [1, 2], image: API_IMAGE[variant], name: `${variant}-uvicorn` }),
    builtinSetup('gunicorn', { app: DEMO_APP, workers: [2], image: API_IMAGE[variant], name: `${variant}-gunicorn` }),
  ]),
};

/** The demo target with its model at `modelMb` MiB (the profile's `modelMb`). */
export function demoTarget(modelMb: number): Target {
  return { ...DEMO_TARGET, env: { ...DEMO_TARGET.env, MODEL_MB: String(modelMb) } };
}

/**
 * A user's image given only by reference (`--image`): the demo's contract,
 * port 8000 and `GET /health` answering 200, no warm-up, no setups to compare,
 * and the lab's locustfile unless one is given. Flags may change the port and
 * the health path.
 */
export function imageTarget(ref: string): Target {
  return {
    name: ref.split('/').at(-1)!.split(/[:@]/)[0]!.toLowerCase().replace(/[^a-z0-9-]+/g, '-') || 'api',
    image: { ref, build: null },
    port: DEMO_TARGET.port,
    health: DEMO_TARGET.health,
    command: null,
    env: {},
    networks: [],
    warmup: null,
    locust: { file: DEMO_TARGET.locust.file, env: {}, request: null },
    setups: [],
  };
}
