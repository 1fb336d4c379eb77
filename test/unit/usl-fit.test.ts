import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fitUsl } from '../../scripts/lib/analyze/usl-fit.ts';

const close = (actual: number | null | undefined, expected: number, eps = 1e-9) => assert.ok(actual != null && Math.abs(actual - expected) < eps, `${actual} ≉ ${expected}`);
const usl = (lambda: number, sigma: number, kappa: number) => (n: number) => ({ users: n, rps: (lambda * n) / (1 + sigma * (n - 1) + kappa * n * (n - 1)) });

test('recovers exact USL data: λ 10, σ 0.1, κ 0.01, peak at √90 users', () => {
  const f = fitUsl([1, 2, 4, 8, 16].map(usl(10, 0.1, 0.01)))!;
  close(f.lambda, 10);
  close(f.sigma, 0.1);
  close(f.kappa, 0.01);
  close(f.rmsRelativeResidual, 0);
  close(f.peakUsers, Math.sqrt(90));
  assert.is(f.points, 5);
});

test('recovers a large-crowd curve (10..1000 users) despite N² ~ 10⁶', () => {
  const f = fitUsl([10, 50, 100, 200, 500, 1000].map(usl(5, 0.05, 0.0001)))!;
  close(f.lambda, 5, 1e-6);
  close(f.sigma, 0.05, 1e-8);
  close(f.kappa, 0.0001, 1e-10);
});

test('linear scaling: σ = κ = 0, no peak', () => {
  const f = fitUsl([1, 2, 4].map((n) => ({ users: n, rps: 10 * n })))!;
  assert.equal([f.sigma, f.kappa, f.peakUsers], [0, 0, null]);
  close(f.lambda, 10);
  close(f.rmsRelativeResidual, 0);
});

test('superlinear data cannot make σ or κ negative: both pinned at 0, λ from the weighted mean', () => {
  // N/X = 0.1, 0.0952, 0.09375; a = Σ(X/N) / Σ(X/N)² = 31.1667 / 324.0278, λ = 1/a = 10.39661.
  const f = fitUsl([{ users: 1, rps: 10 }, { users: 2, rps: 21 }, { users: 3, rps: 32 }])!;
  assert.equal([f.sigma, f.kappa], [0, 0]);
  close(f.lambda, 10.396613190730838);
  close(f.rmsRelativeResidual, 0.027754564633284386);
});

test('fewer than three crowd sizes: no fit; a point with no throughput is refused with the fix', () => {
  assert.is(fitUsl([{ users: 1, rps: 10 }, { users: 1, rps: 11 }, { users: 2, rps: 20 }]), null);
  assert.is(fitUsl([]), null);
  assert.throws(() => fitUsl([{ users: 10, rps: 0 }]), /leave out trials that served no requests/);
});

test.run();
