import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compareIntervals, median, overlaps, runsMinMax, wilsonInterval } from '../../scripts/lib/analyze/intervals.ts';

const close = (actual: number, expected: number, eps = 1e-6) => assert.ok(Math.abs(actual - expected) < eps, `${actual} ≉ ${expected}`);

test('Wilson: 10 of 100 is 5.52 %..17.44 % (textbook value)', () => {
  const i = wilsonInterval(10, 100);
  close(i.low, 0.0552291);
  close(i.high, 0.1743657);
  assert.equal([i.level, i.method], [0.95, 'wilson']);
});

test('Wilson: no failures still leaves room above 0; all failed reaches 1', () => {
  // 0 of 500: high = (z²/n) / (1 + z²/n) = 0.0076243.
  const none = wilsonInterval(0, 500);
  assert.is(none.low, 0);
  close(none.high, 0.0076243);
  assert.is(wilsonInterval(20, 20).high, 1);
  assert.ok(wilsonInterval(20, 20).low < 1);
});

test('Wilson: no trials is total ignorance; an impossible ratio is refused', () => {
  assert.equal(wilsonInterval(0, 0), { low: 0, high: 1, level: 0.95, method: 'wilson' });
  assert.throws(() => wilsonInterval(5, 3), /count failures among the same requests/);
});

test('runs min-max: level 1 − 2^(1−n); fewer than 2 runs give none', () => {
  assert.equal(runsMinMax([3, 1, 2]), { low: 1, high: 3, level: 0.75, method: 'runs-min-max' });
  assert.is(runsMinMax([5, 4, 3, 2, 1])!.level, 0.9375);
  assert.is(runsMinMax([2, 2])!.level, 0.5);
  assert.is(runsMinMax([1]), null);
  assert.is(runsMinMax([]), null);
});

test('median of odd and even counts', () => {
  assert.is(median([3, 1, 2]), 2);
  assert.is(median([4, 1, 3, 2]), 2.5);
  assert.is(median([7]), 7);
  assert.is(median([]), null);
});

test('overlapping intervals are a tie; touching ends overlap', () => {
  assert.is(overlaps({ low: 1, high: 2 }, { low: 2, high: 3 }), true);
  assert.is(overlaps({ low: 1, high: 2 }, { low: 2.1, high: 3 }), false);
  assert.is(overlaps({ low: 0, high: 10 }, { low: 4, high: 5 }), true);
  assert.is(compareIntervals({ low: 1, high: 2 }, { low: 1.5, high: 3 }), 'tie');
  assert.is(compareIntervals({ low: 1, high: 2 }, { low: 2.1, high: 3 }), 'lower');
  assert.is(compareIntervals({ low: 5, high: 6 }, { low: 2.1, high: 3 }), 'higher');
});

test.run();
