import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { sampleStats, type SampledContainer, type StatsSampler } from '../docker/sample-stats.ts';
import { watchEvents, type EventWatch } from '../docker/watch-events.ts';
import { locustCsv, STATS_NDJSON } from '../collect/collect-trial.ts';
import { latestAggregated } from '../locust/latest-history.ts';
import type { StabilityWatch } from '../locust/stop-when-stable.ts';
import { LOCUST_SERVICE } from '../compose/trial-compose.ts';
import type { ReportProgress } from './trial-context.ts';
import { apiName } from './trial-containers.ts';

/** What the lab sees of a trial while it runs: the engine's events and each container's stats. */
export interface TrialObserver {
  events: EventWatch;
  sampler: StatsSampler;
  /** Adds a container to the stats sampling (one reading a second, into the trial's stats file). */
  sample: (c: SampledContainer) => Promise<void>;
  /** Ends the stats sampling and closes its file; the event watch stays until `events.stop()`. */
  stopSampling(): Promise<void>;
}

/**
 * Starts watching the engine's events for `labelFilter` and opens the
 * trial's stats file; containers join the sampling as they appear.
 */
export async function observeTrial(dir: string, labelFilter: string[]): Promise<TrialObserver> {
  const events = await watchEvents(labelFilter);
  const statsFile = createWriteStream(path.join(dir, STATS_NDJSON));
  const sampler = sampleStats(statsFile);
  return {
    events,
    sampler,
    sample: (c) => sampler.add(c),
    async stopSampling() {
      await sampler.stop();
      statsFile.end();
      await once(statsFile, 'close').catch(() => undefined);
    },
  };
}

/**
 * Reports the load every 2 s from Locust's history file, the stability watch
 * and the latest stats samples; returns the timer to clear.
 */
export function reportLoad(
  dir: string, progress: ReportProgress, sampler: StatsSampler,
  at: { loadStartedAt: number; apiCount: number; watch: StabilityWatch | null },
): NodeJS.Timeout {
  const historyFile = path.join(dir, locustCsv('stats_history'));
  const api = apiName(0, at.apiCount);
  return setInterval(() => void latestAggregated(historyFile).then((row) => progress({
    phase: 'load',
    elapsedS: Math.round((Date.now() - at.loadStartedAt) / 1000),
    users: row?.users ?? null,
    rps: row?.rps ?? null,
    p95Ms: row?.percentiles['95%'] ?? null,
    windowS: at.watch?.latest?.windowS ?? null,
    stable: at.watch?.latest ? at.watch.latest.stability?.stable ?? false : null,
    apiCpuPercent: sampler.latest[api]?.cpuPercentOfLimit ?? null,
    apiMemoryMb: mib(sampler.latest[api]?.memoryBytes),
    locustCpuPercent: sampler.latest[LOCUST_SERVICE]?.cpuPercentOfCore ?? null,
  })), 2_000);
}

const mib = (bytes: number | undefined) => (bytes === undefined ? null : Math.round(bytes / 1048576));
