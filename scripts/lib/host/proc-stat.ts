import { LabError } from '../errors.ts';
import type { HostCpuUse } from '../results/types.ts';

/**
 * The aggregate `cpu` line of `/proc/stat`: cumulative time of all CPUs in each
 * state since boot, in USER_HZ ticks (see proc(5)). `guest` and `guestNice` are
 * already counted inside `user` and `nice`, so they are kept but never added.
 */
export interface CpuTicks {
  user: number;
  nice: number;
  system: number;
  idle: number;
  iowait: number;
  irq: number;
  softirq: number;
  steal: number;
  guest: number;
  guestNice: number;
}

/** One reading of `/proc/stat`, stamped with the wall clock so spans have seconds. */
export interface ProcStatReading {
  /** Unix ms when the file was read. */
  tMs: number;
  cpu: CpuTicks;
  /** `cpuN` lines: the CPUs online when it was read. */
  cpuCount: number;
}

/** Where the host's CPU time went between two readings; the three shares add up to 1. */
export interface CpuShares {
  /** Wall seconds between the readings. */
  seconds: number;
  /** Stolen by the hypervisor: the VM wanted to run and was not allowed to. */
  steal: number;
  /** user + nice + system + irq + softirq. */
  busy: number;
  /** idle + iowait (waiting for I/O is idle CPU). */
  idle: number;
}

const FIELDS = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal', 'guest', 'guestNice'] as const;

/**
 * Reads the aggregate `cpu` line. Older kernels print fewer columns (steal since
 * 2.6.11, guest since 2.6.24, guest_nice since 2.6.33); missing ones count as 0.
 * Throws a LabError on text without a valid `cpu` line: that is not `/proc/stat`.
 */
export function parseProcStat(text: string, tMs: number): ProcStatReading {
  let cpu: CpuTicks | null = null;
  let cpuCount = 0;
  for (const line of text.split('\n')) {
    const [name, ...values] = line.trim().split(/\s+/);
    if (name === 'cpu') {
      const numbers = values.map(Number);
      if (numbers.length < 4 || numbers.some((n) => !Number.isFinite(n) || n < 0)) throw notProcStat(`malformed cpu line "${line.trim()}"`);
      cpu = Object.fromEntries(FIELDS.map((f, i) => [f, numbers[i] ?? 0])) as unknown as CpuTicks;
    } else if (name && /^cpu\d+$/.test(name)) {
      cpuCount += 1;
    }
  }
  if (!cpu) throw notProcStat('no aggregate "cpu" line');
  return { tMs, cpu, cpuCount };
}

function notProcStat(what: string): LabError {
  return new LabError(
    `/proc/stat does not look like the kernel's: ${what}.`,
    'Run the lab on a Linux host or VM with a normal /proc (some sandboxes fake it), or skip the host check.',
  );
}

/** Shares of all CPUs' time between two readings of the same host, `after` the later one. */
export function cpuShares(before: ProcStatReading, after: ProcStatReading): CpuShares {
  const d = (f: keyof CpuTicks) => after.cpu[f] - before.cpu[f];
  const busy = d('user') + d('nice') + d('system') + d('irq') + d('softirq');
  const idle = d('idle') + d('iowait');
  const steal = d('steal');
  const total = busy + idle + steal;
  const seconds = (after.tMs - before.tMs) / 1000;
  // Counters only grow; a decrease means the readings are swapped or from two boots.
  if (busy < 0 || idle < 0 || steal < 0) throw new Error('the second /proc/stat reading is older than the first');
  if (total === 0) return { seconds, steal: 0, busy: 0, idle: 1 };
  return { seconds, steal: steal / total, busy: busy / total, idle: idle / total };
}

/**
 * Host CPU use over a span, and how much of it the lab did not cause.
 * `labCpuSeconds` is the CPU time the lab's own containers (and generator)
 * used in the span, from their cgroups; `null` when unknown. The lab's share
 * is taken of the wall span times `cpuCount`, the same capacity the busy
 * share is a fraction of; the clamp at 0 absorbs the two clocks' small skew.
 */
export function hostCpuUse(before: ProcStatReading, after: ProcStatReading, labCpuSeconds: number | null, cpuCount: number): HostCpuUse {
  const shares = cpuShares(before, after);
  const capacity = shares.seconds * cpuCount;
  const outsideLab = labCpuSeconds === null || capacity <= 0 ? null : Math.max(0, shares.busy - labCpuSeconds / capacity);
  return { seconds: shares.seconds, steal: shares.steal, busy: shares.busy, outsideLab };
}
