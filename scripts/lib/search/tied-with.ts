import type { Interval, PointMeasurement } from '../results/types.ts';

/**
 * The setups that cannot be told apart from `bestId`: at every crowd both
 * measured, their throughput intervals overlap and so do their p95 intervals.
 * Such setups are a tie and the report names them together. Pure.
 */
export function tiedWith(
  bestId: string | null,
  candidates: readonly string[],
  cells: readonly { configId: string; users: number; point: PointMeasurement | null }[],
): string[] {
  if (bestId === null) return [];
  const at = (id: string, users: number) => cells.find((c) => c.configId === id && c.users === users)?.point ?? null;
  const best = cells.filter((c) => c.configId === bestId);
  return candidates.filter((id) => id !== bestId && best.every((b) => {
    const other = at(id, b.users);
    return b.point !== null && other !== null && overlaps(b.point.rpsInterval, other.rpsInterval) && overlaps(b.point.p95Interval, other.p95Interval);
  }));
}

/** Two intervals share a point; a missing one overlaps nothing. */
export function overlaps(a: Interval | null, b: Interval | null): boolean {
  return a !== null && b !== null && a.low <= b.high && b.low <= a.high;
}
