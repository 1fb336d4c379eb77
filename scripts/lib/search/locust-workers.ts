import type { GeneratorCost } from '../analyze/generator-cost.ts';

/** A Locust process is kept below this share of a core: above it, its own scheduling delays the requests it times. */
export const GENERATOR_CORE_SHARE = 0.8;

/**
 * How many Locust worker processes a crowd needs; 0 runs Locust as one local
 * process. With a measured cost, the crowd's most demanding rate (every user
 * back after its think time alone, N / Z) times the CPU per request, spread
 * so that no process passes `GENERATOR_CORE_SHARE` of a core, and at most one
 * worker per host CPU (more cannot run at once). Without one, the plan's
 * fixed rule: `workers` above `aboveUsers`. Pure.
 */
export function locustWorkersFor(users: number, o: { cost: GeneratorCost | null; hostCpus: number; fallback: { aboveUsers: number; workers: number } }): number {
  if (o.cost === null || o.cost.thinkTimeS <= 0) return users > o.fallback.aboveUsers ? o.fallback.workers : 0;
  const cores = (users / o.cost.thinkTimeS) * o.cost.cpuSecondsPerRequest;
  if (cores <= GENERATOR_CORE_SHARE) return 0;
  return Math.max(2, Math.min(Math.ceil(cores / GENERATOR_CORE_SHARE), Math.max(2, o.hostCpus)));
}
