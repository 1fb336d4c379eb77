import { LabError } from '../errors.ts';
import { parseMemoryMb } from '../plan/parse-units.ts';
import { showValue, type ImportNotice } from './compose-notice.ts';

const MIB = 1024 * 1024;
/** Above this a limit is a typo on any machine the lab runs on (the workshop wrote 500G for 500M). */
const TYPO_MB = 100 * 1024;
const MEMORY_KEYS = new Set(['mem_limit', 'memswap_limit', 'mem_reservation']);
const CPU_KEYS = new Set(['cpus', 'cpu_count', 'cpu_percent', 'cpu_quota', 'cpu_period', 'cpu_shares', 'cpuset']);

/**
 * The notice for a resource limit a compose file sets (service level or
 * under `deploy.resources`), or `null` when `key` is not one. The lab sets
 * limits per trial, so each is ignored; a memory size that no host here has
 * (more than this host, or ≥ 100 GiB) is refused as a value, with what it
 * reads as.
 */
export function composeLimitNotice(field: string, key: string, value: unknown, hostMemoryBytes: number | null): ImportNotice | null {
  const shown = showValue(value);
  if (CPU_KEYS.has(key)) return { kind: 'ignored', field, value: shown, message: `Ignored: the lab sets the CPU limit per trial (the sweep and workers stages vary it).` };
  if (!MEMORY_KEYS.has(key)) return null;
  let mb: number;
  try {
    mb = parseMemoryMb(typeof value === 'number' ? value / MIB : String(value), field);
  } catch (err) {
    if (!(err instanceof LabError)) throw err;
    return { kind: 'refused', field, value: shown, message: `${shown} is not a memory size, so it is refused; the lab's own limits apply.` };
  }
  const hostMb = hostMemoryBytes === null ? null : Math.floor(hostMemoryBytes / MIB);
  if ((hostMb !== null && mb > hostMb) || mb >= TYPO_MB) {
    const meant = typeof value === 'string' && /^\s*[\d.]+\s*g/i.test(value) && mb >= TYPO_MB ? ` (${value.replace(/g(i?b?)/i, 'M$1')} was probably meant)` : '';
    const host = hostMb !== null ? `this host has ${fmtMb(hostMb)}` : 'no host the lab runs on has that much';
    return { kind: 'refused', field, value: shown, message: `${shown} reads as ${fmtMb(mb)}, and ${host}, so the value is refused${meant}; the lab's own limits apply.` };
  }
  return { kind: 'ignored', field, value: shown, message: `Ignored (${fmtMb(mb)}): the lab sets the memory limit per trial, and the memory-floor stage searches for the smallest that works.` };
}

const fmtMb = (mb: number) => (mb >= 1024 ? `${Number((mb / 1024).toFixed(1))} GiB` : `${mb} MiB`);
