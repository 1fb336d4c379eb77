import type { FailureRow, RequestSample } from '../results/types.ts';

/**
 * Locust writes a failure's first and last seen times only from 2.44 on; the
 * lab's request samples have them for any version: the first and the last
 * failed request of the row's method and name, at the time it ended (when
 * Locust counts it). The samples carry no error text, so when a method and
 * name failed with several errors, each of its rows gets the times of all its
 * failures and `seenScope: 'endpoint'` says so. Times Locust wrote are kept.
 */
export function withSeenTimes(failures: FailureRow[], requests: readonly RequestSample[]): FailureRow[] {
  const key = (method: string, name: string) => `${method}\u0000${name}`;
  const rowsPerKey = new Map<string, number>();
  for (const row of failures) rowsPerKey.set(key(row.method, row.name), (rowsPerKey.get(key(row.method, row.name)) ?? 0) + 1);
  const seen = new Map<string, { first: number; last: number }>();
  for (const request of requests) {
    if (request.status !== 'fail') continue;
    const k = key(request.method, request.name);
    if (!rowsPerKey.has(k)) continue;
    const end = request.startMs + request.latencyMs;
    const range = seen.get(k);
    if (range === undefined) seen.set(k, { first: end, last: end });
    else {
      range.first = Math.min(range.first, end);
      range.last = Math.max(range.last, end);
    }
  }
  return failures.map((row) => {
    const range = seen.get(key(row.method, row.name));
    if (range === undefined || (row.firstSeen !== null && row.lastSeen !== null)) return row;
    const shared = rowsPerKey.get(key(row.method, row.name))! > 1;
    return { ...row, firstSeen: row.firstSeen ?? isoTime(range.first), lastSeen: row.lastSeen ?? isoTime(range.last), ...(shared ? { seenScope: 'endpoint' as const } : {}) };
  });
}

const isoTime = (ms: number): string => new Date(Math.round(ms)).toISOString();
