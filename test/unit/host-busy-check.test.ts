import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BUSY_SHARE_LIMIT, STEAL_SHARE_LIMIT, checkBusyHost, judgeHostUse, waitForQuietHost } from '../../scripts/lib/host/busy-host-check.ts';
import { AbortedError } from '../../scripts/lib/errors.ts';
import type { HostCpuUse } from '../../scripts/lib/results/types.ts';

// Shares of the recorded /proc/stat pairs in host-proc-stat.test.ts.
const QUIET: HostCpuUse = { seconds: 3.005, steal: 0, busy: 2 / 599, outsideLab: null };
const ONE_CORE_SPINNING: HostCpuUse = { seconds: 3.005, steal: 0, busy: 303 / 600, outsideLab: null };

test('the recorded quiet host passes', () => {
  assert.equal(judgeHostUse(QUIET), { busy: false, use: QUIET, reasons: [] });
});

test('one core of other work on 2 cores is busy, with the share and the limit as data', () => {
  const check = judgeHostUse(ONE_CORE_SPINNING);
  assert.is(check.busy, true);
  assert.equal(check.reasons, [{ kind: 'busy', value: 303 / 600, limit: BUSY_SHARE_LIMIT }]);
});

test('steal alone makes a host busy (handmade)', () => {
  const use = { seconds: 3, steal: 0.05, busy: 0.01, outsideLab: null };
  assert.equal(judgeHostUse(use).reasons, [{ kind: 'steal', value: 0.05, limit: STEAL_SHARE_LIMIT }]);
  assert.is(judgeHostUse({ ...use, busy: 0.5 }).reasons.length, 2);
});

test('with the lab\'s own CPU known, only the rest counts', () => {
  assert.is(judgeHostUse({ ...ONE_CORE_SPINNING, outsideLab: 0.02 }).busy, false);
  assert.is(judgeHostUse({ ...QUIET, outsideLab: BUSY_SHARE_LIMIT + 0.01 }).busy, true);
});

test('limits stay above the quiet noise measured here and below one busy core of two', () => {
  assert.ok(BUSY_SHARE_LIMIT > 0.05 && BUSY_SHARE_LIMIT < 0.5);
  assert.ok(STEAL_SHARE_LIMIT > 0.002 && STEAL_SHARE_LIMIT <= 0.05);
});

test('live: one short check reads this host', async () => {
  const check = await checkBusyHost({ sampleS: 0.3 });
  assert.ok(check.use.seconds >= 0.29 && check.use.seconds < 2, `${check.use.seconds} s`);
  assert.ok(check.use.busy >= 0 && check.use.busy <= 1);
  assert.is(check.use.outsideLab, null);
  assert.is(check.busy, check.reasons.length > 0);
});

test('live: waiting gives up after its bound and returns the last check', async () => {
  const wait = await waitForQuietHost({ maxWaitS: 0, sampleS: 0.2 });
  assert.is(wait.checks, 1);
  assert.is(wait.quiet, !wait.last.busy);
  assert.ok(wait.waitedS < 2);
});

test('an abort stops the wait as AbortedError', async () => {
  const ctl = new AbortController();
  setTimeout(() => ctl.abort('test'), 50);
  try {
    await waitForQuietHost({ maxWaitS: 60, sampleS: 5, signal: ctl.signal });
    assert.unreachable('did not stop');
  } catch (err) {
    assert.instance(err, AbortedError);
  }
});

test.run();
