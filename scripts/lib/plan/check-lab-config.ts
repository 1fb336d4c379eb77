import type { HostInfo } from '../results/types.ts';
import type { LabConfig, StageName } from './lab-config.ts';
import { makeTrial, type TrialOptions } from './make-trial.ts';
import { checkTrialSpec } from './check-trial-spec.ts';
import { workerConfigs } from './worker-configs.ts';

/**
 * Guardrails for a whole run, before any container starts: the heaviest
 * trial each stage can plan must fit the host. Searches only probe inside
 * their bounds, so checking the bounds covers every probe.
 */
export function checkLabConfig(config: LabConfig, host: HostInfo, repoRoot: string): void {
  for (const [stage, options] of heaviestTrials(config)) {
    for (const o of options) {
      checkTrialSpec(makeTrial({ ...defaults(config), stage, ...o }, repoRoot), host);
    }
  }
}

type Heavy = Pick<TrialOptions, 'id' | 'cpus' | 'memoryMb' | 'users' | 'runTimeS'> & Partial<TrialOptions>;

function heaviestTrials(c: LabConfig): [StageName, Heavy[]][] {
  const max = (xs: number[]) => Math.max(...xs);
  const w = c.workers;
  // Without a measured floor yet: the plan's memory per worker (each trial is checked again before it starts).
  const configs = workerConfigs(c.target, w.cpus, { floorMb: null, headroom: 0, stepMb: 1, baseMemoryMb: w.baseMemoryMb, perWorkerMb: w.perWorkerMb });
  const list: [StageName, Heavy[]][] = [
    ['deploy', [{ id: 'deploy', cpus: c.deploy.cpus, memoryMb: c.deploy.memoryMb, users: c.deploy.users, runTimeS: c.deploy.runTimeS }]],
    ['memory-floor', [{ id: 'memory-floor', cpus: c.memoryFloor.cpus, memoryMb: c.memoryFloor.highMb, users: c.memoryFloor.users, runTimeS: c.memoryFloor.runTimeS }]],
    ['sweep', [{ id: 'sweep', cpus: max(c.sweep.cpus), memoryMb: max(c.sweep.memoryMb), users: c.sweep.users, runTimeS: c.sweep.runTimeS }]],
    ['replicas', [{ id: 'replicas', cpus: c.replicas.cpus, memoryMb: c.replicas.memoryMb, users: c.replicas.users, runTimeS: c.replicas.runTimeS, replicas: c.replicas.replicas }]],
    ['workers', configs.length ? [{ id: 'workers', cpus: max(w.cpus), memoryMb: max(configs.map((k) => k.memoryMb)), users: max(w.crowds), runTimeS: w.runTimeS }] : []],
    ['max-users', [{ id: 'max-users', cpus: c.maxUsers.cpus, memoryMb: c.maxUsers.memoryMb, users: max(c.maxUsers.steps), runTimeS: c.maxUsers.holdS }]],
  ];
  return list.filter(([stage]) => c.stages.includes(stage));
}

function defaults(c: LabConfig): Omit<TrialOptions, 'id' | 'stage' | 'cpus' | 'memoryMb' | 'users' | 'runTimeS'> {
  return { target: c.target, spawnRate: c.spawnRate, healthTimeoutS: c.healthTimeoutS, warmup: false, locustfile: c.locustfile ?? c.target.locust.file ?? 'locustfile.py' };
}
