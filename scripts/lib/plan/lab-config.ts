import type { SloSpec } from '../results/types.ts';
import { demoTarget } from '../target/demo-target.ts';
import type { Target } from '../target/types.ts';
import type { ImportNotice } from '../target/compose-notice.ts';

/** The workshop's steps, in the order the full lab runs them. NOTE: `--only`/`--skip` values and report sections. */
export const STAGES = ['publish', 'deploy', 'memory-floor', 'sweep', 'replicas', 'workers', 'max-users'] as const;
export type StageName = (typeof STAGES)[number];

/**
 * Everything a lab run decides, resolved from a profile, a plan file and
 * flags. Stages read their own section and the shared values.
 * NOTE: keys are the plan-file keys; `resolve-lab-config.ts` validates them.
 */
export interface LabConfig {
  profile: string;
  stages: StageName[];
  slo: SloSpec;
  /**
   * The API under test (`target/types.ts`): the built-in demo unless the plan's
   * `target:` section, `--compose-file`/`--service` or `--image` name another.
   * NOTE: read by `read-target.ts`, not merged key by key like the rest.
   */
  target: Target;
  /**
   * Where the target came from when `--compose-file` named it, and what the import did with each field it did not
   * carry over as is (the console prints the reasons in full; the report lists them by kind). Absent otherwise.
   */
  targetImport?: { file: string; service: string; notices: Pick<ImportNotice, 'kind' | 'field' | 'value'>[] };
  /** Resident size of the demo model, MiB (the demo target's `MODEL_MB`). */
  modelMb: number;
  /** Users started per second in constant-crowd trials. */
  spawnRate: number;
  /** Seconds to wait for the API to be ready, unless the target's health check gives its own bound. */
  healthTimeoutS: number;
  /** Your own locustfile instead of the target's; `null`: the target's, or one generated from its request. */
  locustfile: string | null;
  /** An existing Docker network the API joins besides the target's networks (the workshop used `proyecto-2_default`); `null` by default. */
  network: string | null;
  /**
   * Crowds above `aboveUsers` run Locust distributed with `workers` worker
   * processes, since one Locust process saturates one core.
   */
  locustDistributed: { aboveUsers: number; workers: number };
  /**
   * Know the host: `calibrate` runs the reference probe at the start, after each
   * capacity stage and at the end; `busyHost` is what a busy host before the run
   * does: `wait` up to `busyWaitS` then go on with a warning, `refuse` to start
   * (pass --force to measure anyway), or `warn` and go on at once.
   */
  host: { calibrate: boolean; busyHost: 'wait' | 'refuse' | 'warn'; busyWaitS: number };
  /** Locust's wait between tasks, seconds (the locustfile's LOCUST_WAIT_MIN/MAX). */
  waitS: { min: number; max: number };
  publish: {
    /** `null`: the lab's own registry on 127.0.0.1:5000; else e.g. `docker.io/me` (uses the engine's login). */
    registry: string | null;
  };
  deploy: { cpus: number; memoryMb: number; users: number; runTimeS: number };
  memoryFloor: { lowMb: number; highMb: number; resolutionMb: number; users: number; runTimeS: number; headroom: number; cpus: number };
  sweep: { users: number; runTimeS: number; cpus: number[]; memoryMb: number[] };
  replicas: { replicas: number; cpus: number; memoryMb: number; users: number; runTimeS: number; hostPort: number };
  /**
   * The target's setups (`target.setups`: an image and a command template each,
   * with their worker counts) × `cpus`, at each crowd. Memory per setup is the
   * measured floor × processes with the floor's headroom when the memory-floor
   * stage ran; otherwise `baseMemoryMb` for one worker plus `perWorkerMb` for each further one.
   */
  workers: {
    crowds: number[];
    cpus: number[];
    /** Memory for one worker; each further worker adds `perWorkerMb` (each loads its own model). */
    baseMemoryMb: number;
    perWorkerMb: number;
    runTimeS: number;
  };
  /** `cpus` and `memoryMb` apply only when the worker comparison did not run; otherwise its best configuration is used. */
  /**
   * A step ramp (`steps`, `stepS` each) brackets the answer, bisection probes of
   * `probeS` narrow it, and long holds of `holdS` at the answer and one step above confirm it.
   */
  maxUsers: { cpus: number; memoryMb: number; steps: number[]; stepS: number; probeS: number; holdS: number; maxProbes: number };
}

