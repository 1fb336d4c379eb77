import { LabError } from '../errors.ts';
import type { HostInfo, TrialSpec } from '../results/types.ts';

const MIB = 1024 * 1024;
/** Kept free for the host, the engine, Locust and the lab itself. */
export const HOST_RESERVE = { memoryMb: 2048, cpus: 0.5 } as const;
/** Docker refuses limits below 6 MiB; nothing Python runs in less than this anyway. */
const MIN_MEMORY_MB = 32;

/**
 * Refuses a trial that cannot run or would endanger the host, before any
 * container starts. Each refusal names the value, the limit and the fix.
 */
export function checkTrialSpec(spec: TrialSpec, host: HostInfo): void {
  const where = `trial "${spec.id}"`;
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(spec.id)) {
    throw new LabError(`${where}: id must be lowercase letters, digits and dashes (it names a folder and a compose project).`);
  }
  const hostMb = Math.floor(host.memoryBytes / MIB);
  const maxMb = hostMb - HOST_RESERVE.memoryMb;
  if (spec.memoryMb < MIN_MEMORY_MB) {
    throw new LabError(`${where}: memory limit ${spec.memoryMb} MiB is below ${MIN_MEMORY_MB} MiB.`, 'Give the memory in MiB or with a unit, e.g. 1300M or 1.3G.');
  }
  const replicas = spec.replicas > 1 ? ` × ${spec.replicas} replicas` : '';
  if (spec.memoryMb * spec.replicas > maxMb) {
    throw new LabError(
      `${where}: memory limit ${fmtMb(spec.memoryMb)}${replicas} does not fit this host (${fmtMb(hostMb)}, of which ${fmtMb(HOST_RESERVE.memoryMb)} stay reserved for the host and Locust).`,
      `Lower the memory limit to at most ${fmtMb(Math.floor(maxMb / spec.replicas))}${spec.memoryMb >= 100 * 1024 ? ' (did you mean M instead of G? the workshop once wrote 500G for 500M)' : ''}.`,
    );
  }
  const maxCpus = host.cpus - HOST_RESERVE.cpus;
  if (spec.cpus * spec.replicas > maxCpus) {
    throw new LabError(
      `${where}: CPU limit ${spec.cpus}${replicas} is more than this host can give (${host.cpus} CPUs, ${HOST_RESERVE.cpus} kept for the host and Locust).`,
      `Lower cpus to at most ${Math.floor((maxCpus / spec.replicas) * 100) / 100}.`,
    );
  }
  if (!Number.isInteger(spec.users) || spec.users < 1) throw new LabError(`${where}: users must be a whole number ≥ 1, got ${spec.users}.`);
  if (spec.spawnRate <= 0) throw new LabError(`${where}: spawn rate must be > 0, got ${spec.spawnRate}.`);
  if (spec.runTimeS < 5 || spec.runTimeS > 3600) {
    throw new LabError(`${where}: run time ${spec.runTimeS} s is outside 5–3600 s.`, 'Every Locust run needs a hard cap; the workshop used 150 s.');
  }
  if (spec.users / spec.spawnRate >= spec.runTimeS) {
    throw new LabError(
      `${where}: spawning ${spec.users} users at ${spec.spawnRate}/s takes ${Math.ceil(spec.users / spec.spawnRate)} s, longer than the ${spec.runTimeS} s run, so no steady phase would be measured.`,
      'Raise the spawn rate or the run time.',
    );
  }
}

const fmtMb = (mb: number) => (mb >= 1024 ? `${mb} MiB (${(mb / 1024).toFixed(1)} GiB)` : `${mb} MiB`);
