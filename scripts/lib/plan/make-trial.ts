import { readFileSync } from 'node:fs';
import path from 'node:path';
import { API_IMAGE, LOCUST_IMAGE } from '../docker/lab-images.ts';
import type { TrialSpec } from '../results/types.ts';

/** How the API process serves: the workshop compared these. */
export type Server = { kind: 'uvicorn'; workers: number } | { kind: 'gunicorn'; workers: number } | { kind: 'command'; argv: string[] };

/** Everything a stage decides about one trial; the rest follows from it. */
export interface TrialOptions {
  id: string;
  stage: string;
  /** `baseline`, `optimized` (the demo images) or any image reference. */
  image: string;
  server: Server;
  cpus: number;
  memoryMb: number;
  /** Resident size of the demo model (MiB); ignored for other images. */
  modelMb: number;
  users: number;
  spawnRate: number;
  runTimeS: number;
  healthTimeoutS: number;
  warmup: boolean;
  locustfile: string;
  replicas?: number;
  loadBalancer?: boolean;
  network?: string | null;
  /** Locust worker processes; 0 = one process. */
  locustWorkers?: number;
  hostPort?: number | null;
  ramp?: { steps: number[]; stepS: number } | null;
  /** Extra Locust environment (wait times ...). */
  locustEnv?: Record<string, string>;
  /** See TrialSpec.stopWhenStableAfterS; `null` or absent runs to the cap. */
  stopWhenStableAfterS?: number | null;
}

export const isDemoImage = (image: string): image is 'baseline' | 'optimized' => image === 'baseline' || image === 'optimized';

export function makeTrial(o: TrialOptions, repoRoot: string): TrialSpec {
  const demo = isDemoImage(o.image);
  const replicas = o.replicas ?? 1;
  const setup = [demo ? o.image : o.image.split('/').at(-1), serverLabel(o.server)].join(' · ');
  return {
    id: o.id.toLowerCase().replace(/[^a-z0-9-]/g, '-'),
    label: [setup, `${o.cpus} CPU`, `${o.memoryMb} MiB`,
      replicas > 1 ? `×${replicas}${o.loadBalancer ? ' behind nginx' : ''}` : null,
      o.ramp ? `ramp ${o.ramp.steps.join('→')} users` : `${o.users} users`].filter(Boolean).join(' · '),
    setup,
    stage: o.stage,
    image: demo ? API_IMAGE[o.image as 'baseline' | 'optimized'] : o.image,
    command: serverCommand(o.server),
    env: demo ? { MODEL_MB: String(o.modelMb) } : {},
    replicas,
    loadBalancer: o.loadBalancer ?? false,
    hostPort: o.hostPort ?? null,
    network: o.network ?? null,
    cpus: o.cpus,
    memoryMb: o.memoryMb,
    warmup: demo && o.warmup ? { path: '/predict', body: samplePayload(repoRoot), timeoutS: 60 } : null,
    users: o.ramp ? Math.max(...o.ramp.steps) : o.users,
    ramp: o.ramp ?? null,
    spawnRate: o.spawnRate,
    runTimeS: o.ramp ? o.ramp.steps.length * o.ramp.stepS + 5 : o.runTimeS,
    stopWhenStableAfterS: o.ramp ? null : o.stopWhenStableAfterS ?? null,
    healthTimeoutS: o.healthTimeoutS,
    locustWorkers: o.locustWorkers ?? 0,
    locustImage: LOCUST_IMAGE,
    locustfile: path.resolve(repoRoot, o.locustfile),
    locustEnv: o.locustEnv ?? {},
  };
}

export function serverCommand(server: Server): string[] {
  const bind = ['--host', '0.0.0.0', '--port', '8000'];
  switch (server.kind) {
    case 'uvicorn':
      return ['python3', '-m', 'uvicorn', 'main:app', ...bind, ...(server.workers > 1 ? ['--workers', String(server.workers)] : [])];
    case 'gunicorn':
      return ['gunicorn', '-k', 'uvicorn.workers.UvicornWorker', '-w', String(server.workers), '-b', '0.0.0.0:8000', 'main:app'];
    case 'command':
      return server.argv;
  }
}

export function serverLabel(server: Server): string {
  return server.kind === 'command' ? server.argv[0] ?? 'command' : `${server.kind} ×${server.workers}`;
}

let payload: unknown;
/** The demo API's example body, kept next to its schema in app/. */
function samplePayload(repoRoot: string): unknown {
  payload ??= JSON.parse(readFileSync(path.join(repoRoot, 'app', 'sample-payload.json'), 'utf8'));
  return payload;
}
