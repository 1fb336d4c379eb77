import { setTimeout as sleep } from 'node:timers/promises';
import { AbortedError } from '../errors.ts';
import type { HostCpuUse } from '../results/types.ts';
import { hostCpuUse } from './proc-stat.ts';
import { readProcStat } from './read-proc-stat.ts';

/**
 * Busy share of the whole host above which a run would compete for CPU.
 * On the 2-core development VM (2026-11-30) a quiet host read 0.2-4 % busy in
 * 3 s samples (median 0.5 %), while another engineer's build or test read
 * 25-84 %. 0.15 sits well above the quiet noise and, on 2 cores, flags 0.3 of
 * a core of other work: enough to take 30 % from a 1-CPU API when the
 * scheduler puts it on the same core.
 */
export const BUSY_SHARE_LIMIT = 0.15;
/**
 * Share of time the hypervisor took. A quiet VM here read 0-0.2 % (1 tick in
 * 600); 2 % in a quiet moment means a noisy neighbour on the physical host,
 * and a run would lose at least as much as the 10 % drift tolerance under load.
 */
export const STEAL_SHARE_LIMIT = 0.02;
/** Seconds sampled by one check: 3 s holds 600 ticks on 2 cores, 1 tick = 0.17 %. */
export const DEFAULT_CHECK_S = 3;

/** Why the host counts as busy. NOTE: `kind` literals are i18n keys where shown. */
export interface BusyReason {
  kind: 'busy' | 'steal';
  /** The share measured (0..1 of the whole host). */
  value: number;
  /** The limit it passed. */
  limit: number;
}

export interface BusyHostCheck {
  busy: boolean;
  use: HostCpuUse;
  reasons: BusyReason[];
}

/**
 * Judges one span of host CPU use. Busy is read from `outsideLab` when the
 * caller knew the lab's own CPU time, else from all busy time: before a run
 * nothing of the lab should be running, so all of it is someone else's.
 */
export function judgeHostUse(use: HostCpuUse): BusyHostCheck {
  const reasons: BusyReason[] = [];
  const busy = use.outsideLab ?? use.busy;
  if (busy > BUSY_SHARE_LIMIT) reasons.push({ kind: 'busy', value: busy, limit: BUSY_SHARE_LIMIT });
  if (use.steal > STEAL_SHARE_LIMIT) reasons.push({ kind: 'steal', value: use.steal, limit: STEAL_SHARE_LIMIT });
  return { busy: reasons.length > 0, use, reasons };
}

/** Samples `/proc/stat` over `sampleS` seconds and judges it. Linux only (LabError elsewhere). */
export async function checkBusyHost(opts: { sampleS?: number; signal?: AbortSignal } = {}): Promise<BusyHostCheck> {
  const before = await readProcStat();
  await pause((opts.sampleS ?? DEFAULT_CHECK_S) * 1000, opts.signal);
  const after = await readProcStat();
  return judgeHostUse(hostCpuUse(before, after, null, after.cpuCount));
}

export interface QuietWait {
  /** The last check came out quiet. */
  quiet: boolean;
  /** Seconds spent, checks included. */
  waitedS: number;
  /** Checks made. */
  checks: number;
  /** The last check; the caller reports it whether it waited, refused or warned. */
  last: BusyHostCheck;
}

/**
 * Checks again and again (back to back, each `sampleS` long) until one is
 * quiet or `maxWaitS` has passed. Never throws for a busy host: the caller
 * decides between waiting longer, refusing (a LabError suggesting `--force`)
 * and warning.
 */
export async function waitForQuietHost(opts: { maxWaitS: number; signal?: AbortSignal; sampleS?: number }): Promise<QuietWait> {
  const t0 = performance.now();
  let checks = 0;
  for (;;) {
    const last = await checkBusyHost({ sampleS: opts.sampleS, signal: opts.signal });
    checks += 1;
    const waitedS = (performance.now() - t0) / 1000;
    if (!last.busy || waitedS >= opts.maxWaitS) return { quiet: !last.busy, waitedS, checks, last };
  }
}

async function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch {
    throw new AbortedError(String(signal?.reason ?? 'interrupted'));
  }
}
