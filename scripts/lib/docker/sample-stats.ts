import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { engine } from './engine.ts';
import { toStatsSample, type RawDockerStats } from './stats-formula.ts';
import type { StatsSample } from '../results/types.ts';

export interface SampledContainer {
  /** ID to stream stats from. */
  id: string;
  /** Name written into each sample (`api`, `locust`). */
  name: string;
  /** CPU limit in cores, for percent-of-limit; `null` when unlimited. */
  cpus: number | null;
}

export interface StatsSampler {
  /** Samples written so far, per container name. */
  counts: Record<string, number>;
  /** Latest sample per container, for progress display. */
  latest: Record<string, StatsSample>;
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
  return {
    counts,
    latest,
    async add(c) {
      const stream = (await engine().getContainer(c.id).stats({ stream: true })) as unknown as NodeJS.ReadableStream;
      streams.push(stream);
      counts[c.name] ??= 0;
      const lines = createInterface({ input: stream as NodeJS.ReadableStream, crlfDelay: Infinity });
      readers.push(lines);
      done.push(
        (async () => {
          try {
            for await (const line of lines) {
              if (!line.trim()) continue;
              const sample = toStatsSample(JSON.parse(line) as RawDockerStats, c.name, c.cpus);
              // The first reading has no previous one to diff against; its CPU is meaningless.
              if (sample === null) continue;
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
    async stop() {
      // Closing readline ends its iterator; destroying the socket alone would leave it waiting.
      for (const r of readers) r.close();
      for (const s of streams) (s as unknown as { destroy(): void }).destroy();
      await Promise.all(done);
    },
  };
}
