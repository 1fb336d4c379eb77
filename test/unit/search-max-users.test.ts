import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findKnee, type LatencyPoint } from '../../scripts/lib/search/find-knee.ts';
import { bisectUsers, bracketFromRamp, buildMaxUsersVerdict, type RampPoint } from '../../scripts/lib/search/max-users.ts';
import { checkSloMeasure, DEFAULT_SLO, type SloCheck } from '../../scripts/lib/search/slo.ts';

/** A service that holds 100 + 4·u ms up to 35 users and falls off a cliff after (the workshop's answer). */
const p95At = (users: number) => (users <= 35 ? 100 + 4 * users : 1000 + 300 * (users - 35));
const steady = (users: number): SloCheck & { users: number } => ({ ...checkSloMeasure({ p95Ms: p95At(users), failureRatio: 0 }), users });
const ramp = (users: number[]): RampPoint[] => users.map((u) => ({ users: u, p95Ms: p95At(u), failureRatio: 0 }));

test('ramp where every step passes: no failing step', () => {
  const r = bracketFromRamp(ramp([10, 20, 30]), DEFAULT_SLO);
  assert.equal([r.lastPassingUsers, r.firstFailingUsers, r.binding], [30, null, null]);
  assert.equal(r.checks.map((c) => c.users), [10, 20, 30]);
});

test('ramp where the first step fails: no passing step', () => {
  const r = bracketFromRamp([{ users: 10, p95Ms: 1500, failureRatio: 0 }, { users: 20, p95Ms: 2500, failureRatio: 0 }], DEFAULT_SLO);
  assert.equal([r.lastPassingUsers, r.firstFailingUsers, r.binding], [null, 10, 'p95']);
});

test('ramp crossing in the middle, unsorted input, a later pass ignored', () => {
  const points: RampPoint[] = [
    { users: 40, p95Ms: 600, failureRatio: 0.05 },
    { users: 10, p95Ms: 150, failureRatio: 0 },
    { users: 50, p95Ms: 700, failureRatio: 0 },
    { users: 30, p95Ms: 400, failureRatio: 0.004 },
    { users: 20, p95Ms: null, failureRatio: 0 },
  ];
  const r = bracketFromRamp(points, DEFAULT_SLO);
  // 20 has no p95 (N/A window), so it is the first failing step, not 40.
  assert.equal([r.lastPassingUsers, r.firstFailingUsers, r.binding], [10, 20, 'p95']);
  const withP95 = bracketFromRamp(points.map((p) => (p.users === 20 ? { ...p, p95Ms: 300 } : p)), DEFAULT_SLO);
  assert.equal([withP95.lastPassingUsers, withP95.firstFailingUsers, withP95.binding], [30, 40, 'failures']);
  assert.equal(withP95.checks.map((c) => c.pass), [true, true, true, false, true]);
});

test('empty ramp: nothing known', () => {
  assert.equal(bracketFromRamp([], DEFAULT_SLO), { lastPassingUsers: null, firstFailingUsers: null, binding: null, checks: [] });
});

test('bisection of users converges on the known threshold 35', async () => {
  const r = await bisectUsers({ low: 30, high: 40, probe: async (u) => steady(u) });
  assert.equal(r.probes.map((p) => [p.users, p.pass, p.order]), [[35, true, 1], [37, false, 2], [36, false, 3]]);
  assert.equal([r.lastPassingUsers, r.firstFailingUsers, r.binding, r.probesUsed, r.converged], [35, 36, 'p95', 3, true]);
  assert.is(r.resolution, 1.5);
  assert.is(r.probes[0]!.p95Ms, 240);
});

test('bisection from a wide bracket reaches 35 | 36 with resolution 1', async () => {
  const r = await bisectUsers({ low: 1, high: 320, resolution: 1, probe: async (u) => steady(u) });
  assert.equal(r.probes.map((p) => p.users), [160, 80, 40, 20, 30, 35, 37, 36]);
  assert.equal([r.lastPassingUsers, r.firstFailingUsers, r.converged], [35, 36, true]);
});

