import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findMemoryFloor, linearWalkCost } from '../../scripts/lib/search/bisect-memory.ts';
import type { ProbeOutcome } from '../../scripts/lib/search/probe-class.ts';
import { recommendLimit } from '../../scripts/lib/search/recommend-limit.ts';

/** A monotone API: it survives at or above `floorMb` and is OOM-killed on its first request below. */
const monotone = (floorMb: number) => async (memoryMb: number): Promise<ProbeOutcome> => outcome(memoryMb >= floorMb);

function outcome(pass: boolean): ProbeOutcome {
  return { pass, class: pass ? 'healthy' : 'oom-at-first-request', predicate: 'serves-one-request', trialId: null };
}

const order = (r: { probes: { memoryMb: number; outcome: ProbeOutcome }[] }) => r.probes.map((p) => `${p.memoryMb}${p.outcome.pass ? '+' : '-'}`);

test('true floor 1296 between 500 and 2100: 7 probes, floor 1312, inside probes on the 32 MB grid', async () => {
  const r = await findMemoryFloor({ lowMb: 500, highMb: 2100, probe: monotone(1296) });
  assert.equal(order(r), ['2100+', '500-', '1280-', '1696+', '1472+', '1376+', '1312+']);
  assert.is(r.floorMb, 1312);
  assert.is(r.lastFailingMb, 1280);
  assert.is(r.probesUsed, 7);
  assert.is(r.resolutionMb, 32);
  assert.is(r.verdict, 'found');
  assert.equal(r.probes.map((p) => p.order), [1, 2, 3, 4, 5, 6, 7]);
  // The bound the stage promises: ceil(log2(1600 / 32)) + 2 = 8.
  assert.ok(r.probesUsed <= Math.ceil(Math.log2(1600 / 32)) + 2);
});

test('a right first guess ends the under-load search in one probe; a wrong one costs one probe more', async () => {
  const right = await findMemoryFloor({ lowMb: 1216, highMb: 2048, lowKnownFailing: true, firstGuessMb: 1248, probe: monotone(1248) });
  assert.equal(order(right), ['1248+']);
  assert.is(right.floorMb, 1248);
  assert.is(right.verdict, 'found');
  const wrong = await findMemoryFloor({ lowMb: 1216, highMb: 2048, lowKnownFailing: true, firstGuessMb: 1248, probe: monotone(1400) });
  assert.equal(order(wrong), ['1248-', '2048+', '1632+', '1440+', '1344-', '1376-', '1408+']);
  assert.is(wrong.lastFailingMb, 1376);
  assert.is(wrong.floorMb, 1408);
});

test('every true floor in (500, 2100]: within 32 MB, never below, at most 8 probes', async () => {
  for (let floor = 501; floor <= 2100; floor += 1) {
    const r = await findMemoryFloor({ lowMb: 500, highMb: 2100, probe: monotone(floor) });
    assert.is(r.verdict, 'found');
    const found = r.floorMb!;
    const failing = r.lastFailingMb!;
    assert.ok(found >= floor && failing < floor, `floor ${floor}: bracket (${failing}, ${found}]`);
    assert.ok(found - failing <= 32, `floor ${floor}: bracket ${failing}..${found} wider than 32`);
    assert.ok(r.probesUsed <= 8, `floor ${floor}: ${r.probesUsed} probes`);
    assert.ok(r.probes.slice(2).every((p) => p.memoryMb % 32 === 0), `floor ${floor}: off-grid probe`);
  }
});

test('a known-failing low end is not probed', async () => {
  const r = await findMemoryFloor({ lowMb: 500, highMb: 2100, lowKnownFailing: true, probe: monotone(1296) });
  assert.equal(order(r), ['2100+', '1280-', '1696+', '1472+', '1376+', '1312+']);
  assert.is(r.floorMb, 1312);
  assert.is(r.lastFailingMb, 1280);
});

test('a known-failing low end at the top of the range leaves nothing to probe: no floor, no crash', async () => {
  // The memory-floor stage on an API bigger than the plan's range (the seed's 1.1 GiB model under the
  // smoke profile's 512 MiB): serving failed at highMb, so the load search starts there.
  const probe = async (): Promise<ProbeOutcome> => { throw new Error('nothing should be probed'); };
  const r = await findMemoryFloor({ lowMb: 512, highMb: 512, lowKnownFailing: true, probe });
  assert.equal([r.floorMb, r.lastFailingMb, r.probesUsed, r.verdict], [null, 512, 0, 'no-pass-within-range']);
  const refused = await findMemoryFloor({ lowMb: 512, highMb: 512, probe }).then(() => null, (err: Error) => err.message);
  assert.is(refused, 'lowMb (512) must be below highMb (512)', 'an empty range nobody proved failing is still a caller bug');
});

test('a coarser resolution takes fewer probes and gives a wider bracket', async () => {
  const r = await findMemoryFloor({ lowMb: 500, highMb: 2100, resolutionMb: 100, probe: monotone(1296) });
  assert.equal(order(r), ['2100+', '500-', '1300+', '900-', '1100-', '1200-']);
  assert.is(r.floorMb, 1300);
  assert.is(r.lastFailingMb, 1200);
});

test('high fails: no pass within range, nothing else probed', async () => {
  const r = await findMemoryFloor({ lowMb: 500, highMb: 2100, probe: monotone(2500) });
  assert.equal(order(r), ['2100-']);
  assert.equal([r.floorMb, r.lastFailingMb, r.verdict], [null, 2100, 'no-pass-within-range']);
});

