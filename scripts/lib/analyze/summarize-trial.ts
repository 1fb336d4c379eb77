import type {
  EndpointStats, LocustPhases, MeasureWindow, RequestSample, StatsSample, TrialFlag, TrialSummary,
} from '../results/types.ts';
import { wilsonInterval } from './intervals.ts';
import { latencyQuantiles } from './latency-quantiles.ts';
import { LITTLE_TOLERANCE, littlesLaw, thinkTime } from './littles-law.ts';
import { serviceDemand } from './operational-bound.ts';
import { measureStability, TREND_LIMIT } from './stability.ts';
import { steadyWindow, type SteadyWindow } from './steady-window.ts';

// The rules the summary applies, in one place for the report to quote.
export { WARMUP_MIN_S, WARMUP_SHARE } from './steady-window.ts';
export { SUBWINDOW_S, STABLE_SUBWINDOWS, STABILITY_TOLERANCE, TREND_LIMIT } from './stability.ts';
export { LITTLE_TOLERANCE } from './littles-law.ts';

const MIB = 1024 * 1024;
/** Above this share of one core, Locust measured itself rather than the API. */
export const GENERATOR_SATURATION_PERCENT = 90;
/** A steady window shorter than this gives percentiles from too few seconds. */
export const MIN_STEADY_WINDOW_S = 10;
/** The users seen in the window may differ from the crowd asked for by this share before the trial is flagged. */
export const CROWD_TOLERANCE = 0.05;
/** An API CPU sample more than this share above the limit is sampling jitter (two reads of a cgroup counter), flagged and capped. */
export const CPU_LIMIT_TOLERANCE = 0.05;

export interface SummaryInput {
  /** Rows of `_stats.csv` (`--reset-stats`): used only without request samples. */
  endpoints: EndpointStats[];
  samples: StatsSample[];
  /** Unix ms bounds of the Locust run as the lab saw them. */
  loadStartedAt: number | null;
  loadEndedAt: number | null;
  users: number;
  spawnRate: number;
  runTimeS: number;
  /** Every request the lab's Locust hook recorded; `null` when it wrote none (old runs, hook missing). */
  requests: RequestSample[] | null;
  /** Locust's phases from the hook; `null` when it wrote none. */
  phases: LocustPhases | null;
  /** The API's CPU limit per container, cores; 0 or less means unlimited. */
  cpus: number;
}

export interface SummaryOutput {
  summary: TrialSummary | null;
  flags: TrialFlag[];
}

/**
 * The trial's numbers over one steady window. With the hook's request samples
 * and phases, everything is exact: the window opens after the last spawn plus
 * a warm-up (so the spawn burst is not measured) and closes when Locust began
 * to stop; a request counts when it finished inside the window, and a request
 * that never finished counts as a failure and as slower than any other.
 * Without them (older runs, hook missing, spawning never completed) the
 * numbers are Locust's own `--reset-stats` Aggregated row, rounded by Locust,
 * over the planned window, with no stability, interval or Little's law.
 */
export function summarizeTrial(input: SummaryInput): SummaryOutput {
  const { requests, phases } = input;
  const window = requests && phases ? steadyWindow(phases, { runTimeS: input.runTimeS, fallbackEndMs: input.loadEndedAt }) : null;
  if (requests && phases && window) return fromRequests(input, requests, phases, window);
  return fromLocustStats(input, requests !== null && phases !== null);
}

