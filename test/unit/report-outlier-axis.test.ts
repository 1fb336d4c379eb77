import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { clipValue, niceCeil, spreadOf } from '../../scripts/lib/report/charts/outlier-axis.ts';

test('spreadOf: outlying past 10 × the median or 5 × the 90th percentile; positive values only', () => {
  assert.is(spreadOf([10, 12, 11, 200])!.outlying, true, '200 > 10 × 11');
  assert.is(spreadOf([10, 12, 11, 100])!.outlying, false);
  const many = [...Array.from({ length: 18 }, (_, i) => 100 + i), 300, 2000];
  assert.is(spreadOf(many)!.outlying, true, '2000 > 5 × p90 (300)');
  assert.is(spreadOf([0, null, 5, 6, 7])!.median, 6, 'zeros and nulls left out');
  assert.is(spreadOf([1, 2]), null, 'too few to tell');
});

test('niceCeil and clipValue: a 1-2-5 cut above 3 × the median and the limit, only when it cuts', () => {
  assert.equal([7, 10, 11, 230, 4100].map(niceCeil), [10, 10, 20, 500, 5000]);
  assert.is(clipValue(spreadOf([300, 310, 320, 60_000]), 1000), 2000);
  assert.is(clipValue(spreadOf([300, 310, 320, 60_000])), 1000);
  assert.is(clipValue(spreadOf([300, 310, 320, 400])), null, 'no outlier, no cut');
  assert.is(clipValue(spreadOf([100, 110, 120, 1500]), 1400), null, 'the limit must stay in view: a cut at 2000 would cut nothing');
});

test.run();
