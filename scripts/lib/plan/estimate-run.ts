import type { LabConfig, StageName } from './lab-config.ts';
import { workerConfigs } from './worker-configs.ts';

/** Compose up, health, warm-up request, teardown: seconds around every trial's load. */
export const TRIAL_OVERHEAD_S = 7;

/** A stage's expected trials and seconds, for a time-left estimate before they run. */
export interface StageEstimate {
  stage: StageName;
  trials: number;
  seconds: number;
}

/**
 * What each stage of `config` is expected to cost, from its caps: searches
 * count their usual probes, and every trial its cap plus the overhead. An
 * estimate for progress lines, not a promise: early stops make trials shorter
 * and adaptive repeats make stages longer. Pure.
 */
export function estimateRun(config: LabConfig): StageEstimate[] {
  const trial = (runTimeS: number) => runTimeS + TRIAL_OVERHEAD_S;
  const m = config.memoryFloor;
  const steps = Math.max(1, Math.ceil(Math.log2(Math.max(2, (m.highMb - m.lowMb) / m.resolutionMb))));
  const w = config.workers;
  const u = config.maxUsers;
  const cost: Record<StageName, [number, number]> = {
    publish: [0, 30],
    deploy: [1, trial(config.deploy.runTimeS)],
    'memory-floor': [steps + 2, (steps + 1) * trial(5) + trial(m.runTimeS)],
    sweep: [config.sweep.cpus.length * config.sweep.memoryMb.length, config.sweep.cpus.length * config.sweep.memoryMb.length * trial(config.sweep.runTimeS)],
    replicas: [4, 3 * trial(config.replicas.runTimeS) + TRIAL_OVERHEAD_S],
    // A tie-break usually measures two setups (the best and one tied with it) up to their cap of runs.
    workers: [(configsOf(config) + 2 * (w.tieBreakRuns - 1)) * w.crowds.length, (configsOf(config) + 2 * (w.tieBreakRuns - 1)) * w.crowds.length * trial(w.runTimeS)],
    'max-users': [1 + Math.ceil(u.maxProbes / 2) + 2, trial((u.steps.length + 1) * u.stepS + 5) + Math.ceil(u.maxProbes / 2) * trial(u.probeS) + 2 * trial(u.holdS)],
  };
  return config.stages.map((stage) => ({ stage, trials: cost[stage][0], seconds: cost[stage][1] }));
}

const configsOf = (c: LabConfig) => workerConfigs(c.target, c.workers.cpus, { floorMb: null, headroom: 0, stepMb: 1, baseMemoryMb: 0, perWorkerMb: 0 }).length;

/** Seconds left: the stages not yet started, plus what remains of the current one's estimate. */
export function secondsLeft(estimates: readonly StageEstimate[], current: StageName, elapsedInStageS: number): number {
  const at = estimates.findIndex((e) => e.stage === current);
  if (at === -1) return 0;
  const rest = estimates.slice(at + 1).reduce((sum, e) => sum + e.seconds, 0);
  return rest + Math.max(0, estimates[at]!.seconds - elapsedInStageS);
}
