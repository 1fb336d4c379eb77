import { engine } from './engine.ts';
import type { EventWatch } from './watch-events.ts';
import { withTimeout } from '../util/with-timeout.ts';

/** After the API dies, Locust runs this long to record the failures, then is stopped. */
const AFTER_DEATH_MS = 3_000;
/** A stopped Locust's exit must be reported by the engine within this; past it the engine counts as unresponsive. */
const STOPPED_EXIT_MS = 30_000;

export interface LocustEnd {
  exitCode: number | null;
  timedOut: boolean;
}

/**
 * Waits for Locust to exit by itself. If the API dies first, Locust gets a
 * few seconds to record the failures and is then stopped (it still writes
 * its CSVs on SIGTERM); past the outer bound it is killed.
 */
export async function waitLocust(locustId: string, apiIds: string[], events: EventWatch, boundS: number, signal?: AbortSignal): Promise<LocustEnd> {
  const locust = engine().getContainer(locustId);
  const exited = locust.wait().then((r: { StatusCode: number }) => ({ exitCode: r.StatusCode, timedOut: false }));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((r) => { timer = setTimeout(() => r('timeout'), boundS * 1000); });
  const apiDied = events.next((e) => apiIds.includes(e.id) && e.action === 'die').then(() => 'api-died' as const);
  let onAbort = () => {};
  const aborted = new Promise<'aborted'>((r) => {
    onAbort = () => r('aborted');
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const first = await Promise.race([exited, timeout, apiDied, aborted]);
    // Every wait on the engine is bounded: a wait whose connection died never settles.
    const stoppedExit = () => withTimeout(exited, STOPPED_EXIT_MS).catch(() => ({ exitCode: null, timedOut: true }));
    if (first === 'api-died') {
      const settled = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), AFTER_DEATH_MS))]);
      if (settled) return settled;
      await locust.stop({ t: 15 }).catch(() => undefined);
      return await stoppedExit();
    }
    if (first === 'timeout' || first === 'aborted') {
      await locust.stop({ t: 5 }).catch(() => undefined);
      const r = await stoppedExit();
      return { exitCode: r.exitCode, timedOut: first === 'timeout' };
    }
    return first;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