const SLO: SloSpec = { p95Ms: 1000, maxFailureRatio: 0.01 };
const common = { host: { calibrate: true, busyHost: 'wait' as const, busyWaitS: 60 }, stages: [...STAGES], slo: SLO, spawnRate: 10, locustfile: null, network: null, locustDistributed: { aboveUsers: 2000, workers: 2 }, waitS: { min: 1, max: 2 }, publish: { registry: null } };

/**
 * Named starting points. `smoke` keeps CI to minutes with a 64 MiB model;
 * `quick` (the default) uses the full-size model (about 25 minutes on 2
 * cores, see the README); `workshop` replays the seed's parameters.
 */
export const PROFILES: Record<'smoke' | 'quick' | 'workshop', LabConfig> = {
  smoke: {
    ...common,
    profile: 'smoke',
    // CI takes the host it gets: a busy one is recorded as a warning, never waited for.
    host: { calibrate: true, busyHost: 'warn', busyWaitS: 0 },
    // Short waits give short runs enough requests, and let a small crowd saturate the API.
    waitS: { min: 0.2, max: 0.5 },
    spawnRate: 20,
    modelMb: 64,
    target: demoTarget(64),
    healthTimeoutS: 60,
    deploy: { cpus: 0.5, memoryMb: 160, users: 5, runTimeS: 8 },
    memoryFloor: { lowMb: 96, highMb: 512, resolutionMb: 32, users: 10, runTimeS: 8, headroom: 0.15, cpus: 1 },
    sweep: { users: 20, runTimeS: 15, cpus: [0.25, 1], memoryMb: [256, 384] },
    replicas: { replicas: 2, cpus: 0.5, memoryMb: 320, users: 20, runTimeS: 15, hostPort: 18000 },
    workers: { crowds: [10], cpus: [1], baseMemoryMb: 320, perWorkerMb: 224, runTimeS: 15 },
    maxUsers: { cpus: 1, memoryMb: 384, steps: [10, 20, 40, 80, 160], stepS: 10, probeS: 20, holdS: 25, maxProbes: 4 },
  },
  quick: {
    ...common,
    profile: 'quick',
    // 100 users spawn in 4 s; after a 5 s warm-up a trial stops once 15 s of window are stable,
    // or at its cap (30-45 s) if they never are. Holds run 75 s: about 60 s of steady window.
    spawnRate: 25,
    modelMb: 1100,
    target: demoTarget(1100),
    healthTimeoutS: 90,
    deploy: { cpus: 0.5, memoryMb: 500, users: 5, runTimeS: 10 },
    memoryFloor: { lowMb: 500, highMb: 2048, resolutionMb: 32, users: 20, runTimeS: 15, headroom: 0.15, cpus: 1 },
    sweep: { users: 100, runTimeS: 45, cpus: [0.5, 1], memoryMb: [1408, 1664] },
    replicas: { replicas: 2, cpus: 0.75, memoryMb: 1536, users: 100, runTimeS: 45, hostPort: 18000 },
    // One crowd, the sweep's, to keep the profile's time; the workshop profile measures 10, 100 and 1000 users.
    workers: { crowds: [100], cpus: [1], baseMemoryMb: 1536, perWorkerMb: 1280, runTimeS: 30 },
    maxUsers: { cpus: 1, memoryMb: 1536, steps: [25, 50, 100, 200], stepS: 15, probeS: 40, holdS: 75, maxProbes: 5 },
  },
  workshop: {
    ...common,
    profile: 'workshop',
    // 10,000 users need a fast spawn to leave a steady phase inside the 150 s cap.
    spawnRate: 200,
    modelMb: 1100,
    target: demoTarget(1100),
    healthTimeoutS: 120,
    deploy: { cpus: 0.5, memoryMb: 500, users: 10, runTimeS: 30 },
    memoryFloor: { lowMb: 500, highMb: 2150, resolutionMb: 32, users: 100, runTimeS: 60, headroom: 0.15, cpus: 1 },
    sweep: { users: 10_000, runTimeS: 150, cpus: [0.5, 1, 1.5], memoryMb: [1331, 1638, 1843, 2150] },
    replicas: { replicas: 2, cpus: 0.75, memoryMb: 1843, users: 1000, runTimeS: 150, hostPort: 8000 },
    workers: { crowds: [10, 100, 1000], cpus: [1, 1.5], baseMemoryMb: 1536, perWorkerMb: 1280, runTimeS: 150 },
    maxUsers: { cpus: 1, memoryMb: 1843, steps: [10, 20, 35, 50, 75, 100, 150, 200], stepS: 20, probeS: 60, holdS: 150, maxProbes: 6 },
  },
};

export const DEFAULT_PROFILE = 'quick';
