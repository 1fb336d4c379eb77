import type { MemorySearchVerdict } from '../results/types.ts';
import type { ProbeOutcome } from './probe-class.ts';

/** One probe of a memory search, in the order it ran. */
export interface MemoryProbe {
  /** Memory limit probed, MiB. */
  memoryMb: number;
  /** What the probe showed. */
  outcome: ProbeOutcome;
  /** 1-based position in the search. */
  order: number;
}

/**
 * How a memory search ended. NOTE: i18n keys.
 * - `found`: the floor lies within one resolution step above `lastFailingMb`.
 * - `found-flaky`: as `found`, but some limit both passed and failed, or passed below a failure;
 *   the floor is then the smallest limit above every failure seen (see `findMemoryFloor`).
 * - `low-passes`: even `lowMb` passed; the floor is at or below it.
 * - `no-pass-within-range`: `highMb` failed; the floor is above the range.
 * - `budget-exhausted`: `maxProbes` ran out; `floorMb` is a passing limit but maybe not the smallest.
 */
export type { MemorySearchVerdict };

/** The result of a memory search. Proposed for the result contract. */
export interface MemoryFloorSearch {
  /** Smallest probed limit that passed with no failure at or above it, MiB; `null` if none. */
  floorMb: number | null;
  /** Largest probed (or known) failing limit, MiB; `null` if nothing failed. */
  lastFailingMb: number | null;
  /** Every probe, in order. */
  probes: MemoryProbe[];
  /** `probes.length`, for tables. */
  probesUsed: number;
  /** Step the probe values are rounded to, MiB. */
  resolutionMb: number;
  /** How the search ended. */
  verdict: MemorySearchVerdict;
}

/** Inputs of `findMemoryFloor`. */
export interface FindMemoryFloorOptions {
  /** Lower end, MiB (the workshop started at 500). */
  lowMb: number;
  /** Upper end, MiB; probed first and must pass. */
  highMb: number;
  /** Probes inside the range are whole multiples of this, MiB. Default 32. */
  resolutionMb?: number;
  /** `lowMb` is known to fail (e.g. the deploy stage just saw it OOM), so it is not probed. Default false. */
  lowKnownFailing?: boolean;
  /** Extra probes of the final floor; each failure moves the search up. Default 0. */
  confirmRuns?: number;
  /** Hard cap on probes, counting the ends. Default 12. */
  maxProbes?: number;
  /**
   * A limit likely to pass, probed before `highMb` (which is then skipped if it passes): the
   * under-load search guesses the serve floor, since the model's memory is mostly taken when
   * it loads. Monotonicity keeps the answer the same; only the probe count drops.
   */
  firstGuessMb?: number;
  /** Runs one trial at a memory limit and judges it. */
  probe: (memoryMb: number) => Promise<ProbeOutcome>;
}

/**
 * Finds the smallest memory limit that passes, by bisection over a predicate assumed monotone
 * (more memory never hurts). The ends are probed as given; points inside are multiples of
 * `resolutionMb`, so the floor is a number a person would write in a compose file.
 *
 * Flaky probes (the workshop saw the model's memory vary between restarts) are handled by
 * deriving the bracket from all probes every round: the floor is the smallest limit that passed
 * above the largest limit that ever failed. A failed confirmation therefore reopens the bracket
 * above it instead of being ignored.
 */
