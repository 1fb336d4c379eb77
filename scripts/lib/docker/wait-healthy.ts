import { engine } from './engine.ts';

export interface HealthResult {
  healthy: boolean;
  /** Milliseconds until the first 200, or until giving up. */
  waitedMs: number;
  /** The container stopped while we waited. */
  exited: boolean;
}

/**
 * Polls `url` until it answers 200, one of the containers stops, the bound passes or
 * the run is aborted. Each probe has its own short timeout.
 */
export async function waitHealthy(url: string, containerIds: string[], timeoutMs: number, signal?: AbortSignal): Promise<HealthResult> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs && !signal?.aborted) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
    if (ok) return { healthy: true, waitedMs: Date.now() - started, exited: false };
    const states = await Promise.all(containerIds.map((id) => engine().getContainer(id).inspect().then((i) => i.State, () => null)));
    if (states.some((state) => !state?.Running)) return { healthy: false, waitedMs: Date.now() - started, exited: true };
    await new Promise((r) => setTimeout(r, 500));
  }
  return { healthy: false, waitedMs: Date.now() - started, exited: false };
}
