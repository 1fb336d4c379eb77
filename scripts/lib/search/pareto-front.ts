/** A candidate on the throughput / latency / resources trade-off. */
export interface ParetoPoint {
  /** Configuration id. */
  id: string;
  /** Requests per second (more is better). */
  rps: number;
  /** p95 in ms (less is better). */
  p95Ms: number;
  /** CPU limit, cores (less is better). */
  cpus: number;
  /** Memory limit, MiB (less is better). */
  memoryMb: number;
}

/**
 * Ids of the points no other point dominates: at least as good on RPS, p95, CPUs and memory and
 * better on one. Identical points do not dominate each other, so both stay. Input order is kept.
 */
export function findParetoFront(points: readonly ParetoPoint[]): string[] {
  return points.filter((p) => !points.some((o) => dominates(o, p))).map((p) => p.id);
}

function dominates(a: ParetoPoint, b: ParetoPoint): boolean {
  const noWorse = a.rps >= b.rps && a.p95Ms <= b.p95Ms && a.cpus <= b.cpus && a.memoryMb <= b.memoryMb;
  const better = a.rps > b.rps || a.p95Ms < b.p95Ms || a.cpus < b.cpus || a.memoryMb < b.memoryMb;
  return noWorse && better;
}
