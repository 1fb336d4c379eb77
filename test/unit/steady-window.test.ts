import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LocustPhases } from '../../scripts/lib/results/types.ts';
import { rampStepWindows, steadyWindow, warmupSeconds } from '../../scripts/lib/analyze/steady-window.ts';

const T0 = 1_700_000_000_000;
const phases = (over: Partial<LocustPhases> = {}): LocustPhases => ({
  testStartMs: T0, spawned: [{ tMs: T0 + 10_000, users: 10 }], stoppingMs: T0 + 150_000, stoppedMs: T0 + 151_000, stopRequestedMs: null, ...over,
});

test('warm-up is the larger of 5 s and 10 % of the planned run time', () => {
  assert.is(warmupSeconds(150), 15);
  assert.is(warmupSeconds(50), 5);
  assert.is(warmupSeconds(30), 5);
});

test('a constant crowd: last spawn + warm-up to test_stopping', () => {
  assert.equal(steadyWindow(phases(), { runTimeS: 150 }), { startMs: T0 + 25_000, endMs: T0 + 150_000, warmupMs: 15_000 });
  assert.equal(steadyWindow(phases(), { runTimeS: 30 }), { startMs: T0 + 15_000, endMs: T0 + 150_000, warmupMs: 5_000 });
  // A re-spawn (e.g. a user count change) moves the start to the last spawning_complete.
  const twice = phases({ spawned: [{ tMs: T0 + 10_000, users: 10 }, { tMs: T0 + 40_000, users: 10 }] });
  assert.is(steadyWindow(twice, { runTimeS: 150 })!.startMs, T0 + 55_000);
});

test('an early stop request closes the window when it came first; the fallback only without either', () => {
  assert.is(steadyWindow(phases({ stopRequestedMs: T0 + 100_000 }), { runTimeS: 150 })!.endMs, T0 + 100_000);
  assert.is(steadyWindow(phases({ stopRequestedMs: T0 + 160_000 }), { runTimeS: 150 })!.endMs, T0 + 150_000);
  assert.is(steadyWindow(phases({ stoppingMs: null, stopRequestedMs: T0 + 90_000 }), { runTimeS: 150 })!.endMs, T0 + 90_000);
  const live = phases({ stoppingMs: null });
  assert.is(steadyWindow(live, { runTimeS: 150, fallbackEndMs: T0 + 60_000 })!.endMs, T0 + 60_000);
  assert.is(steadyWindow(phases(), { runTimeS: 150, fallbackEndMs: T0 + 60_000 })!.endMs, T0 + 150_000);
});

test('no window is null, never a zero-length window', () => {
  assert.is(steadyWindow(phases({ spawned: [] }), { runTimeS: 150 }), null);
  assert.is(steadyWindow(phases({ stoppingMs: null }), { runTimeS: 150 }), null);
  // Spawn completes at 140 s, warm-up 15 s: the window would open after the stop at 150 s.
  assert.is(steadyWindow(phases({ spawned: [{ tMs: T0 + 140_000, users: 10 }] }), { runTimeS: 150 }), null);
  // Exactly empty is empty too.
  assert.is(steadyWindow(phases({ spawned: [{ tMs: T0 + 135_000, users: 10 }] }), { runTimeS: 150 }), null);
});

test('step ramp: each step from its own spawn + warm-up to the step end', () => {
  // Steps of 30 s: 10, 20, 20 (no new spawn), 40 (spawning never completed).
  const p = phases({
    spawned: [{ tMs: T0 + 2_000, users: 10 }, { tMs: T0 + 31_000, users: 20 }],
    stoppingMs: T0 + 120_000,
  });
  assert.equal(rampStepWindows(p, [10, 20, 20, 40], 30, 5), [
    { users: 10, window: { startMs: T0 + 7_000, endMs: T0 + 30_000, warmupMs: 5_000 } },
    { users: 20, window: { startMs: T0 + 36_000, endMs: T0 + 60_000, warmupMs: 5_000 } },
    // Same crowd as before: already complete at the step's start.
    { users: 20, window: { startMs: T0 + 65_000, endMs: T0 + 90_000, warmupMs: 5_000 } },
    { users: 40, window: null },
  ]);
});

test('step ramp: an early stop cuts the step it falls in and empties the later ones', () => {
  const p = phases({ spawned: [{ tMs: T0 + 2_000, users: 10 }, { tMs: T0 + 31_000, users: 20 }], stoppingMs: T0 + 50_000 });
  assert.equal(rampStepWindows(p, [10, 20, 20], 30, 5).map((s) => s.window && [s.window.startMs - T0, s.window.endMs - T0]), [
    [7_000, 30_000], [36_000, 50_000], null,
  ]);
  // A spawn that completes too late in its step for the warm-up.
  const late = phases({ spawned: [{ tMs: T0 + 27_000, users: 10 }], stoppingMs: null });
  assert.equal(rampStepWindows(late, [10], 30, 5), [{ users: 10, window: null }]);
  assert.equal(rampStepWindows(phases({ testStartMs: null }), [10, 20], 30, 5), [{ users: 10, window: null }, { users: 20, window: null }]);
});

test.run();
