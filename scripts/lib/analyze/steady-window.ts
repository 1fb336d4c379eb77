import type { LocustPhases } from '../results/types.ts';

/**
 * Warm-up after spawning completes: the larger of 5 s and 10 % of the planned
 * run time. The last users to spawn send their first requests into a cold
 * queue (the spawn burst); 5 s covers a few think-time cycles of the demo
 * locustfile, and 10 % scales it for long runs whose queues take longer to settle.
 */
export const WARMUP_MIN_S = 5;
/** Share of the planned run time skipped as warm-up when that is longer than `WARMUP_MIN_S`. */
export const WARMUP_SHARE = 0.1;

/** A span of a trial, Unix ms; `endMs > startMs` always holds (an empty span is `null`, never a zero window). */
export interface SteadyWindow {
  startMs: number;
  endMs: number;
  /** Time skipped between the crowd being complete and `startMs`. */
  warmupMs: number;
}

/** The warm-up rule in seconds for a planned run time. */
export function warmupSeconds(runTimeS: number): number {
  return Math.max(WARMUP_MIN_S, WARMUP_SHARE * runTimeS);
}

/**
 * The steady window of a constant crowd: from the last `spawning_complete`
 * plus the warm-up to the moment Locust began to stop (`stoppingMs`, or the
 * lab's early stop request if that came first; `fallbackEndMs` when Locust has
 * not stopped yet, e.g. "now" for a live poll).
 *
 * `null` when spawning never completed, no end is known, or the warm-up eats
 * the whole run: the caller must say so rather than divide by a zero duration.
 */
export function steadyWindow(
  phases: LocustPhases,
  opts: { runTimeS: number; fallbackEndMs?: number | null },
): SteadyWindow | null {
  const spawned = phases.spawned.at(-1);
  const endMs = earliest(phases.stoppingMs, phases.stopRequestedMs) ?? opts.fallbackEndMs ?? null;
  if (!spawned || endMs === null) return null;
  const warmupMs = warmupSeconds(opts.runTimeS) * 1000;
  const startMs = spawned.tMs + warmupMs;
  return endMs > startMs ? { startMs, endMs, warmupMs } : null;
}

/** One step of a step ramp and its window; `window` is `null` when the step never held its crowd long enough. */
export interface RampStepWindow {
  users: number;
  window: SteadyWindow | null;
}

/**
 * Windows of a step ramp run as one LoadTestShape: step i spans
 * [testStart + i·stepS, testStart + (i+1)·stepS). Its window opens at the
 * step's own `spawning_complete` plus `warmupS` and closes at the step's end
 * (or when Locust began to stop, if earlier).
 *
 * The step's spawn is the last `spawning_complete` before the step ends, and
 * it must be for the step's user count: otherwise the step never reached its
 * crowd and gets `null`. A step with the same users as the one before spawns
 * nothing, so the earlier event is found and the window opens at the step's
 * start plus the warm-up.
 */
export function rampStepWindows(phases: LocustPhases, steps: number[], stepS: number, warmupS: number): RampStepWindow[] {
  const t0 = phases.testStartMs;
  const stopMs = earliest(phases.stoppingMs, phases.stopRequestedMs);
  return steps.map((users, i) => {
    if (t0 === null) return { users, window: null };
    const stepStart = t0 + i * stepS * 1000;
    const stepEnd = t0 + (i + 1) * stepS * 1000;
    const spawn = lastBefore(phases.spawned, stepEnd);
    if (!spawn || spawn.users !== users) return { users, window: null };
    const warmupMs = warmupS * 1000;
    const startMs = Math.max(spawn.tMs, stepStart) + warmupMs;
    const endMs = stopMs === null ? stepEnd : Math.min(stepEnd, stopMs);
    return { users, window: endMs > startMs ? { startMs, endMs, warmupMs } : null };
  });
}

function lastBefore(spawned: LocustPhases['spawned'], tMs: number): LocustPhases['spawned'][number] | undefined {
  let found: LocustPhases['spawned'][number] | undefined;
  for (const s of spawned) if (s.tMs < tMs && (!found || s.tMs >= found.tMs)) found = s;
  return found;
}

function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
