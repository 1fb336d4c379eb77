import type { UslFit } from '../results/types.ts';

export type { UslFit };

/** Throughput X (req/s) measured with N users. */
export interface UslPoint {
  users: number;
  rps: number;
}


/** Fewer distinct crowd sizes than this cannot pin three parameters. */
export const USL_MIN_CROWDS = 3;

/**
 * Least-squares fit of the USL, deterministic and closed-form. N/X is linear
 * in the parameters: N/X = a + b(N−1) + c·N(N−1) with a = 1/λ, b = σ/λ,
 * c = κ/λ. Weighted least squares with weights (X/N)² minimises the relative
 * residuals of N/X, which to first order are the relative residuals of X, so
 * a 10-user point counts as much as a 1000-user one. σ and κ must not be
 * negative: each way of pinning b, c or both at 0 is solved too, and the
 * feasible solution with the smallest weighted error wins (exact for two
 * bounded parameters). `null` with fewer than `USL_MIN_CROWDS` distinct crowd
 * sizes (repeats at one N are kept and weigh in).
 */
export function fitUsl(points: readonly UslPoint[]): UslFit | null {
  for (const p of points) {
    if (!(p.users >= 1 && Number.isFinite(p.users) && p.rps > 0 && Number.isFinite(p.rps))) {
      throw new RangeError(`USL point ${p.users} users, ${p.rps} req/s is not measurable: leave out trials that served no requests`);
    }
  }
  if (new Set(points.map((p) => p.users)).size < USL_MIN_CROWDS) return null;

  const rows = points.map((p) => {
    const y = p.users / p.rps;
    return { y, w: 1 / (y * y), x: [1, p.users - 1, p.users * (p.users - 1)] as const };
  });
  let best: { coef: number[]; sse: number } | null = null;
  // Columns kept: always a; b and/or c may be pinned at 0.
  for (const cols of [[0, 1, 2], [0, 1], [0, 2], [0]]) {
    const solved = weightedLeastSquares(rows, cols);
    if (!solved) continue;
    const coef = [0, 0, 0];
    cols.forEach((c, i) => (coef[c] = solved[i]!));
    if (!(coef[0]! > 0) || coef[1]! < 0 || coef[2]! < 0) continue;
    const sse = rows.reduce((s, r) => s + r.w * (r.y - dot(coef, r.x)) ** 2, 0);
    if (!best || sse < best.sse) best = { coef, sse };
  }
  if (!best) return null;

  const [a, b, c] = best.coef as [number, number, number];
  const lambda = 1 / a;
  const sigma = b / a;
  const kappa = c / a;
  const predict = (n: number) => (lambda * n) / (1 + sigma * (n - 1) + kappa * n * (n - 1));
  const rms = Math.sqrt(points.reduce((s, p) => s + ((predict(p.users) - p.rps) / p.rps) ** 2, 0) / points.length);
  return {
    lambda, sigma, kappa, rmsRelativeResidual: rms,
    peakUsers: kappa > 0 && sigma < 1 ? Math.sqrt((1 - sigma) / kappa) : null,
    points: points.length,
  };
}

type Row = { y: number; w: number; x: readonly number[] };

/**
 * Solves the normal equations (XᵀWX)β = XᵀWy over the chosen columns; `null`
 * when singular. Columns are scaled to a largest entry of 1 first: N(N−1)
 * reaches 10⁶ at 1000 users, and unscaled normal equations would lose the
 * small terms.
 */
function weightedLeastSquares(rows: Row[], cols: number[]): number[] | null {
  const k = cols.length;
  const scale = cols.map((c) => Math.max(...rows.map((r) => Math.abs(r.x[c]!))));
  if (scale.some((s) => s === 0)) return null;
  const m = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  for (const r of rows) {
    const x = cols.map((c, i) => r.x[c]! / scale[i]!);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) m[i]![j]! += r.w * x[i]! * x[j]!;
      m[i]![k]! += r.w * x[i]! * r.y;
    }
  }
  return solve(m)?.map((b, i) => b / scale[i]!) ?? null;
}

/** Gauss-Jordan elimination with partial pivoting on an augmented k × (k+1) matrix. */
function solve(m: number[][]): number[] | null {
  const k = m.length;
  const scale = Math.max(...m.map((row) => Math.max(...row.slice(0, k).map(Math.abs))));
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (Math.abs(m[pivot]![col]!) <= scale * 1e-12) return null;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= k; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  return m.map((row, i) => row[k]! / row[i]!);
}

const dot = (coef: number[], x: readonly number[]) => coef[0]! * x[0]! + coef[1]! * x[1]! + coef[2]! * x[2]!;