function fromRequests(input: SummaryInput, requests: RequestSample[], phases: LocustPhases, win: SteadyWindow): SummaryOutput {
  const origin = phases.testStartMs ?? input.loadStartedAt ?? phases.spawned[0]!.tMs;
  const finished: RequestSample[] = [];
  const censoredAges: number[] = [];
  for (const r of requests) {
    if (r.status === 'censored') {
      // In flight at the window's end (or later): it was owed an answer within the window.
      if (r.startMs < win.endMs) censoredAges.push(r.latencyMs);
    } else {
      const end = r.startMs + r.latencyMs;
      if (end >= win.startMs && end <= win.endMs) finished.push(r);
    }
  }
  const latencies = finished.map((r) => r.latencyMs);
  const quantiles = latencyQuantiles(latencies, censoredAges);
  const durationS = (win.endMs - win.startMs) / 1000;
  const count = quantiles.n;
  const failures = finished.filter((r) => r.status === 'fail').length + censoredAges.length;
  const rps = finished.length / durationS;
  const meanMs = latencies.length ? latencies.reduce((a, b) => a + b, 0) / latencies.length : null;
  const p95 = quantiles.quantile(0.95);
  const res = resources(input, win);
  const thinkTimeS = thinkTime(requests, win);
  const asked = phases.spawned.at(-1)!.users;
  // The crowd that really ran: Locust's own count can drift from the one asked for (distributed
  // workers that miss heartbeats on a saturated host are sent their users again), and Little's law
  // must use the users that were in the loop.
  const activeUsers = usersInWindow(requests, win);
  const users = activeUsers > 0 ? activeUsers : asked;
  const little = meanMs !== null && thinkTimeS !== null ? littlesLaw({ users, rps, meanResponseS: meanMs / 1000, thinkTimeS }) : null;
  const stability = measureStability(requests, win, origin);
  const demandS = res.apiMeanCores === null ? null : serviceDemand(res.apiMeanCores, rps);

  const window: MeasureWindow = {
    basis: 'request-samples',
    startS: (win.startMs - origin) / 1000,
    endS: (win.endMs - origin) / 1000,
    durationS,
    warmupS: win.warmupMs / 1000,
    requests: count,
  };
  const flags = ordered({
    'short-steady-window': durationS < MIN_STEADY_WINDOW_S,
    'generator-saturated': res.generatorSaturated,
    'few-stats-samples': res.fewSamples,
    'no-requests': count === 0,
    unstable: stability !== null && !stability.stable,
    'p95-trending': stability?.p95Trend != null && Math.abs(stability.p95Trend) > TREND_LIMIT,
    'littles-law': little !== null && little.deviation > LITTLE_TOLERANCE,
    'censored-requests': censoredAges.length > 0,
    'cpu-above-limit': res.cpuAboveLimit,
    'crowd-mismatch': activeUsers > 0 && Math.abs(activeUsers - asked) / asked > CROWD_TOLERANCE,
  });
  return {
    flags,
    summary: {
      activeUsers: activeUsers > 0 ? activeUsers : null,
      rps,
      p50Ms: quantiles.quantile(0.5)?.valueMs ?? null,
      p95Ms: p95?.valueMs ?? null,
      p99Ms: quantiles.quantile(0.99)?.valueMs ?? null,
      p95AtLeast: p95?.atLeast ?? false,
      meanMs,
      requests: count,
      failures,
      failureRatio: count > 0 ? failures / count : 0,
      censored: censoredAges.length,
      censoredMaxAgeMs: max(censoredAges),
      ...res.numbers,
      statsSamples: input.samples.length,
      window,
      stability,
      intervals: { p95Ms: quantiles.interval(0.95), failureRatio: wilsonInterval(failures, count) },
      thinkTimeS,
      serviceDemandMs: demandS === null ? null : demandS * 1000,
      littlesLaw: little,
    },
  };
}

/**
 * Distinct simulated users that had a request in the window: one that
 * finished in it, or one still in flight when it closed (a user stuck on one
 * request for the whole window has only that).
 */
function usersInWindow(requests: readonly RequestSample[], win: Pick<SteadyWindow, 'startMs' | 'endMs'>): number {
  const users = new Set<string>();
  for (const r of requests) {
    if (r.startMs >= win.endMs) continue;
    if (r.status === 'censored' || r.startMs + r.latencyMs >= win.startMs) users.add(r.user);
  }
  return users.size;
}