test('a coarse resolution stops early; binding stays unknown when no probe failed', async () => {
  const r = await bisectUsers({ low: 30, high: 40, resolution: 5, probe: async (u) => steady(u) });
  assert.equal([r.probes.map((p) => p.users), r.lastPassingUsers, r.firstFailingUsers, r.binding], [[35], 35, 40, null]);
});

test('probe budget: unconverged bracket is reported as such', async () => {
  const r = await bisectUsers({ low: 1, high: 320, maxProbes: 3, probe: async (u) => steady(u) });
  assert.equal([r.lastPassingUsers, r.firstFailingUsers, r.probesUsed, r.converged], [1, 40, 3, false]);
});

test('bisection rejects a bracket that is not one', async () => {
  for (const [low, high] of [[40, 30], [30, 30], [2.5, 10], [-1, 10]] as const) {
    try {
      await bisectUsers({ low, high, probe: async (u) => steady(u) });
      assert.unreachable(`accepted ${low}..${high}`);
    } catch (error) {
      assert.instance(error, RangeError);
    }
  }
});

test('knee of a synthetic hockey stick is where it bends (35)', () => {
  const points: LatencyPoint[] = [5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60].map((u) => ({ users: u, p95Ms: u <= 35 ? 100 : 100 + 200 * (u - 35) }));
  assert.is(findKnee(points), 35);
  // Order and N/A points do not matter.
  assert.is(findKnee([...points].reverse().concat({ users: 65, p95Ms: null })), 35);
});

test('no knee: too few points, flat, straight or concave curves', () => {
  assert.is(findKnee([{ users: 10, p95Ms: 100 }, { users: 20, p95Ms: 900 }]), null);
  assert.is(findKnee([{ users: 10, p95Ms: 100 }, { users: 10, p95Ms: 120 }, { users: 20, p95Ms: 900 }]), null);
  assert.is(findKnee([10, 20, 30, 40].map((u) => ({ users: u, p95Ms: 200 }))), null);
  assert.is(findKnee([10, 20, 30, 40].map((u) => ({ users: u, p95Ms: 10 * u }))), null);
  assert.is(findKnee([10, 20, 30, 40].map((u) => ({ users: u, p95Ms: Math.sqrt(u) }))), null);
});

test('verdict: ramp, bisection and a passing hold at 35', async () => {
  const rampPoints = ramp([10, 20, 30, 40, 50, 60]);
  const bracket = bracketFromRamp(rampPoints, DEFAULT_SLO);
  assert.equal([bracket.lastPassingUsers, bracket.firstFailingUsers], [30, 40]);
  const bisection = await bisectUsers({ low: 30, high: 40, probe: async (u) => steady(u) });
  const v = buildMaxUsersVerdict({ ramp: rampPoints, slo: DEFAULT_SLO, bisection, hold: steady(35) });
  assert.equal([v.lastPassingUsers, v.firstFailingUsers, v.binding, v.confirmed, v.knee], [35, 36, 'p95', true, 35]);
  assert.equal(v.curve.map((p) => `${p.users}:${p.source}`), ['10:ramp', '20:ramp', '30:ramp', '35:bisect', '35:hold', '36:bisect', '37:bisect', '40:ramp', '50:ramp', '60:ramp']);
  assert.equal(v.curve[0], { users: 10, p95Ms: 140, failureRatio: 0, source: 'ramp' });
});

test('verdict: a failing hold moves the answer down to the last pass below it', async () => {
  const rampPoints = ramp([10, 20, 30, 40]);
  const bisection = await bisectUsers({ low: 30, high: 40, probe: async (u) => steady(u) });
  const hold = { ...checkSloMeasure({ p95Ms: 300, failureRatio: 0.03 }), users: 35 };
  const v = buildMaxUsersVerdict({ ramp: rampPoints, slo: DEFAULT_SLO, bisection, hold });
  assert.equal([v.lastPassingUsers, v.firstFailingUsers, v.binding, v.confirmed], [30, 35, 'failures', false]);
});

test('verdict from a ramp alone, with no bisection or hold', () => {
  const v = buildMaxUsersVerdict({ ramp: ramp([10, 20, 30]), slo: DEFAULT_SLO, bisection: null, hold: null });
  assert.equal([v.lastPassingUsers, v.firstFailingUsers, v.binding, v.confirmed, v.knee], [30, null, null, null, null]);
});

test.run();
