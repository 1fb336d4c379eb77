/** A memory limit to put in the compose file, with the margin it carries. Proposed for the result contract. */
export interface LimitRecommendation {
  /** Recommended limit, MiB: a multiple of `roundedToMb`. */
  limitMb: number;
  /** The floor it was derived from (minimum to stay up under load), MiB. */
  floorMb: number;
  /** Fraction added above the floor before rounding (0.15 = 15%). */
  headroom: number;
  /** Rounding step, MiB. */
  roundedToMb: number;
  /** One sentence with the arithmetic, for the report. */
  reason: string;
}

/**
 * Adds headroom to the under-load floor and rounds up to 64 MiB. The headroom exists because
 * the model's memory varies between restarts (the workshop saw it) and each probe shows only
 * one start. 64 MiB steps keep the number readable in a compose file.
 */
export function recommendLimit(floorUnderLoadMb: number, headroom = 0.15, roundedToMb = 64): LimitRecommendation {
  if (!(headroom >= 0)) throw new RangeError(`headroom must be >= 0, got ${headroom}`);
  if (!(roundedToMb > 0)) throw new RangeError(`roundedToMb must be > 0, got ${roundedToMb}`);
  // Round away float noise first: 3200 × 1.1 is 3520.0000000000005, which would round up to 3584.
  const raw = Math.round(floorUnderLoadMb * (1 + headroom) * 1e6) / 1e6;
  const limitMb = Math.ceil(raw / roundedToMb) * roundedToMb;
  const pct = Math.round(headroom * 1000) / 10;
  return {
    limitMb,
    floorMb: floorUnderLoadMb,
    headroom,
    roundedToMb,
    reason: `floor ${floorUnderLoadMb} MiB + ${pct}% headroom = ${raw} MiB, rounded up to ${limitMb} MiB (a multiple of ${roundedToMb})`,
  };
}
