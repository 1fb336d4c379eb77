import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { overlaps, tiedWith } from '../../scripts/lib/search/tied-with.ts';
import type { Interval, PointMeasurement } from '../../scripts/lib/results/types.ts';

const iv = (low: number, high: number): Interval => ({ low, high, level: 0.95, method: 'subwindows-min-max' });
const point = (rps: [number, number], p95: [number, number]) => ({ rpsInterval: iv(...rps), p95Interval: iv(...p95) }) as PointMeasurement;

test('overlapping intervals touch at an end too; a missing one overlaps nothing', () => {
  assert.ok(overlaps(iv(1, 2), iv(2, 3)));
  assert.not.ok(overlaps(iv(1, 2), iv(2.1, 3)));
  assert.not.ok(overlaps(null, iv(1, 2)));
});

test('a setup ties with the best only when both intervals overlap at every crowd both measured', () => {
  const cells = [
    { configId: 'best', users: 10, point: point([60, 66], [100, 140]) },
    { configId: 'best', users: 100, point: point([60, 66], [400, 500]) },
    { configId: 'close', users: 10, point: point([62, 64], [130, 150]) },
    { configId: 'close', users: 100, point: point([58, 61], [480, 560]) },
    { configId: 'slower', users: 10, point: point([62, 64], [130, 150]) },
    { configId: 'slower', users: 100, point: point([58, 61], [510, 600]) },
  ];
  assert.equal(tiedWith('best', ['best', 'close', 'slower'], cells), ['close']);
  assert.equal(tiedWith(null, ['best', 'close'], cells), []);
});

test.run();
