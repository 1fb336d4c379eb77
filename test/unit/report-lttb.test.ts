import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lttb } from '../../scripts/lib/report/lttb.ts';

type P = { s: number; v: number };
const x = (p: P) => p.s;
const y = (p: P) => p.v;
const series = (n: number, f: (i: number) => number): P[] => Array.from({ length: n }, (_, i) => ({ s: i, v: f(i) }));

test('returns every point when there are no more than the threshold', () => {
  const points = series(10, (i) => i * 2);
  assert.equal(lttb(points, 10, x, y), points);
  assert.equal(lttb(points, 50, x, y), points);
  assert.equal(lttb([], 5, x, y), []);
});

test('returns exactly threshold points, first and last kept, in order', () => {
  const points = series(600, (i) => Math.sin(i / 20) * 100);
  const sampled = lttb(points, 120, x, y);
  assert.is(sampled.length, 120);
  assert.is(sampled[0], points[0]);
  assert.is(sampled.at(-1), points.at(-1));
  for (let i = 1; i < sampled.length; i++) assert.ok(sampled[i]!.s > sampled[i - 1]!.s, 'strictly increasing x');
  assert.ok(sampled.every((p) => points.includes(p)), 'a subset of the input, not new points');
});

test('keeps a one-second spike that striding would miss', () => {
  // A flat memory line with one spike at an odd second (an OOM-bound allocation).
  const points = series(600, (i) => (i === 301 ? 950 : 200));
  const sampled = lttb(points, 60, x, y);
  assert.ok(sampled.some((p) => p.v === 950), 'the spike survives');
  const strided = points.filter((_, i) => i % 10 === 0);
  assert.not.ok(strided.some((p) => p.v === 950), 'plain striding loses it');
});

test('keeps both extremes of an oscillating series', () => {
  const points = series(1000, (i) => (i % 50 < 25 ? 0 : 100) + (i === 760 ? -40 : 0));
  const sampled = lttb(points, 100, x, y);
  assert.is(Math.min(...sampled.map(y)), -40);
  assert.is(Math.max(...sampled.map(y)), 100);
});

test('a threshold below 3 keeps only the ends', () => {
  const points = series(100, (i) => i);
  assert.equal(lttb(points, 2, x, y), [points[0], points[99]]);
  assert.equal(lttb(points, 0, x, y), [points[0], points[99]]);
});

test.run();