export async function findMemoryFloor(opts: FindMemoryFloorOptions): Promise<MemoryFloorSearch> {
  const resolutionMb = opts.resolutionMb ?? 32;
  const maxProbes = opts.maxProbes ?? 12;
  const confirmRuns = opts.confirmRuns ?? 0;
  if (!(resolutionMb > 0)) throw new RangeError(`resolutionMb must be > 0, got ${resolutionMb}`);
  // Known to fail at the top of the range (the memory-floor stage's load search after nothing up to
  // highMb served a request): nothing to probe, and no floor in the range.
  if (opts.lowKnownFailing && opts.lowMb >= opts.highMb) {
    return { floorMb: null, lastFailingMb: opts.lowMb, probes: [], probesUsed: 0, resolutionMb, verdict: 'no-pass-within-range' };
  }
  if (!(opts.lowMb < opts.highMb)) throw new RangeError(`lowMb (${opts.lowMb}) must be below highMb (${opts.highMb})`);
  if (maxProbes < 2) throw new RangeError(`maxProbes must be at least 2, got ${maxProbes}`);

  const probes: MemoryProbe[] = [];
  const run = async (memoryMb: number) => {
    const outcome = await opts.probe(memoryMb);
    probes.push({ memoryMb, outcome, order: probes.length + 1 });
    return outcome;
  };
  const knownLow = opts.lowKnownFailing ? opts.lowMb : null;
  const done = (verdict: MemorySearchVerdict) => settle(probes, knownLow, resolutionMb, verdict);

  const guessPassed = opts.firstGuessMb !== undefined && opts.firstGuessMb < opts.highMb && (await run(opts.firstGuessMb)).pass;
  if (!guessPassed && !(await run(opts.highMb)).pass) return done('no-pass-within-range');
  if (knownLow === null && (await run(opts.lowMb)).pass) return done('low-passes');

  for (;;) {
    const { floorMb, lastFailingMb } = bracket(probes, knownLow);
    if (floorMb === null) return done('no-pass-within-range');
    const inside = midGrid(lastFailingMb ?? opts.lowMb, floorMb, resolutionMb);
    const next = inside ?? (passesAt(probes, floorMb) <= confirmRuns ? floorMb : null);
    if (next === null) return done(isFlaky(probes) ? 'found-flaky' : 'found');
    if (probes.length >= maxProbes) return done('budget-exhausted');
    await run(next);
  }
}

/** Bracket implied by every probe so far: largest failure, and smallest pass above it. */
function bracket(probes: MemoryProbe[], knownLow: number | null): { floorMb: number | null; lastFailingMb: number | null } {
  const fails = probes.filter((p) => !p.outcome.pass).map((p) => p.memoryMb);
  if (knownLow !== null) fails.push(knownLow);
  const lastFailingMb = fails.length > 0 ? Math.max(...fails) : null;
  const above = probes.filter((p) => p.outcome.pass && (lastFailingMb === null || p.memoryMb > lastFailingMb)).map((p) => p.memoryMb);
  return { floorMb: above.length > 0 ? Math.min(...above) : null, lastFailingMb };
}

/** The middle multiple of `step` strictly between `lo` and `hi`, or `null` when there is none. */
function midGrid(lo: number, hi: number, step: number): number | null {
  const first = Math.floor(lo / step) + 1;
  const last = Math.ceil(hi / step) - 1;
  if (first > last) return null;
  return Math.floor((first + last) / 2) * step;
}

function passesAt(probes: MemoryProbe[], memoryMb: number): number {
  return probes.filter((p) => p.memoryMb === memoryMb && p.outcome.pass).length;
}

function isFlaky(probes: MemoryProbe[]): boolean {
  const passes = probes.filter((p) => p.outcome.pass).map((p) => p.memoryMb);
  const fails = probes.filter((p) => !p.outcome.pass).map((p) => p.memoryMb);
  return passes.some((p) => fails.some((f) => f >= p));
}

function settle(probes: MemoryProbe[], knownLow: number | null, resolutionMb: number, verdict: MemorySearchVerdict): MemoryFloorSearch {
  const { floorMb, lastFailingMb } = bracket(probes, knownLow);
  return { floorMb, lastFailingMb, probes, probesUsed: probes.length, resolutionMb, verdict };
}

/** What the workshop's method would have cost: a linear walk up from a start limit. */
export interface LinearWalk {
  /** Probes the walk needs, counting its first and its first passing step. */
  probes: number;
  /** The limit the walk stops at (first step at or above the floor), MiB. */
  reachedMb: number;
  /** First limit of the walk, MiB. */
  startMb: number;
  /** Step between limits, MiB. */
  stepMb: number;
}

/**
 * Probes a linear walk upward (the workshop: 500 MB in 100 MB steps) needs to reach the first
 * step at or above `floorMb`, assuming every step below the floor fails. The walk's answer is
 * coarser (100 MB) than the bisection's, which the report should say next to the gain.
 */
export function linearWalkCost(floorMb: number, walk: { startMb?: number; stepMb?: number } = {}): LinearWalk {
  const startMb = walk.startMb ?? 500;
  const stepMb = walk.stepMb ?? 100;
  if (!(stepMb > 0)) throw new RangeError(`stepMb must be > 0, got ${stepMb}`);
  const steps = Math.max(0, Math.ceil((floorMb - startMb) / stepMb));
  return { probes: steps + 1, reachedMb: startMb + steps * stepMb, startMb, stepMb };
}
