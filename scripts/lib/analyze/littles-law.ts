import type { LittlesLaw, RequestSample } from '../results/types.ts';
import type { SteadyWindow } from './steady-window.ts';

/**
 * Little's law is flagged when |X·(R+Z) − N| / N exceeds this. 10 %: the
 * window's edges (requests straddling its start and end) and a 1-request
 * cycle's rounding stay well below it on a healthy closed loop, while users
 * stuck in requests that never finish show up as tens of percent.
 */
export const LITTLE_TOLERANCE = 0.1;

/**
 * Closed-loop Little's law: N users each cycle through a response (R) and a
 * think time (Z), so N ≈ X·(R + Z) with X in finished requests per second.
 * A prediction well below N means users were somewhere the window does not
 * see: in requests that never finished, or waiting in Locust itself.
 * `null` without users to compare with.
 */
export function littlesLaw(input: { users: number; rps: number; meanResponseS: number; thinkTimeS: number }): LittlesLaw | null {
  if (!(input.users > 0)) return null;
  const predictedUsers = input.rps * (input.meanResponseS + input.thinkTimeS);
  return { users: input.users, predictedUsers, deviation: Math.abs(predictedUsers - input.users) / input.users };
}

/**
 * Mean think time, s: for each user, the gap between one request's end
 * (start + latency) and that user's next request start, pooled over all users
 * (each gap weighs the same, as each request cycle does in Little's law).
 * Only gaps that lie within the window count: the end at or after its start,
 * the next start at or before its end. A censored request has no end and
 * gives no gap. Overlapping requests of one user (a user that fires
 * concurrently) count as zero think time. `null` when no gap was seen.
 */
export function thinkTime(samples: readonly RequestSample[], window: Pick<SteadyWindow, 'startMs' | 'endMs'>): number | null {
  const byUser = new Map<string, RequestSample[]>();
  for (const s of samples) {
    const list = byUser.get(s.user);
    if (list) list.push(s);
    else byUser.set(s.user, [s]);
  }
  let total = 0;
  let gaps = 0;
  for (const list of byUser.values()) {
    list.sort((a, b) => a.startMs - b.startMs);
    for (let i = 0; i + 1 < list.length; i++) {
      const prev = list[i]!;
      const next = list[i + 1]!;
      if (prev.status === 'censored') continue;
      const end = prev.startMs + prev.latencyMs;
      if (end < window.startMs || next.startMs > window.endMs) continue;
      total += Math.max(0, next.startMs - end);
      gaps++;
    }
  }
  return gaps ? total / gaps / 1000 : null;
}
