import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { RequestSample } from '../../scripts/lib/results/types.ts';
import { measureStability, STABILITY_TOLERANCE, SUBWINDOW_S } from '../../scripts/lib/analyze/stability.ts';

const close = (actual: number | null, expected: number, eps = 1e-9) => assert.ok(actual !== null && Math.abs(actual - expected) < eps, `${actual} ≉ ${expected}`);

// Window 10..27 s after the origin: three full 5 s sub-windows and a 2 s tail that is dropped.
const WINDOW = { startMs: 10_000, endMs: 27_000 };

/** `count` requests finishing evenly inside sub-window `i`, each `latency(j)` ms long. */
function finishingIn(i: number, count: number, latency: (j: number) => number, from = WINDOW.startMs): RequestSample[] {
  return Array.from({ length: count }, (_, j) => {
    const end = from + i * 5_000 + (j * 5_000) / count;
    const latencyMs = latency(j);
    return { startMs: end - latencyMs, latencyMs, status: 'ok' as const, method: 'POST', name: '/predict', user: `u${j % 4}` };
  });
}

test('constants: 5 s sub-windows, 10 % tolerance (perf_analyzer)', () => {
  assert.equal([SUBWINDOW_S, STABILITY_TOLERANCE], [5, 0.1]);
});

test('equal sub-windows are stable; the tail, earlier requests and censored ones are left out', () => {
  const samples = [
    ...[0, 1, 2].flatMap((i) => finishingIn(i, 20, (j) => 10 * (j + 1))),
    ...finishingIn(3, 7, () => 5_000), // the 2 s tail
    ...finishingIn(-1, 9, () => 5_000), // before the window
    { startMs: 12_000, latencyMs: 9_000, status: 'censored' as const, method: 'POST', name: '/predict', user: 'u9' },
  ];
  const s = measureStability(samples, WINDOW, 0)!;
  // 20 latencies 10..200 ms: nearest rank 19 -> 190 ms; 20 per 5 s -> 4 req/s.
  assert.equal(s.subWindows, [
    { startS: 10, requests: 20, rps: 4, p95Ms: 190 },
    { startS: 15, requests: 20, rps: 4, p95Ms: 190 },
    { startS: 20, requests: 20, rps: 4, p95Ms: 190 },
  ]);
  assert.equal([s.stable, s.within, s.rpsSpread, s.p95Spread, s.p95Trend, s.tolerance, s.subWindowS], [true, 'tolerance', 0, 0, 0, 0.1, 5]);
});

test('throughput off by more than 10 % and more than chance is unstable: 40, 40, 50 req/s spread 10 / (130/3) = 23 %', () => {
  // 200, 200, 250 requests: a range of 50 against the 1.96·√(2·217) = 41 that Poisson arrivals give by chance.
  const samples = [finishingIn(0, 200, () => 100), finishingIn(1, 200, () => 100), finishingIn(2, 250, () => 100)].flat();
  const s = measureStability(samples, WINDOW, 0)!;
  assert.is(s.stable, false);
  assert.is(s.within, null);
  close(s.rpsSpread, 3 / 13);
  assert.is(s.p95Spread, 0);
});

test('a spread above 10 % that few requests explain is agreement within sampling noise', () => {
  // 20, 20, 25 requests: 23 % apart, yet a range of 5 is well within 1.96·√(2·21.7) = 12.9.
  const samples = [finishingIn(0, 20, () => 100), finishingIn(1, 20, () => 100), finishingIn(2, 25, () => 100)].flat();
  const s = measureStability(samples, WINDOW, 0)!;
  assert.is(s.stable, true);
  assert.is(s.within, 'sampling-noise');
});

test('a rising p95: spread of the last three and the trend per 10 s', () => {
  // Five sub-windows with p95 100, 110, 120, 130, 140 ms: slope 2 ms/s, mean 120 -> 20/120 per 10 s.
  const long = { startMs: 10_000, endMs: 35_000 };
  const samples = [0, 1, 2, 3, 4].flatMap((i) => finishingIn(i, 20, () => 100 + 10 * i));
  const s = measureStability(samples, long, 0)!;
  assert.equal(s.subWindows.map((w) => [w.startS, w.p95Ms]), [[10, 100], [15, 110], [20, 120], [25, 130], [30, 140]]);
  close(s.p95Trend, 1 / 6);
  // Last three: 120, 130, 140 -> 20 / 130 = 15.4 % > 10 %.
  close(s.p95Spread, 20 / 130);
  assert.is(s.stable, false);
});

test('origin shifts startS; an empty sub-window has no p95 and cannot be stable', () => {
  const samples = [finishingIn(0, 20, () => 100), finishingIn(2, 20, () => 100)].flat();
  const s = measureStability(samples, WINDOW, 4_000)!;
  assert.equal(s.subWindows.map((w) => [w.startS, w.requests, w.p95Ms]), [[6, 20, 100], [11, 0, null], [16, 20, 100]]);
  assert.is(s.p95Spread, null);
  assert.is(s.p95Trend, null);
  close(s.rpsSpread, 4 / (8 / 3));
  assert.is(s.stable, false);
});

test('fewer than three full sub-windows: too short to judge', () => {
  assert.is(measureStability(finishingIn(0, 20, () => 100), { startMs: 10_000, endMs: 24_999 }, 0), null);
  assert.is(measureStability([], { startMs: 10_000, endMs: 10_000 }, 0), null);
});

test.run();
