import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { judgePoint, repeatsNeeded, type PointRun } from '../../scripts/lib/search/judge-point.ts';
import type { TrialSummary } from '../../scripts/lib/results/types.ts';

const SLO = { p95Ms: 1000, maxFailureRatio: 0.01 };

/** A run whose p95 order-statistic interval and last sub-windows are given. */
function run(id: string, p95: number, o: { ci?: [number, number]; subs?: number[]; failures?: number; requests?: number; status?: PointRun['status']; atLeast?: boolean } = {}): PointRun {
  const requests = o.requests ?? 1000;
  const summary = {
    rps: 50, p50Ms: p95 / 2, p95Ms: p95, p99Ms: p95 * 1.2, p95AtLeast: o.atLeast ?? false, meanMs: p95 / 2,
    requests, failures: o.failures ?? 0, failureRatio: (o.failures ?? 0) / requests, censored: 0, censoredMaxAgeMs: null,
    apiPeakMemoryMb: null, apiMeanMemoryMb: null, apiPeakCpuPercent: null, apiMeanCpuPercent: null, locustPeakCpuPercent: null, locustMeanCpuPercent: null,
    statsSamples: 20, window: null, thinkTimeS: 1.5, serviceDemandMs: 10, littlesLaw: null,
    stability: o.subs ? { subWindowS: 5, subWindows: o.subs.map((p, i) => ({ startS: i * 5, requests: 250, rps: 50, p95Ms: p })), stable: true, tolerance: 0.1, rpsSpread: 0, p95Spread: 0, p95Trend: 0 } : null,
    intervals: { p95Ms: o.ci ? { low: o.ci[0], high: o.ci[1], level: 0.95, method: 'order-statistic' as const } : null, failureRatio: { low: 0, high: 0.004, level: 0.95, method: 'wilson' as const } },
  } satisfies TrialSummary;
  return { spec: { id }, status: o.status ?? 'passed', summary };
}

test('a run well inside the limit meets it at once; no repeat', () => {
  const p = judgePoint([run('a', 400, { ci: [380, 430], subs: [390, 410, 420] })], SLO);
  assert.is(p.verdict, 'meets');
  assert.ok(p.pass);
  assert.equal([p.p95Interval!.low, p.p95Interval!.high], [380, 430]);
  assert.is(p.p95Interval!.method, 'subwindows-min-max');
  assert.is(repeatsNeeded(p), 0);
});

test('an interval straddling the limit is undecided: straight to 3 runs, then one at a time up to 5', () => {
  const straddle = (id: string, p95: number) => run(id, p95, { ci: [p95 - 50, p95 + 60], subs: [p95 - 20, p95, p95 + 70] });
  const one = judgePoint([straddle('a', 950)], SLO);
  assert.is(one.verdict, 'undecided');
  assert.is(one.binding, 'p95');
  assert.not.ok(one.pass, 'an undecided point does not pass');
  assert.is(repeatsNeeded(one), 2);
  // Three runs: the interval is the runs' [min, max] of their p95, not of their sub-windows.
  const three = judgePoint([straddle('a', 950), straddle('b', 1020), straddle('c', 990)], SLO);
  assert.equal([three.p95Interval!.low, three.p95Interval!.high, three.p95Interval!.method, three.p95Interval!.level], [950, 1020, 'runs-min-max', 0.75]);
  assert.is(three.p95Ms, 990);
  assert.is(repeatsNeeded(three), 1, 'still undecided after 3: one more, up to 5');
  const five = judgePoint([straddle('a', 950), straddle('b', 1020), straddle('c', 990), straddle('d', 960), straddle('e', 1040)], SLO);
  assert.is(repeatsNeeded(five), 0, 'five runs is the most');
  assert.is(five.verdict, 'undecided');
  // Runs that all land past the limit decide, however wide one run's own interval was.
  const past = judgePoint([straddle('a', 1350), straddle('b', 1480), straddle('c', 1690)], SLO);
  assert.is(past.verdict, 'misses');
});

test('a run that did not pass makes the point miss, whatever the others say', () => {
  const p = judgePoint([run('a', 300, { ci: [280, 320] }), run('b', 300, { status: 'oom-killed' })], SLO);
  assert.is(p.verdict, 'misses');
  assert.is(p.binding, 'status');
  assert.is(repeatsNeeded(p), 0);
});

test('a lower-bound p95 can only miss: its interval has no upper end', () => {
  assert.is(judgePoint([run('a', 800, { ci: [700, 900], atLeast: true })], SLO).verdict, 'undecided');
  assert.is(judgePoint([run('a', 1800, { ci: [1500, 2000], atLeast: true })], SLO).verdict, 'misses');
});

test('failures: zero failures stay within the limit; a Wilson interval past it misses', () => {
  assert.is(judgePoint([run('a', 200, { ci: [190, 210], requests: 100 })], SLO).verdict, 'meets');
  const failing = judgePoint([run('a', 200, { ci: [190, 210], failures: 60, requests: 1000 })], SLO);
  assert.is(failing.verdict, 'misses');
  assert.is(failing.binding, 'failures');
  assert.ok(Math.abs(failing.failureRatio! - 0.06) < 1e-12);
});

test('the median of the runs is the point estimate; the pooled failures the ratio', () => {
  const p = judgePoint([run('a', 100, { ci: [90, 110] }), run('b', 300, { ci: [280, 320] }), run('c', 200, { ci: [190, 210], failures: 3 })], SLO);
  assert.is(p.p95Ms, 200);
  assert.ok(Math.abs(p.failureRatio! - 3 / 3000) < 1e-12);
  assert.equal(p.trialIds, ['a', 'b', 'c']);
});

test.run();
