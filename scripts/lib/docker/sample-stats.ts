import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { engine } from './engine.ts';
import { memoryWithoutCache, toStatsSample, type RawDockerStats } from './stats-formula.ts';
import type { StatsSample } from '../results/types.ts';

export interface SampledContainer {
  /** ID to stream stats from. */
  id: string;
  /** Name written into each sample (`api`, `locust`). */
  name: string;
  /** CPU limit in cores, for percent-of-limit; `null` when unlimited. */
  cpus: number | null;
  /** Also count its processes (the API's: a lazy load or a restarted worker shows there); each sample then carries the latest count. */
  countProcesses?: boolean;
}

/** The API's memory at the moment it turned healthy. */
export interface HealthMemory {
  t: number;
  bytes: Record<string, number>;
}

/**
 * How often the processes are counted. The engine's `top` runs `ps` over the
 * host's whole process table (tens of milliseconds of host CPU), so it is read
 * less often than the stats stream; a worker lives far longer than 2 s.
 */
const PROCESS_POLL_MS = 2_000;

/**
 * Memory at health is read when two readings this far apart differ by less
 * than SETTLE_MB: an idle server allocates nothing measurable in half a
 * second, a process loading a model hundreds of MiB a second.
 */
const SETTLE_STEP_MS = 500;
const SETTLE_MB = 8;
const SETTLE_CAP_MS = 10_000;

export interface StatsSampler {
  /** Samples written so far, per container name. */
  counts: Record<string, number>;
  /** Latest sample per container, for progress display. */
  latest: Record<string, StatsSample>;
  /**
   * Reads the memory of each container whose processes are counted as the API turns healthy,
   * before its first request, into `health`, once it has settled: a server answers its health
   * check as soon as one worker is up (gunicorn's arbiter holds the socket) while others still
   * load at startup, and that is no step after the first requests. The wait is short for an
   * idle server (half a second) and at most SETTLE_CAP_MS; memory still moving by then is not
   * kept (`bytes` empty: the step is not judged). The stream's 1 Hz readings are no substitute:
   * a load at startup may end within the second before the first request.
   */
  markHealthy(): Promise<void>;
  /** What `markHealthy` read: when, and bytes by container name; `null` before. */
  health: HealthMemory | null;
  /** Stops every stream; resolves when they are closed. */
  stop(): Promise<void>;
}

/**
 * Follows the engine's stats stream (one reading a second) of each container
 * and appends one StatsSample a line to `out`. A stream ends by itself when
 * its container stops, which is data, not an error.
 */
export function sampleStats(out: Writable): { add(c: SampledContainer): Promise<void> } & StatsSampler {
  const streams: NodeJS.ReadableStream[] = [];
  const readers: { close(): void }[] = [];
  const done: Promise<void>[] = [];
  const counts: Record<string, number> = {};
  const latest: Record<string, StatsSample> = {};
  const pollers: NodeJS.Timeout[] = [];
  const counted: SampledContainer[] = [];
  return {
    counts,
    latest,
    async add(c) {
      const stream = (await engine().getContainer(c.id).stats({ stream: true })) as unknown as NodeJS.ReadableStream;
      streams.push(stream);
      counts[c.name] ??= 0;
      const lines = createInterface({ input: stream as NodeJS.ReadableStream, crlfDelay: Infinity });
      readers.push(lines);
      let processes: number | undefined;
      if (c.countProcesses) {
        counted.push(c);
        const count = () => void countProcesses(c.id).then((n) => { if (n !== null) processes = n; });
        count();
        pollers.push(setInterval(count, PROCESS_POLL_MS));
      }
      done.push(
        (async () => {
          try {
            for await (const line of lines) {
              if (!line.trim()) continue;
              const sample = toStatsSample(JSON.parse(line) as RawDockerStats, c.name, c.cpus);
              // The first reading has no previous one to diff against; its CPU is meaningless.
              if (sample === null) continue;
              if (processes !== undefined) sample.processes = processes;
              out.write(JSON.stringify(sample) + '\n');
              counts[c.name] = (counts[c.name] ?? 0) + 1;
              latest[c.name] = sample;
            }
          } catch {
            // A stream cut by stop() or by the container's death ends sampling, nothing more.
          }
        })(),
      );
    },
    health: null,
    async markHealthy() {
      // Settled: two readings SETTLE_STEP_MS apart within SETTLE_MB of each other, in every container.
      let before: Record<string, number> | null = null;
      for (const started = Date.now(); ;) {
        const now = await readMemory(counted);
        const settled = before !== null && Object.entries(now).every(([name, bytes]) => Math.abs(bytes - (before![name] ?? -Infinity)) < SETTLE_MB * 1048576);
        if (settled || Date.now() - started >= SETTLE_CAP_MS) {
          this.health = { t: Date.now(), bytes: settled ? now : {} };
          return;
        }
        before = now;
        await new Promise((resolve) => setTimeout(resolve, SETTLE_STEP_MS));
      }
    },
    async stop() {
      for (const p of pollers) clearInterval(p);
      // Closing readline ends its iterator; destroying the socket alone would leave it waiting.
      for (const r of readers) r.close();
      for (const s of streams) (s as unknown as { destroy(): void }).destroy();
      await Promise.all(done);
    },
  };
}

/** Memory of each container now (bytes, as the samples count them), by name; one-shot, so the engine answers at once instead of waiting a second for a CPU delta. */
async function readMemory(containers: readonly SampledContainer[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const c of containers) {
    const raw = (await engine().getContainer(c.id).stats({ stream: false, 'one-shot': true } as { stream: false }).catch(() => null)) as RawDockerStats | null;
    const usage = raw?.memory_stats?.usage;
    if (usage !== undefined) out[c.name] = memoryWithoutCache(usage, raw!.memory_stats.stats ?? {});
  }
  return out;
}

/** Processes in the container's PID namespace, as `docker top` lists them; `null` when it cannot be read (stopped, gone). */
async function countProcesses(id: string): Promise<number | null> {
  try {
    const top = (await engine().getContainer(id).top()) as { Processes?: unknown[][] | null };
    return top.Processes?.length ?? 0;
  } catch {
    return null;
  }
}
