/** What one closed-loop user saw. */
export interface ClosedLoopResult {
  /** Latency of each answered request, ms, in order. */
  latenciesMs: number[];
  /** From the first request's start to the last one's end, s. */
  elapsedS: number;
  /** Why the loop stopped early (a failed or timed-out request); `null` when it ran its time. */
  error: string | null;
}

/**
 * One user, no think time: POST `body` to `url`, wait for the answer, send the
 * next, until `durationS` has passed (or `maxRequests` were answered). With one request in flight there is no
 * queue, so each latency is service time plus the loopback round trip.
 * Node's fetch keeps the connection alive, so no request pays a TCP handshake.
 * Stops at the first failure: a probe with a failed request measures nothing.
 * Bounded: it ends by `durationS` plus one `requestTimeoutMs`.
 */
export async function closedLoop(
  url: string,
  body: string,
  durationS: number,
  requestTimeoutMs: number,
  signal?: AbortSignal,
  maxRequests = Infinity,
): Promise<ClosedLoopResult> {
  const latenciesMs: number[] = [];
  const start = performance.now();
  const end = start + durationS * 1000;
  let last = start;
  let error: string | null = null;
  while (performance.now() < end && latenciesMs.length < maxRequests) {
    if (signal?.aborted) {
      error = 'aborted';
      break;
    }
    const t0 = performance.now();
    try {
      const timeout = AbortSignal.timeout(requestTimeoutMs);
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      // Reading the body is part of the request: the answer is not there before it.
      await res.arrayBuffer();
      if (!res.ok) {
        error = `HTTP ${res.status}`;
        break;
      }
    } catch (err) {
      error = (err as Error).message;
      break;
    }
    last = performance.now();
    latenciesMs.push(last - t0);
  }
  return { latenciesMs, elapsedS: (last - start) / 1000, error };
}
