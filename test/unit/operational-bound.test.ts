import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { limitedByLoad, loadCeiling, saturationUsers, serverCeiling, serviceDemand } from '../../scripts/lib/analyze/operational-bound.ts';

const close = (actual: number | null, expected: number, eps = 1e-9) => assert.ok(actual !== null && Math.abs(actual - expected) < eps, `${actual} ≉ ${expected}`);

test('service demand D = U / X: half a core at 25 req/s is 20 ms of CPU a request', () => {
  close(serviceDemand(0.5, 25), 0.02);
  assert.is(serviceDemand(0.5, 0), null);
  assert.is(serviceDemand(0, 10), 0);
});

test('server ceiling c / D and saturation crowd N* = c·(D + Z) / D', () => {
  close(serverCeiling(0.02, 1), 50);
  close(serverCeiling(0.02, 2), 100);
  assert.is(serverCeiling(0, 1), null);
  // D = 20 ms, Z = 1 s: (0.02 + 1) / 0.02 = 51 users on one core, 102 on two.
  close(saturationUsers(0.02, 1), 51);
  close(saturationUsers(0.02, 1, 2), 102);
  assert.is(saturationUsers(0, 1), null);
});

test('load ceiling N / Z; limited by the load within 5 % of it', () => {
  assert.is(loadCeiling(10, 2), 5);
  assert.is(loadCeiling(10, 0), null);
  // 0.95 × 5 = 4.75 req/s.
  assert.is(limitedByLoad(4.8, 10, 2), true);
  assert.is(limitedByLoad(4.75, 10, 2), true);
  assert.is(limitedByLoad(4.7, 10, 2), false);
  assert.is(limitedByLoad(4.7, 10, 0), null);
});

test.run();
