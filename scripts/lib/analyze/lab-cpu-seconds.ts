import type { StatsSample } from '../results/types.ts';

/** A gap longer than this between two samples of a container is a pause in sampling, not one interval. */
const MAX_GAP_MS = 3_000;

/**
 * CPU-seconds the lab's containers used between `fromMs` and `toMs`, from
 * their ~1 Hz stats samples: each sample's CPU share (of one core) times the
 * time since that container's previous sample. Lets the host's `/proc/stat`
 * tell the lab's own CPU from everyone else's. Pure.
 */
export function labCpuSeconds(samples: readonly StatsSample[], fromMs: number, toMs: number): number {
  const last = new Map<string, number>();
  let seconds = 0;
  for (const s of [...samples].sort((a, b) => a.t - b.t)) {
    const previous = last.get(s.container);
    last.set(s.container, s.t);
    if (previous === undefined || s.t <= fromMs || previous >= toMs) continue;
    const span = Math.min(s.t, toMs) - Math.max(previous, fromMs);
    if (span > 0 && s.t - previous <= MAX_GAP_MS) seconds += (s.cpuPercentOfCore / 100) * (span / 1000);
  }
  return seconds;
}
