import { connect } from 'node:net';
import type { TrialHealth } from '../results/types.ts';
import { engine } from './engine.ts';

export interface HealthResult {
  healthy: boolean;
  /** Milliseconds until the first ready answer, or until giving up. */
  waitedMs: number;
  /** The container stopped while we waited. */
  exited: boolean;
}

/** Where the lab reaches the API: HTTP through the published loopback port, TCP at each container's own address. */
export interface HealthProbeTarget {
  /** `http://127.0.0.1:PORT` of the entry (the API, or nginx in front of replicas). */
  baseUrl: string;
  /**
   * `host:port` addresses a TCP check connects to. The published port is no
   * use for it: Docker's proxy accepts a connection on it even when nothing
   * listens inside the container.
   */
  tcp: string[];
}

/**
 * Polls until the API is ready (HTTP: GET `path` answers `status`; TCP: every
 * address accepts a connection), one of the containers stops, the bound
 * passes or the run is aborted. Each probe has its own short timeout.
 */
export async function waitHealthy(check: TrialHealth, at: HealthProbeTarget, containerIds: string[], timeoutMs: number, signal?: AbortSignal): Promise<HealthResult> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs && !signal?.aborted) {
    if (await probeOnce(check, at)) return { healthy: true, waitedMs: Date.now() - started, exited: false };
    const states = await Promise.all(containerIds.map((id) => engine().getContainer(id).inspect().then((i) => i.State, () => null)));
    if (states.some((state) => !state?.Running)) return { healthy: false, waitedMs: Date.now() - started, exited: true };
    await new Promise((r) => setTimeout(r, 500));
  }
  return { healthy: false, waitedMs: Date.now() - started, exited: false };
}

/** One probe: true when the API answered as ready. */
export async function probeOnce(check: TrialHealth, at: HealthProbeTarget): Promise<boolean> {
  if (check.kind === 'http') {
    return fetch(new URL(check.path, at.baseUrl), { signal: AbortSignal.timeout(2_000), redirect: 'manual' })
      .then(async (r) => {
        await r.arrayBuffer().catch(() => undefined);
        return r.status === check.status;
      }, () => false);
  }
  if (at.tcp.length === 0) return false;
  return (await Promise.all(at.tcp.map(tcpOpen))).every(Boolean);
}

/** True when `host:port` accepts a TCP connection within 2 s. */
export function tcpOpen(address: string): Promise<boolean> {
  const i = address.lastIndexOf(':');
  return new Promise((resolve) => {
    const socket = connect({ host: address.slice(0, i), port: Number(address.slice(i + 1)), timeout: 2_000 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}
