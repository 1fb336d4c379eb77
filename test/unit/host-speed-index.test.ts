import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DRIFT_TOLERANCE, REFERENCE_DEMAND_MS, REFERENCE_HOST, driftWarnings, normalise, speedIndexOf, summarizeCalibration } from '../../scripts/lib/host/speed-index.ts';
import type { CalibrationProbe, HostCpuUse } from '../../scripts/lib/results/types.ts';

// Five probes recorded on the development VM, 2026-11-30, one session
// (5 s of requests each); only the points are renamed to a run's.
const RECORDED: Omit<CalibrationProbe, 'speedIndex'>[] = [
  { at: '2026-11-30T00:59:38.634Z', point: 'start', requests: 385, durationS: 5.004, p50Ms: 11.93, meanMs: 13.01, demandMs: 10.653, loopMs: 383.659 },
  { at: '2026-11-30T00:59:57.691Z', point: 'after:deploy', requests: 353, durationS: 5.006, p50Ms: 11.64, meanMs: 14.19, demandMs: 9.881, loopMs: 376.337 },
  { at: '2026-11-30T01:00:49.816Z', point: 'after:sweep', requests: 424, durationS: 5.003, p50Ms: 11.2, meanMs: 11.8, demandMs: 9.987, loopMs: 366.411 },
  { at: '2026-11-30T01:01:02.843Z', point: 'after:workers', requests: 427, durationS: 5.01, p50Ms: 11.15, meanMs: 11.74, demandMs: 9.915, loopMs: 380.357 },
  { at: '2026-11-30T01:01:21.890Z', point: 'end', requests: 351, durationS: 5.002, p50Ms: 11.38, meanMs: 14.26, demandMs: 10.15, loopMs: 364.117 },
];
const STAGES = ['deploy', 'sweep', 'workers', 'max-users'];
const probe = (p: Omit<CalibrationProbe, 'speedIndex'>): CalibrationProbe => ({ ...p, speedIndex: speedIndexOf(p.demandMs) });
const probes = RECORDED.map(probe);
/** The same probes on a host 1.35 times slower: every request costs 1.35 times the CPU. */
const slower = (ps: CalibrationProbe[], factor = 1.35) => ps.map((p) => probe({ ...p, demandMs: p.demandMs * factor }));
const close = (actual: number | null | undefined, expected: number, eps = 1e-9) =>
  assert.ok(actual != null && Math.abs(actual - expected) < eps, `${actual} ≈ ${expected}`);

test('speed index is reference D0 over measured D0', () => {
  close(speedIndexOf(REFERENCE_DEMAND_MS), 1);
  close(speedIndexOf(REFERENCE_DEMAND_MS / 2), 2);
  assert.throws(() => speedIndexOf(0), RangeError);
  assert.throws(() => speedIndexOf(Number.NaN), RangeError);
});

test('summary of the recorded probes: median index, drift of D0, reference and host use kept', () => {
  const idle: HostCpuUse = { seconds: 3, steal: 0, busy: 0.004, outsideLab: null };
  const s = summarizeCalibration(probes, 'Intel(R) Xeon(R) Processor', idle, null);
  close(s.speedIndex, REFERENCE_DEMAND_MS / 9.987);
  close(s.drift, (10.653 - 9.881) / 9.987);
  assert.equal(s.reference, { demandMs: REFERENCE_DEMAND_MS, host: REFERENCE_HOST });
  assert.is(s.probes, probes);
  assert.is(s.idleCheck, idle);
  assert.is(s.run, null);
  assert.is(s.cpuModel, 'Intel(R) Xeon(R) Processor');
});

test('the same probes on a host 1.35x slower: speed index ratio 1/1.35, same drift', () => {
  const here = summarizeCalibration(probes, 'x', null, null);
  const there = summarizeCalibration(slower(probes), 'x', null, null);
  close(there.speedIndex! / here.speedIndex!, 1 / 1.35);
  close(there.drift, here.drift!);
});

test('no probe, one probe: no index or no drift, not NaN', () => {
  const none = summarizeCalibration([], 'x', null, null);
  assert.is(none.speedIndex, null);
  assert.is(none.drift, null);
  const one = summarizeCalibration(probes.slice(0, 1), 'x', null, null);
  close(one.speedIndex, REFERENCE_DEMAND_MS / 10.653);
  assert.is(one.drift, null);
});

test('the recorded probes drift less than the tolerance: no warning', () => {
  assert.equal(driftWarnings(probes, STAGES), []);
});

test('the host slows by 1.35 during a stage: that stage is named, with the change, as data', () => {
  // From `after:sweep` on, the host is 1.35x slower: the sweep was measured across the change.
  const run = [...probes.slice(0, 2), ...slower(probes.slice(2))];
  const warnings = driftWarnings(run, STAGES);
  assert.equal(warnings.map(({ change, ...w }) => w), [{ stage: 'sweep', fromPoint: 'after:deploy', toPoint: 'after:sweep', metric: 'demand' }]);
  close(warnings[0]!.change, (9.987 * 1.35) / 9.881 - 1);
  assert.ok(warnings[0]!.change > DRIFT_TOLERANCE);
});

test('a drift in loop time alone is reported as such, and faster counts as well as slower', () => {
  const run = probes.map((p, i) => (i === 3 ? { ...p, loopMs: p.loopMs * 0.7 } : p));
  const warnings = driftWarnings(run, STAGES);
  assert.equal(warnings.map((w) => [w.stage, w.metric, w.fromPoint, w.toPoint]), [
    ['workers', 'loop', 'after:sweep', 'after:workers'],
    // `end` follows `after:workers`: the stage between is max-users.
    ['max-users', 'loop', 'after:workers', 'end'],
  ]);
  close(warnings[0]!.change, (380.357 * 0.7) / 366.411 - 1);
  close(warnings[1]!.change, 364.117 / (380.357 * 0.7) - 1);
});

test('probes only at start and end: every stage straddles the drift', () => {
  const run = [probes[0]!, slower([{ ...probes[4]! }])[0]!];
  assert.equal(driftWarnings(run, STAGES).map((w) => w.stage), STAGES);
});

test('a drift after the last stage, with nothing measured between, warns of nothing', () => {
  const run = [{ ...probes[0]!, point: 'after:max-users' }, slower([probes[4]!])[0]!];
  assert.equal(driftWarnings(run, STAGES), []);
});

test('a point naming a stage missing from the order stands for that stage alone', () => {
  const run = [probes[0]!, slower([{ ...probes[1]!, point: 'after:replicas' }])[0]!];
  assert.equal(driftWarnings(run, STAGES).map((w) => w.stage), ['replicas']);
});

test('normalise: throughput and users scale with the index, CPU needed inversely', () => {
  // 120 req/s on a host twice the reference's speed is 60 req/s on the reference.
  close(normalise(120, 2, 'throughput'), 60);
  close(normalise(35, 2, 'users'), 17.5);
  close(normalise(0.5, 2, 'cpu'), 1);
  // On the 1.35x slower host the same API serves 1/1.35 of it; normalised, the answers agree.
  const x = 80;
  const here = summarizeCalibration(probes, 'x', null, null).speedIndex!;
  const there = summarizeCalibration(slower(probes), 'x', null, null).speedIndex!;
  close(normalise(x / 1.35, there, 'throughput'), normalise(x, here, 'throughput'));
  close(normalise(1.35, there, 'cpu'), normalise(1, here, 'cpu'));
  assert.throws(() => normalise(1, 0, 'users'), RangeError);
  assert.throws(() => normalise(1, Number.POSITIVE_INFINITY, 'users'), RangeError);
});

test.run();