test('low passes: the floor is at or below low', async () => {
  const r = await findMemoryFloor({ lowMb: 500, highMb: 2100, probe: monotone(400) });
  assert.equal(order(r), ['2100+', '500+']);
  assert.equal([r.floorMb, r.lastFailingMb, r.verdict], [500, null, 'low-passes']);
});

test('budget exhausted: the best passing limit so far, flagged', async () => {
  const r = await findMemoryFloor({ lowMb: 500, highMb: 2100, maxProbes: 4, probe: monotone(1296) });
  assert.equal(order(r), ['2100+', '500-', '1280-', '1696+']);
  assert.equal([r.floorMb, r.lastFailingMb, r.verdict], [1696, 1280, 'budget-exhausted']);
});

/** Plays a script per limit (true = pass), then falls back to the monotone truth. */
function scripted(floorMb: number, script: Record<number, boolean[]>) {
  const seen = new Map<number, number>();
  return async (memoryMb: number): Promise<ProbeOutcome> => {
    const i = seen.get(memoryMb) ?? 0;
    seen.set(memoryMb, i + 1);
    return outcome(script[memoryMb]?.[i] ?? memoryMb >= floorMb);
  };
}

test('flaky: a lucky pass below the true floor (1296) fools plain bisection', async () => {
  const r = await findMemoryFloor({ lowMb: 500, highMb: 2100, probe: scripted(1296, { 1280: [true] }) });
  assert.equal(order(r), ['2100+', '500-', '1280+', '864-', '1056-', '1152-', '1216-', '1248-']);
  assert.equal([r.floorMb, r.verdict], [1280, 'found']);
});

test('flaky: one confirmation catches the lucky pass and reopens the bracket above it', async () => {
  const r = await findMemoryFloor({ lowMb: 500, highMb: 2100, confirmRuns: 1, maxProbes: 16, probe: scripted(1296, { 1280: [true] }) });
  assert.equal(order(r), ['2100+', '500-', '1280+', '864-', '1056-', '1152-', '1216-', '1248-', '1280-', '1696+', '1472+', '1376+', '1312+', '1312+']);
  assert.equal([r.floorMb, r.lastFailingMb, r.verdict], [1312, 1280, 'found-flaky']);
});

test('flaky: a spurious failure only pushes the floor up, never below a failure', async () => {
  const r = await findMemoryFloor({ lowMb: 500, highMb: 2100, probe: scripted(1296, { 1376: [false] }) });
  assert.equal(order(r), ['2100+', '500-', '1280-', '1696+', '1472+', '1376-', '1408+']);
  assert.equal([r.floorMb, r.lastFailingMb, r.verdict], [1408, 1376, 'found']);
});

test('confirmation re-probes the floor; a failed confirmation of high leaves no pass within range', async () => {
  const r = await findMemoryFloor({ lowMb: 2000, highMb: 2048, confirmRuns: 1, probe: scripted(1296, { 2048: [true, false], 2000: [false] }) });
  assert.equal(order(r), ['2048+', '2000-', '2016+', '2016+']);
  assert.equal([r.floorMb, r.verdict], [2016, 'found']);
  const r2 = await findMemoryFloor({ lowMb: 2000, highMb: 2016, confirmRuns: 1, probe: scripted(1296, { 2016: [true, false], 2000: [false] }) });
  assert.equal(order(r2), ['2016+', '2000-', '2016-']);
  assert.equal([r2.floorMb, r2.lastFailingMb, r2.verdict], [null, 2016, 'no-pass-within-range']);
});

test('bad options are programming errors', async () => {
  const probe = monotone(1000);
  for (const opts of [{ lowMb: 2100, highMb: 500 }, { lowMb: 500, highMb: 2100, resolutionMb: 0 }, { lowMb: 500, highMb: 2100, maxProbes: 1 }]) {
    try {
      await findMemoryFloor({ ...opts, probe });
      assert.unreachable(`accepted ${JSON.stringify(opts)}`);
    } catch (error) {
      assert.instance(error, RangeError);
    }
  }
});

test('linear walk from 500 MB in 100 MB steps (the workshop method)', () => {
  assert.equal(linearWalkCost(1296), { probes: 9, reachedMb: 1300, startMb: 500, stepMb: 100 });
  assert.is(linearWalkCost(1300).probes, 9);
  assert.equal(linearWalkCost(1301), { probes: 10, reachedMb: 1400, startMb: 500, stepMb: 100 });
  assert.equal(linearWalkCost(500), { probes: 1, reachedMb: 500, startMb: 500, stepMb: 100 });
  assert.equal(linearWalkCost(300), { probes: 1, reachedMb: 500, startMb: 500, stepMb: 100 });
  assert.equal(linearWalkCost(1312, { startMb: 1024, stepMb: 64 }), { probes: 6, reachedMb: 1344, startMb: 1024, stepMb: 64 });
});

test('recommended limit: floor plus headroom, rounded up to 64 MiB', () => {
  assert.equal(recommendLimit(1312), {
    limitMb: 1536, floorMb: 1312, headroom: 0.15, roundedToMb: 64,
    reason: 'floor 1312 MiB + 15% headroom = 1508.8 MiB, rounded up to 1536 MiB (a multiple of 64)',
  });
  assert.is(recommendLimit(1280).limitMb, 1472);
  // 3200 × 1.1 is 3520.0000000000005 in floating point; it must stay 3520, already a multiple of 64.
  assert.is(recommendLimit(3200, 0.1).limitMb, 3520);
  assert.is(recommendLimit(1300, 0).limitMb, 1344);
  assert.is(recommendLimit(1000, 0.25, 100).limitMb, 1300);
});

test.run();
