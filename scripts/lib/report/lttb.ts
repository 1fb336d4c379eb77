/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson, 2013).
 *
 * A 10-minute trial at 1 Hz has 600 points per series; a chart 640 px wide
 * cannot show more than a few hundred, and 200 such charts would make the page
 * heavy. LTTB keeps the first and last points and, per bucket, the point that
 * spans the largest triangle with its neighbours, so peaks (an OOM spike, a
 * latency burst) survive where plain striding would skip them. Drawing only:
 * the raw CSV and NDJSON files stay linked from the report.
 */
export function lttb<T>(points: readonly T[], threshold: number, x: (p: T) => number, y: (p: T) => number): T[] {
  const n = points.length;
  if (n <= threshold || n <= 2) return [...points];
  // Fewer than 3 points leaves no bucket to choose from: the ends are the shape.
  if (threshold < 3) return [points[0]!, points[n - 1]!];

  const sampled: T[] = [points[0]!];
  // The first and last points are fixed; the rest is split into threshold - 2 buckets.
  const bucketSize = (n - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    // Average of the next bucket: the third corner of the triangle.
    const nextStart = Math.floor((i + 1) * bucketSize) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * bucketSize) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += x(points[j]!);
      avgY += y(points[j]!);
    }
    const count = Math.max(nextEnd - nextStart, 1);
    avgX /= count;
    avgY /= count;

    const start = Math.floor(i * bucketSize) + 1;
    const end = Math.floor((i + 1) * bucketSize) + 1;
    const ax = x(points[a]!);
    const ay = y(points[a]!);
    let maxArea = -1;
    let chosen = start;
    for (let j = start; j < end; j++) {
      const area = Math.abs((ax - avgX) * (y(points[j]!) - ay) - (ax - x(points[j]!)) * (avgY - ay));
      if (area > maxArea) {
        maxArea = area;
        chosen = j;
      }
    }
    sampled.push(points[chosen]!);
    a = chosen;
  }
  sampled.push(points[n - 1]!);
  return sampled;
}
