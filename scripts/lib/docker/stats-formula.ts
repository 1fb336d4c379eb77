import type { StatsSample } from '../results/types.ts';

/** CPU counters of one reading, as the engine's stats endpoint returns them. */
export interface RawCpuStats {
  cpu_usage: {
    /** Container CPU time, nanoseconds, cumulative. */
    total_usage: number;
    /** Per-CPU times; cgroup v1 only. */
    percpu_usage?: number[];
  };
  /** Host CPU time, nanoseconds, cumulative; absent in an empty `precpu_stats`. */
  system_cpu_usage?: number;
  online_cpus?: number;
}

/** The fields of `GET /containers/{id}/stats` that the formulas read. */
export interface RawDockerStats {
  /** RFC 3339 time of the reading; `0001-01-01T00:00:00Z` when the container is not running. */
  read: string;
  cpu_stats: RawCpuStats;
  /** The previous reading; all zero on the first reading of a stream. */
  precpu_stats: RawCpuStats;
  /** Empty (`{}`) when the container is not running. */
  memory_stats: {
    usage?: number;
    limit?: number;
    /** cgroup v1: `cache`, `total_inactive_file`, ...; cgroup v2: `inactive_file`, ... */
    stats?: Record<string, number>;
  };
}

/**
 * One engine stats reading as a StatsSample, with the numbers `docker stats` shows.
 * `cpus` is the container's CPU limit in cores (`null` when unlimited).
 * Returns `null` when the reading cannot give a sample: the container is not running
 * (empty memory stats, zero read time) or there is no previous reading to diff the CPU
 * counters against (the first object of a stream).
 */
export function toStatsSample(raw: RawDockerStats, container: string, cpus: number | null): StatsSample | null {
  const t = Date.parse(raw.read);
  const usage = raw.memory_stats.usage;
  if (!Number.isFinite(t) || t <= 0 || usage === undefined) return null;
  if (!raw.precpu_stats.system_cpu_usage) return null;

  const cpuPercentOfCore = cpuPercent(raw.cpu_stats, raw.precpu_stats);
  return {
    t,
    container,
    cpuPercentOfCore,
    cpuPercentOfLimit: cpus !== null && cpus > 0 ? cpuPercentOfCore / cpus : null,
    memoryBytes: memoryWithoutCache(usage, raw.memory_stats.stats ?? {}),
    memoryLimitBytes: raw.memory_stats.limit ?? 0,
  };
}

// Same arithmetic as calculateCPUPercentUnix in the docker CLI
// (github.com/docker/cli, cli/command/container/stats_helpers.go): percent of one core,
// so a container using two full cores reads 200.
function cpuPercent(now: RawCpuStats, before: RawCpuStats): number {
  const cpuDelta = now.cpu_usage.total_usage - before.cpu_usage.total_usage;
  const systemDelta = (now.system_cpu_usage ?? 0) - (before.system_cpu_usage ?? 0);
  const onlineCpus = now.online_cpus || now.cpu_usage.percpu_usage?.length || 0;
  if (cpuDelta <= 0 || systemDelta <= 0) return 0;
  return (cpuDelta / systemDelta) * onlineCpus * 100;
}

// Same choice as calculateMemUsageUnixNoCache in the docker CLI (stats_helpers.go):
// page cache the kernel can drop is not the container's memory. cgroup v1 reports it as
// total_inactive_file, cgroup v2 as inactive_file; engines up to 19.03 subtracted `cache`.
export function memoryWithoutCache(usage: number, stats: Record<string, number>): number {
  for (const key of ['total_inactive_file', 'inactive_file', 'cache']) {
    const cache = stats[key];
    if (cache !== undefined && cache < usage) return usage - cache;
  }
  return usage;
}
