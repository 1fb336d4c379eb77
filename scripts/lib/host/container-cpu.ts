import { engine } from '../docker/engine.ts';
import { withTimeout } from '../util/with-timeout.ts';

/**
 * The container's cumulative cgroup CPU time, ns (`cpu_stats.cpu_usage.total_usage`).
 * `one-shot` (API 1.41+) answers at once; without it the engine waits about a
 * second for a second reading that only `precpu_stats` needs. Older engines
 * ignore the flag and are just slower.
 */
export async function containerCpuNs(containerId: string, timeoutMs: number): Promise<number> {
  const stats = (await withTimeout(
    engine().getContainer(containerId).stats({ stream: false, 'one-shot': true } as { stream: false }),
    timeoutMs,
  )) as unknown as { cpu_stats?: { cpu_usage?: { total_usage?: number } } };
  const ns = stats.cpu_stats?.cpu_usage?.total_usage;
  if (typeof ns !== 'number' || !Number.isFinite(ns)) throw new Error('the engine returned no CPU time for the calibration container (is it running?)');
  return ns;
}
