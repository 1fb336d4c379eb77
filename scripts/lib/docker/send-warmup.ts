import type { WarmupRequest } from '../results/types.ts';

/** Sends the warm-up request (its method, and its JSON body if any); any answer or failure is returned, never thrown. */
export async function sendWarmup(baseUrl: string, warmup: WarmupRequest): Promise<{ ok: boolean; status: number | null; error: string | null }> {
  const hasBody = warmup.body !== null && warmup.body !== undefined;
  try {
    const res = await fetch(new URL(warmup.path, baseUrl), {
      // Results written before the method was recorded sent a POST.
      method: warmup.method ?? 'POST',
      ...(hasBody ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(warmup.body) } : {}),
      signal: AbortSignal.timeout(warmup.timeoutS * 1000),
    });
    await res.arrayBuffer();
    return { ok: res.ok, status: res.status, error: null };
  } catch (err) {
    return { ok: false, status: null, error: (err as Error).message };
  }
}
