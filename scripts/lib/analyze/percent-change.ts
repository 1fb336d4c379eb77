/** (after / before − 1) × 100, one decimal; `null` when either is missing or `before` is 0. */
export function percentChange(before: number | null | undefined, after: number | null | undefined): number | null {
  if (before === null || before === undefined || after === null || after === undefined || before === 0) return null;
  return Math.round((after / before - 1) * 1000) / 10;
}
