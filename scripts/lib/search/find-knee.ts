/** A point of a latency-versus-users curve, as `findKnee` reads it. */
export interface LatencyPoint {
  /** Concurrent users. */
  users: number;
  /** 95th percentile in ms; points without one are skipped. */
  p95Ms: number | null;
}

/**
 * Users at the knee of a latency curve: where p95 stops being flat and starts to climb.
 * Kneedle-like: both axes are scaled to [0, 1] and the knee is the point farthest below the
 * chord from the first point to the last. Returns `null` with fewer than 3 distinct user counts,
 * or when no point lies below the chord (a flat, straight or concave curve has no knee).
 * When a user count appears twice, the later point wins, so pass steadier measurements last.
 */
export function findKnee(points: readonly LatencyPoint[]): number | null {
  const byUsers = new Map<number, number>();
  for (const p of points) if (p.p95Ms !== null && Number.isFinite(p.p95Ms)) byUsers.set(p.users, p.p95Ms);
  const curve = [...byUsers].map(([users, p95Ms]) => ({ users, p95Ms })).sort((a, b) => a.users - b.users);
  const first = curve[0];
  const last = curve[curve.length - 1];
  if (curve.length < 3 || first === undefined || last === undefined) return null;

  const ys = curve.map((p) => p.p95Ms);
  const yMin = Math.min(...ys);
  const ySpan = Math.max(...ys) - yMin;
  const xSpan = last.users - first.users;
  if (ySpan === 0) return null;
  const x = (users: number) => (users - first.users) / xSpan;
  const y = (p95: number) => (p95 - yMin) / ySpan;
  const chordAt = (xn: number) => y(first.p95Ms) + (y(last.p95Ms) - y(first.p95Ms)) * xn;

  let knee: number | null = null;
  let farthest = 1e-9; // below this, the point sits on the chord
  for (const p of curve.slice(1, -1)) {
    const below = chordAt(x(p.users)) - y(p.p95Ms);
    if (below > farthest) [knee, farthest] = [p.users, below];
  }
  return knee;
}
