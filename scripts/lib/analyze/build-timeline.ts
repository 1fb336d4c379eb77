import type { HistoryRow, StatsSample, TimelinePoint } from '../results/types.ts';

const MIB = 1024 * 1024;

/**
 * Joins Locust's Aggregated history (1 row a second) with the API's stats
 * samples on whole seconds since Locust started. Pure.
 */
export function buildTimeline(history: HistoryRow[], samples: StatsSample[], loadStartedAt: number): TimelinePoint[] {
  const points = new Map<number, TimelinePoint>();
  const at = (s: number): TimelinePoint => {
    let p = points.get(s);
    if (!p) {
      p = { s, users: null, rps: null, p50Ms: null, p95Ms: null, apiCpuPercent: null, apiMemoryMb: null };
      points.set(s, p);
    }
    return p;
  };
  for (const row of history) {
    if (row.name !== 'Aggregated') continue;
    const p = at(Math.round(row.timestamp - loadStartedAt / 1000));
    p.users = row.users;
    p.rps = row.rps;
    p.p50Ms = row.percentiles['50%'] ?? null;
    p.p95Ms = row.percentiles['95%'] ?? null;
  }
  for (const sample of samples) {
    if (!sample.container.startsWith('api')) continue;
    const p = at(Math.round((sample.t - loadStartedAt) / 1000));
    p.apiCpuPercent = round1((p.apiCpuPercent ?? 0) + (sample.cpuPercentOfLimit ?? sample.cpuPercentOfCore));
    p.apiMemoryMb = round1((p.apiMemoryMb ?? 0) + sample.memoryBytes / MIB);
  }
  return [...points.values()].sort((a, b) => a.s - b.s);
}

const round1 = (x: number) => Math.round(x * 10) / 10;
