import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { FailurePhase, TrialResult, TrialStatus, TrialSummary } from '../../scripts/lib/results/types.ts';
import { classifyProbe, judgeProbe } from '../../scripts/lib/search/probe-class.ts';
import { checkSlo, checkSloMeasure, DEFAULT_SLO } from '../../scripts/lib/search/slo.ts';

function summary(p95Ms: number | null, failureRatio: number, requests = 1000): TrialSummary {
  return {
    rps: 50, p50Ms: null, p95Ms, p99Ms: null, requests, failures: Math.round(requests * failureRatio), failureRatio,
    p95AtLeast: false, meanMs: null, censored: 0, censoredMaxAgeMs: null,
    apiPeakMemoryMb: null, apiMeanMemoryMb: null, apiPeakCpuPercent: null, apiMeanCpuPercent: null,
    locustPeakCpuPercent: null, locustMeanCpuPercent: null, statsSamples: 0,
    window: { basis: 'request-samples', startS: 20, endS: 80, durationS: 60, warmupS: 15, requests },
    stability: null, intervals: null, thinkTimeS: null, serviceDemandMs: null, littlesLaw: null,
  };
}

type ProbeTrial = Pick<TrialResult, 'status' | 'failurePhase' | 'summary' | 'spec'>;
function trial(status: TrialStatus, failurePhase: FailurePhase | null = null, s: TrialSummary | null = null): ProbeTrial {
  return { status, failurePhase, summary: s, spec: { id: `mem-${status}-${failurePhase ?? 'none'}` } as TrialResult['spec'] };
}

test('defaults are p95 ≤ 1000 ms and failures ≤ 1%', () => {
  assert.equal(DEFAULT_SLO, { p95Ms: 1000, maxFailureRatio: 0.01 });
});

test('passing: binding is the limit closest to its value (p95 at 64% vs failures at 20%)', () => {
  assert.equal(checkSlo({ status: 'passed', summary: summary(640, 0.002) }), {
    pass: true, p95Ms: 640, failureRatio: 0.002, binding: 'p95',
    reason: 'meets the SLO: p95 640 ms (limit 1000 ms); failures 0.2% (limit 1%)',
  });
  const close = checkSlo({ status: 'passed', summary: summary(300, 0.008) });
  assert.is(close.pass, true);
  assert.is(close.binding, 'failures');
  assert.is(close.reason, 'meets the SLO: failures 0.8% (limit 1%); p95 300 ms (limit 1000 ms)');
});

test('limits are inclusive; a tie at the limit binds on p95', () => {
  const check = checkSloMeasure({ p95Ms: 1000, failureRatio: 0.01 });
  assert.is(check.pass, true);
  assert.is(check.binding, 'p95');
});

test('failing on one limit names it', () => {
  const slow = checkSlo({ status: 'passed', summary: summary(1240, 0) });
  assert.equal(slow, { pass: false, p95Ms: 1240, failureRatio: 0, binding: 'p95', reason: 'misses the SLO: p95 1240 ms (limit 1000 ms); failures 0% (limit 1%)' });
  const failing = checkSlo({ status: 'passed', summary: summary(200, 0.02) });
  assert.is(failing.pass, false);
  assert.is(failing.binding, 'failures');
});

test('failing on both: the larger excess binds (failures 5× over beats p95 1.1× over)', () => {
  assert.is(checkSloMeasure({ p95Ms: 1100, failureRatio: 0.05 }).binding, 'failures');
  assert.is(checkSloMeasure({ p95Ms: 5000, failureRatio: 0.02 }).binding, 'p95');
});

test('a trial that did not pass fails on status even with good numbers', () => {
  assert.equal(checkSlo({ status: 'oom-killed', summary: summary(150, 0) }), {
    pass: false, p95Ms: 150, failureRatio: 0, binding: 'status', reason: 'trial ended oom-killed',
  });
  assert.equal(checkSlo({ status: 'passed', summary: null }), {
    pass: false, p95Ms: null, failureRatio: null, binding: 'status', reason: 'trial has no statistics',
  });
  assert.is(checkSlo({ status: 'engine-error', summary: null }).binding, 'status');
});

test('no p95 (no request finished) fails on p95 unless failures are over too', () => {
  assert.equal(checkSloMeasure({ p95Ms: null, failureRatio: 0 }), {
    pass: false, p95Ms: null, failureRatio: 0, binding: 'p95', reason: 'no p95 measured; failures 0% (limit 1%)',
  });
  assert.is(checkSloMeasure({ p95Ms: null, failureRatio: 1 }).binding, 'failures');
});

test('a zero failure limit: no failures passes, any failure fails', () => {
  const slo = { p95Ms: 500, maxFailureRatio: 0 };
  assert.is(checkSloMeasure({ p95Ms: 100, failureRatio: 0 }, slo).pass, true);
  const one = checkSloMeasure({ p95Ms: 100, failureRatio: 0.0001 }, slo);
  assert.is(one.pass, false);
  assert.is(one.binding, 'failures');
  assert.is(checkSloMeasure({ p95Ms: 501, failureRatio: 0 }, slo).binding, 'p95');
});

test('probe classes from status and failure phase', () => {
  const cases: [ProbeTrial, string][] = [
    [trial('passed'), 'healthy'],
    [trial('unhealthy'), 'never-healthy'],
    [trial('oom-killed', 'startup'), 'oom-at-start'],
    [trial('oom-killed', 'first-request'), 'oom-at-first-request'],
    [trial('oom-killed', 'under-load'), 'oom-under-load'],
    [trial('oom-killed', 'after-load'), 'oom-under-load'],
    [trial('oom-killed', null, summary(200, 0.5)), 'oom-under-load'],
    [trial('oom-killed', null, summary(null, 1)), 'oom-at-start'],
    [trial('oom-killed', null), 'oom-at-start'],
    [trial('crashed', 'under-load'), 'crashed'],
    [trial('timeout'), 'inconclusive'],
    [trial('locust-error'), 'inconclusive'],
    [trial('engine-error'), 'inconclusive'],
  ];
  for (const [t, expected] of cases) assert.is(classifyProbe(t), expected, `${t.status}/${t.failurePhase}`);
});

test('the two predicates: serving one request vs staying up under load', () => {
  const pass = (t: ProbeTrial) => [judgeProbe(t, 'serves-one-request').pass, judgeProbe(t, 'survives-load').pass];
  assert.equal(pass(trial('passed')), [true, true]);
  assert.equal(pass(trial('oom-killed', 'under-load')), [true, false]);
  assert.equal(pass(trial('oom-killed', 'after-load')), [true, false]);
  assert.equal(pass(trial('oom-killed', 'first-request')), [false, false]);
  assert.equal(pass(trial('oom-killed', 'startup')), [false, false]);
  assert.equal(pass(trial('unhealthy')), [false, false]);
  assert.equal(pass(trial('crashed', 'under-load')), [false, false]);
  assert.equal(pass(trial('timeout')), [false, false]);
  assert.equal(judgeProbe(trial('oom-killed', 'first-request'), 'serves-one-request'), {
    pass: false, class: 'oom-at-first-request', predicate: 'serves-one-request', trialId: 'mem-oom-killed-first-request',
  });
});

test.run();
