import type { TrialResult } from '../results/types.ts';
import { median } from './intervals.ts';

/** What one Locust process spent per request, and the think time its users showed, over earlier trials. */
export interface GeneratorCost {
  /** Core-seconds of Locust CPU per request: the median over the trials read. */
  cpuSecondsPerRequest: number;
  /** Mean think time the users showed (s): the median over the same trials. */
  thinkTimeS: number;
  /** Trials it was measured on. */
  trials: number;
}

/** Below this rate a trial's Locust CPU is mostly its own idle overhead, not its requests. */
const MIN_RPS = 5;

/**
 * Locust's CPU per request, measured on trials that ran it as one process
 * (a distributed run's CPU is split over several containers) with a steady
 * window: its mean CPU in the window over the window's requests/s. `null`
 * until such a trial has run. Pure.
 */
export function generatorCost(trials: readonly TrialResult[]): GeneratorCost | null {
  const usable = trials.flatMap((t) => {
    const s = t.summary;
    if (t.status !== 'passed' || t.spec.locustWorkers !== 0 || !s || s.rps < MIN_RPS) return [];
    if (s.locustMeanCpuPercent === null || s.locustMeanCpuPercent <= 0 || s.thinkTimeS === null) return [];
    return [{ perRequest: s.locustMeanCpuPercent / 100 / s.rps, thinkTimeS: s.thinkTimeS }];
  });
  if (usable.length === 0) return null;
  return {
    cpuSecondsPerRequest: median(usable.map((u) => u.perRequest))!,
    thinkTimeS: median(usable.map((u) => u.thinkTimeS))!,
    trials: usable.length,
  };
}