/** Locust's Aggregated row over the planned window: spawn end (users / spawn rate) to the run-time cap. */
function fromLocustStats(input: SummaryInput, hadSamples: boolean): SummaryOutput {
  const agg = input.endpoints.find((e) => e.name === 'Aggregated');
  const spawnS = input.spawnRate > 0 ? input.users / input.spawnRate : input.runTimeS;
  const startS = Math.min(spawnS, input.runTimeS);
  const durationS = input.runTimeS - startS;
  const t0 = input.loadStartedAt;
  const win = t0 === null ? null : { startMs: t0 + startS * 1000, endMs: Math.min(t0 + input.runTimeS * 1000, input.loadEndedAt ?? Infinity) };
  const res = resources(input, win);
  const flags = ordered({
    // With samples but no window, spawning never completed or the warm-up took the whole run.
    'short-steady-window': durationS < MIN_STEADY_WINDOW_S || hadSamples,
    'generator-saturated': res.generatorSaturated,
    'few-stats-samples': res.fewSamples,
    'no-requests': agg !== undefined && agg.requests === 0,
    'cpu-above-limit': res.cpuAboveLimit,
    'no-request-samples': !hadSamples,
  });
  if (!agg) return { summary: null, flags };
  const demandS = res.apiMeanCores === null ? null : serviceDemand(res.apiMeanCores, agg.rps);
  return {
    flags,
    summary: {
      rps: agg.rps,
      p50Ms: agg.percentiles['50%'] ?? agg.medianMs,
      p95Ms: agg.percentiles['95%'] ?? null,
      p99Ms: agg.percentiles['99%'] ?? null,
      p95AtLeast: false,
      meanMs: agg.avgMs,
      requests: agg.requests,
      failures: agg.failures,
      failureRatio: agg.requests > 0 ? agg.failures / agg.requests : 0,
      // Locust does not see unfinished requests; `no-request-samples` says so.
      censored: 0,
      censoredMaxAgeMs: null,
      ...res.numbers,
      statsSamples: input.samples.length,
      window: { basis: 'locust-stats', startS, endS: input.runTimeS, durationS, warmupS: 0, requests: agg.requests },
      stability: null,
      intervals: null,
      thinkTimeS: null,
      serviceDemandMs: demandS === null ? null : demandS * 1000,
      littlesLaw: null,
    },
  };
}

type ResourceNumbers = Pick<TrialSummary,
  'apiPeakMemoryMb' | 'apiMeanMemoryMb' | 'apiPeakCpuPercent' | 'apiMeanCpuPercent' | 'locustPeakCpuPercent' | 'locustMeanCpuPercent'>;

/**
 * CPU and memory within the window (memory peak over the whole trial: an OOM
 * can come at any time). API samples are capped at the CPU limit first, so a
 * jittery read cannot show more CPU than the container may use.
 */
function resources(input: SummaryInput, win: Pick<SteadyWindow, 'startMs' | 'endMs'> | null) {
  const inWindow = (s: StatsSample) => win !== null && s.t >= win.startMs && s.t <= win.endMs;
  const api = input.samples.filter((s) => s.container.startsWith('api'));
  const apiIn = api.filter(inWindow);
  const limit = input.cpus > 0 ? input.cpus * 100 : Infinity;
  const apiCpu = sumPerInstant(apiIn, (s) => Math.min(s.cpuPercentOfCore, limit));
  const locustCpu = input.samples.filter((s) => s.container.startsWith('locust') && inWindow(s)).map((s) => s.cpuPercentOfCore);
  const apiMeanCpu = mean(apiCpu);
  const numbers: ResourceNumbers = {
    apiPeakMemoryMb: round1(max(sumPerInstant(api, (s) => s.memoryBytes / MIB))),
    apiMeanMemoryMb: round1(mean(sumPerInstant(apiIn, (s) => s.memoryBytes / MIB))),
    apiPeakCpuPercent: round1(max(apiCpu)),
    apiMeanCpuPercent: round1(apiMeanCpu),
    locustPeakCpuPercent: round1(max(locustCpu)),
    locustMeanCpuPercent: round1(mean(locustCpu)),
  };
  return {
    numbers,
    apiMeanCores: apiMeanCpu === null ? null : apiMeanCpu / 100,
    cpuAboveLimit: apiIn.some((s) => s.cpuPercentOfCore > limit * (1 + CPU_LIMIT_TOLERANCE)),
    generatorSaturated: isSaturated(locustCpu),
    fewSamples: api.length < 5,
  };
}

/** Saturated when a fifth of the window's samples (and at least three) exceed the threshold. */
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

/** Flags in the contract's order, whichever order the rules were written in. */
const FLAG_ORDER: TrialFlag[] = [
  'generator-saturated', 'short-steady-window', 'no-requests', 'few-stats-samples', 'unstable', 'p95-trending',
  'crowd-mismatch', 'littles-law', 'censored-requests', 'cpu-above-limit', 'host-busy', 'no-request-samples',
];
function ordered(rules: Partial<Record<TrialFlag, boolean>>): TrialFlag[] {
  return FLAG_ORDER.filter((f) => rules[f]);
}

const max = (xs: number[]) => (xs.length ? xs.reduce((a, b) => Math.max(a, b), -Infinity) : null);
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
