import type { SloSpec } from '../results/types.ts';
import { demoTarget } from '../target/demo-target.ts';
import { STAGES, type LabConfig } from './lab-config-schema.ts';

// The config's shape, its checks and the plan file's are one definition, in lab-config-schema.ts.
export { STAGES, type LabConfig, type StageName } from './lab-config-schema.ts';

const SLO: SloSpec = { p95Ms: 1000, maxFailureRatio: 0.01 };
/** The workshop's crowd: what the capacity plan sizes for unless told otherwise. */
export const DEFAULT_TARGET_USERS = 10_000;
const common = { targetUsers: DEFAULT_TARGET_USERS, host: { calibrate: true, busyHost: 'wait' as const, busyWaitS: 60 }, stages: [...STAGES], slo: SLO, spawnRate: 10, locustfile: null, network: null, engine: 'compose' as const, swarmInit: false, locustDistributed: { aboveUsers: 2000, workers: 2 }, waitS: { min: 1, max: 2 }, publish: { registry: null } };

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
    workers: { crowds: [10], cpus: [1], baseMemoryMb: 320, perWorkerMb: 224, runTimeS: 15, tieBreakRuns: 1 },
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
    workers: { crowds: [100], cpus: [1], baseMemoryMb: 1536, perWorkerMb: 1280, runTimeS: 30, tieBreakRuns: 3 },
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
    workers: { crowds: [10, 100, 1000], cpus: [1, 1.5], baseMemoryMb: 1536, perWorkerMb: 1280, runTimeS: 150, tieBreakRuns: 5 },
    maxUsers: { cpus: 1, memoryMb: 1843, steps: [10, 20, 35, 50, 75, 100, 150, 200], stepS: 20, probeS: 60, holdS: 150, maxProbes: 6 },
  },
};

export const DEFAULT_PROFILE = 'quick';
