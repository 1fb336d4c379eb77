import { findMemoryFloor, type MemoryFloorSearch, type MemoryProbe } from './bisect-memory.ts';
import type { ProbeOutcome } from './probe-class.ts';

/** Inputs of `confirmMemoryFloor`. */
export interface ConfirmMemoryFloorOptions {
  /** The peak the API reached in a probe at a generous limit (model load, a request, a load), MiB. */
  peakMb: number;
  /** The search's range, MiB: the fallback bisection stays inside it. */
  lowMb: number;
  /** `lowMb` is known to fail (the serve floor's failing side, for the load search): not probed again. */
  lowKnownFailing?: boolean;
  highMb: number;
  /** Limits are multiples of this, MiB. */
  resolutionMb: number;
  /** Runs at each side of the floor; the seed saw the model's memory vary between restarts. Default 2. */
  repeats?: number;
  /** Probes already run (the generous one); they count and stay in the record. */
  earlier?: MemoryProbe[];
  probe: (memoryMb: number) => Promise<ProbeOutcome>;
}

/**
 * With the real peak measured, the floor needs only confirming: the first
 * multiple of the resolution above the peak must pass and the one below must
 * fail, each `repeats` times. When either side disagrees the peak misled
 * (memory that varies between restarts), and a bisection over the remaining
 * range settles it with every probe kept. Monotone in memory, like
 * `findMemoryFloor`.
 */
export async function confirmMemoryFloor(o: ConfirmMemoryFloorOptions): Promise<MemoryFloorSearch> {
  const repeats = o.repeats ?? 2;
  const probes: MemoryProbe[] = [...(o.earlier ?? [])];
  const run = async (memoryMb: number) => {
    const outcome = await o.probe(memoryMb);
    probes.push({ memoryMb, outcome, order: probes.length + 1 });
    return outcome.pass;
  };
  const up = Math.min(o.highMb, Math.ceil(o.peakMb / o.resolutionMb) * o.resolutionMb);
  const down = up - o.resolutionMb;
  const done = (floorMb: number, lastFailingMb: number): MemoryFloorSearch =>
    ({ floorMb, lastFailingMb, probes, probesUsed: probes.length, resolutionMb: o.resolutionMb, verdict: 'found' });

  for (let i = 0; i < repeats; i++) {
    if (!(await run(up))) return fallback(o, probes, { lowMb: up, highMb: o.highMb, lowKnownFailing: true });
  }
  if (down <= o.lowMb && o.lowKnownFailing) return done(up, o.lowMb);
  for (let i = 0; i < repeats; i++) {
    if (await run(down)) return fallback(o, probes, { lowMb: o.lowMb, highMb: down, lowKnownFailing: o.lowKnownFailing ?? false });
  }
  return done(up, down);
}

/** Bisection over what is left, with the confirming probes kept first in the record. */
async function fallback(o: ConfirmMemoryFloorOptions, probes: MemoryProbe[], range: { lowMb: number; highMb: number; lowKnownFailing: boolean }): Promise<MemoryFloorSearch> {
  if (range.highMb - range.lowMb < o.resolutionMb) {
    return { floorMb: range.highMb, lastFailingMb: range.lowMb, probes, probesUsed: probes.length, resolutionMb: o.resolutionMb, verdict: 'found-flaky' };
  }
  const rest = await findMemoryFloor({ ...range, resolutionMb: o.resolutionMb, probe: o.probe });
  const all = [...probes, ...rest.probes.map((p, i) => ({ ...p, order: probes.length + i + 1 }))];
  // A side that disagreed with the peak is flakiness, whatever the bisection then saw.
  return { ...rest, probes: all, probesUsed: all.length, verdict: rest.verdict === 'found' ? 'found-flaky' : rest.verdict };
}
