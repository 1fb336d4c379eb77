import type { EndpointStats, StatsSample, TrialFlag, TrialSummary } from '../results/types.ts';

const MIB = 1024 * 1024;
/** Above this share of one core, Locust measured itself rather than the API. */
export const GENERATOR_SATURATION_PERCENT = 90;
/** A steady window shorter than this gives percentiles from too few seconds. */
export const MIN_STEADY_WINDOW_S = 10;

export interface SummaryInput {
  /** Rows of `_stats.csv` (steady window thanks to `--reset-stats`). */
  endpoints: EndpointStats[];
  samples: StatsSample[];
  /** Unix ms bounds of the Locust run, to pick load-time samples. */
  loadStartedAt: number | null;
  loadEndedAt: number | null;
  users: number;
  spawnRate: number;
  runTimeS: number;
}

/**
 * The trial's numbers. Latency and throughput come from Locust's own
 * Aggregated row of a run whose statistics were reset after spawning, so no
 * percentile is averaged; resource numbers come from the 1 Hz samples.
 */
export function summarizeTrial(input: SummaryInput): { summary: TrialSummary | null; flags: TrialFlag[] } {
  const agg = input.endpoints.find((e) => e.name === 'Aggregated');
  const api = input.samples.filter((s) => s.container.startsWith('api'));
  const inLoad = (s: StatsSample) =>
    input.loadStartedAt !== null && s.t >= input.loadStartedAt && (input.loadEndedAt === null || s.t <= input.loadEndedAt);
  const apiMemory = sumPerInstant(api, (s) => s.memoryBytes / MIB);
  const apiCpu = sumPerInstant(api.filter(inLoad), (s) => s.cpuPercentOfCore);
  const locustCpu = input.samples.filter((s) => s.container.startsWith('locust') && inLoad(s)).map((s) => s.cpuPercentOfCore);

  const flags: TrialFlag[] = [];
  const steadyS = input.runTimeS - input.users / input.spawnRate;
  if (steadyS < MIN_STEADY_WINDOW_S) flags.push('short-steady-window');
  if (isSaturated(locustCpu)) flags.push('generator-saturated');
  if (api.length < 5) flags.push('few-stats-samples');
  if (!agg) return { summary: null, flags };
  if (agg.requests === 0) flags.push('no-requests');

  return {
    flags,
    summary: {
      rps: agg.rps,
      p50Ms: agg.percentiles['50%'] ?? agg.medianMs,
      p95Ms: agg.percentiles['95%'] ?? null,
      p99Ms: agg.percentiles['99%'] ?? null,
      requests: agg.requests,
      failures: agg.failures,
      failureRatio: agg.requests > 0 ? agg.failures / agg.requests : 0,
      apiPeakMemoryMb: max(apiMemory),
      apiMeanMemoryMb: mean(apiMemory),
      apiPeakCpuPercent: max(apiCpu),
      apiMeanCpuPercent: mean(apiCpu),
      locustPeakCpuPercent: max(locustCpu),
      locustMeanCpuPercent: mean(locustCpu),
      statsSamples: input.samples.length,
      window: `steady phase: ${Math.max(0, Math.round(steadyS))} s after ${input.users} users were spawned (Locust --reset-stats)`,
    },
  };
}

/** Saturated when a fifth of the load-time samples (and at least three) exceed the threshold. */
function isSaturated(cpu: number[]): boolean {
  const hot = cpu.filter((c) => c > GENERATOR_SATURATION_PERCENT).length;
  return hot >= 3 && hot >= cpu.length / 5;
}

/** Replicas are summed at each second, so "API memory" means the whole service. */
function sumPerInstant(samples: StatsSample[], value: (s: StatsSample) => number): number[] {
  const bySecond = new Map<number, number>();
  for (const s of samples) {
    const k = Math.round(s.t / 1000);
    bySecond.set(k, (bySecond.get(k) ?? 0) + value(s));
  }
  return [...bySecond.values()];
}

const max = (xs: number[]) => (xs.length ? round1(Math.max(...xs)) : null);
const mean = (xs: number[]) => (xs.length ? round1(xs.reduce((a, b) => a + b, 0) / xs.length) : null);
const round1 = (x: number) => Math.round(x * 10) / 10;
