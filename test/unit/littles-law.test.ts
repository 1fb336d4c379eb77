import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { RequestSample } from '../../scripts/lib/results/types.ts';
import { LITTLE_TOLERANCE, littlesLaw, thinkTime } from '../../scripts/lib/analyze/littles-law.ts';

const close = (actual: number | null | undefined, expected: number, eps = 1e-9) => assert.ok(actual != null && Math.abs(actual - expected) < eps, `${actual} ≉ ${expected}`);
const req = (user: string, startMs: number, latencyMs: number, status: RequestSample['status'] = 'ok'): RequestSample => ({ startMs, latencyMs, status, method: 'POST', name: '/predict', user });

test('N = X·(R + Z) holds: 8 req/s × (0.25 s + 1 s) = 10 users', () => {
  assert.equal(littlesLaw({ users: 10, rps: 8, meanResponseS: 0.25, thinkTimeS: 1 }), { users: 10, predictedUsers: 10, deviation: 0 });
});

test('a quarter of the users unaccounted for: deviation 0.25, above the 10 % tolerance', () => {
  const l = littlesLaw({ users: 100, rps: 50, meanResponseS: 0.5, thinkTimeS: 1 })!;
  assert.is(l.predictedUsers, 75);
  assert.is(l.deviation, 0.25);
  assert.ok(l.deviation > LITTLE_TOLERANCE);
  assert.is(littlesLaw({ users: 0, rps: 1, meanResponseS: 1, thinkTimeS: 1 }), null);
});

// a: 0+100 -> 1100+200 -> 2300+100: gaps 1000, 1000.  b: 0+500 -> 2000+300 -> 2500 censored: gaps 1500, 200.
const samples = [
  req('a', 2300, 100), req('a', 0, 100), req('a', 1100, 200),
  req('b', 0, 500), req('b', 2000, 300), req('b', 2500, 9_000, 'censored'),
];

test('think time: mean gap from a request end to the same user next start, pooled', () => {
  close(thinkTime(samples, { startMs: 0, endMs: 10_000 }), (1000 + 1000 + 1500 + 200) / 4 / 1000);
});

test('think time: only gaps inside the window', () => {
  // From 1.2 s: a's second gap (end 1300) and b's second (end 2300).
  close(thinkTime(samples, { startMs: 1_200, endMs: 10_000 }), (1000 + 200) / 2 / 1000);
  // Until 2 s: a's first gap and b's first (next start exactly 2000).
  close(thinkTime(samples, { startMs: 0, endMs: 2_000 }), (1000 + 1500) / 2 / 1000);
});

test('think time: censored requests give no gap, overlap counts as zero, none is null', () => {
  assert.is(thinkTime([req('c', 0, 4_000, 'censored'), req('c', 5_000, 100)], { startMs: 0, endMs: 10_000 }), null);
  assert.is(thinkTime([req('d', 0, 1_000), req('d', 500, 100)], { startMs: 0, endMs: 10_000 }), 0);
  assert.is(thinkTime([req('e', 0, 100)], { startMs: 0, endMs: 10_000 }), null);
});

test.run();
