/**
 * When one latency flattens the rest of a chart, and what the chart does
 * about it. Lines switch to a log axis; bars (whose length must stay
 * proportional) keep a linear axis cut at a stated value, the cut bars marked.
 */

/** The rule: the largest value is over 10 × the median or over 5 × the 90th percentile of the plotted values. */
export const OUTLIER_OVER_MEDIAN = 10;
export const OUTLIER_OVER_P90 = 5;

/** Nearest-rank quantile of sorted values. */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export interface Spread {
  max: number;
  median: number;
  /** True when the rule holds: drawn linearly, the other values would be squeezed into the bottom of the axis. */
  outlying: boolean;
}

/** The spread of the positive values (the only ones a log axis can show); `null` with fewer than three. */
export function spreadOf(values: readonly (number | null)[]): Spread | null {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v) && v > 0).sort((a, b) => a - b);
  if (sorted.length < 3) return null;
  const max = sorted[sorted.length - 1]!;
  const median = quantile(sorted, 0.5);
  return { max, median, outlying: max > OUTLIER_OVER_MEDIAN * median || max > OUTLIER_OVER_P90 * quantile(sorted, 0.9) };
}

/** 1, 2 or 5 times a power of ten, the first at or above `value`. */
export function niceCeil(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((nice) => nice >= value)!;
}

/**
 * Where a bar axis is cut: a nice value above 3 × the median and above any
 * limit drawn on the axis (the SLO line must stay in view); `null` when that
 * would not cut the largest bar.
 */
export function clipValue(spread: Spread | null, limit: number | null = null): number | null {
  if (spread === null || !spread.outlying) return null;
  const clip = niceCeil(Math.max(3 * spread.median, (limit ?? 0) * 1.2));
  return clip < spread.max ? clip : null;
}
