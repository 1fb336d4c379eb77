import { readFileSync } from 'node:fs';
import path from 'node:path';
import { API_IMAGE, LOCUST_IMAGE } from '../docker/lab-images.ts';
import { LabError } from '../errors.ts';
import type { TrialHealth, TrialSpec, WarmupRequest } from '../results/types.ts';
import type { HealthCheck, Target } from '../target/types.ts';

/** How the API process serves: the workshop compared these. */
export type Server = { kind: 'uvicorn'; workers: number } | { kind: 'gunicorn'; workers: number } | { kind: 'command'; argv: string[] };

/** Everything a stage decides about one trial; the rest follows from it. */
export interface TrialOptions {
  id: string;
  stage: string;
  /** The API under test: its image, command, port, health check, environment, networks and warm-up. */
  target: Target;
  /** Another image than the target's (a setup's own); `baseline` and `optimized` name the demo's images. */
  image?: string;
  /** Another command than the target's (a setup's, filled in); `null` or absent runs the target's. */
  server?: Server | null;
  cpus: number;
  memoryMb: number;
  users: number;
  spawnRate: number;
  runTimeS: number;
  healthTimeoutS: number;
  /** Send the target's warm-up request (if it has one) before the load. */
  warmup: boolean;
  locustfile: string;
  replicas?: number;
  loadBalancer?: boolean;
  /** Networks joined besides the target's own (the `--network` flag). */
  networks?: string[];
  /** Locust worker processes; 0 = one process. */
  locustWorkers?: number;
  hostPort?: number | null;
  ramp?: { steps: number[]; stepS: number } | null;
  /** Extra Locust environment (wait times ...); the target's own Locust environment wins. */
  locustEnv?: Record<string, string>;
  /** What runs the containers (`--engine`); absent: compose, and the spec leaves the field out. */
  engine?: 'compose' | 'swarm';
  /** See TrialSpec.stopWhenStableAfterS; `null` or absent runs to the cap. */
  stopWhenStableAfterS?: number | null;
}

export const isDemoImage = (image: string): image is 'baseline' | 'optimized' => image === 'baseline' || image === 'optimized';

/** The image reference a trial runs: the demo's names resolved, anything else as given. */
export const imageRef = (image: string): string => (isDemoImage(image) ? API_IMAGE[image] : image);

/** A short name for labels: `baseline`, `optimized`, or the last part of a reference without its tag. */
export function imageName(ref: string): string {
  const demo = (Object.keys(API_IMAGE) as (keyof typeof API_IMAGE)[]).find((k) => API_IMAGE[k] === ref);
  return demo ?? ref.split('/').at(-1)!.split(/[:@]/)[0]!;
}

export function makeTrial(o: TrialOptions, repoRoot: string): TrialSpec {
  const t = o.target;
  const replicas = o.replicas ?? 1;
  const image = imageRef(o.image ?? t.image.ref);
  const command = o.server ? serverCommand(o.server, t.port) : t.command ?? [];
  const setup = [imageName(image), serverLabel(o.server ?? { kind: 'command', argv: command })].join(' · ');
  return {
    id: o.id.toLowerCase().replace(/[^a-z0-9-]/g, '-'),
    label: [setup, `${o.cpus} CPU`, `${o.memoryMb} MiB`,
      replicas > 1 ? `×${replicas}${o.loadBalancer ? ' behind nginx' : ''}` : null,
      o.ramp ? `ramp ${o.ramp.steps.join('→')} users` : `${o.users} users`].filter(Boolean).join(' · '),
    setup,
    stage: o.stage,
    image,
    command,
    env: { ...t.env },
    replicas,
    loadBalancer: o.loadBalancer ?? false,
    hostPort: o.hostPort ?? null,
    networks: [...new Set([...t.networks, ...(o.networks ?? [])])],
    port: t.port,
    health: trialHealth(t.health),
    cpus: o.cpus,
    memoryMb: o.memoryMb,
    warmup: o.warmup && t.warmup ? warmupRequest(t, repoRoot) : null,
    users: o.ramp ? Math.max(...o.ramp.steps) : o.users,
    ramp: o.ramp ?? null,
    spawnRate: o.spawnRate,
    runTimeS: o.ramp ? o.ramp.steps.length * o.ramp.stepS + 5 : o.runTimeS,
    stopWhenStableAfterS: o.ramp ? null : o.stopWhenStableAfterS ?? null,
    healthTimeoutS: t.health.timeoutS ?? o.healthTimeoutS,
    locustWorkers: o.locustWorkers ?? 0,
    locustImage: LOCUST_IMAGE,
    locustfile: path.resolve(repoRoot, o.locustfile),
    locustEnv: { ...o.locustEnv, ...t.locust.env },
    ...(o.engine ? { engine: o.engine } : {}),
  };
}

/** The health check as a trial records it (its bound is the trial's `healthTimeoutS`). */
export function trialHealth(h: HealthCheck): TrialHealth {
  return h.kind === 'http' ? { kind: 'http', path: h.path, status: h.status } : { kind: 'tcp' };
}

/** The demo's server commands (run-trial.mjs's --workers); `port` is where the API listens. */
export function serverCommand(server: Server, port = 8000): string[] {
  const bind = ['--host', '0.0.0.0', '--port', String(port)];
  switch (server.kind) {
    case 'uvicorn':
      return ['python3', '-m', 'uvicorn', 'main:app', ...bind, ...(server.workers > 1 ? ['--workers', String(server.workers)] : [])];
    case 'gunicorn':
      return ['gunicorn', '-k', 'uvicorn.workers.UvicornWorker', '-w', String(server.workers), '-b', `0.0.0.0:${port}`, 'main:app'];
    case 'command':
      return server.argv;
  }
}

export function serverLabel(server: Server): string {
  if (server.kind !== 'command') return `${server.kind} ×${server.workers}`;
  // `python3 -m uvicorn` reads as uvicorn; an empty command runs the image's own.
  const [first, second, third] = server.argv;
  if (first === undefined) return 'image CMD';
  return (/^python3?$/.test(path.basename(first)) && second === '-m' && third) || (first === 'uv' && second === 'run' && third) ? third : path.basename(first);
}

const bodies = new Map<string, unknown>();
/** The target's warm-up with its body read from its file (relative paths start at the repo root). */
function warmupRequest(t: Target, repoRoot: string): WarmupRequest {
  const w = t.warmup!;
  let body: unknown = null;
  if (w.bodyFile !== null) {
    const file = path.resolve(repoRoot, w.bodyFile);
    if (!bodies.has(file)) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        throw new LabError(`target.warmup.bodyFile: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`, 'Give the path of a JSON file, relative to the plan file\'s folder, or leave bodyFile out to send no body.');
      }
      try {
        bodies.set(file, JSON.parse(text));
      } catch (err) {
        throw new LabError(`target.warmup.bodyFile: ${file} is not JSON (${(err as Error).message}).`, 'The warm-up body file holds one JSON value, sent as the request body.');
      }
    }
    body = bodies.get(file);
  }
  return { method: w.method, path: w.path, body, timeoutS: w.timeoutS };
}
