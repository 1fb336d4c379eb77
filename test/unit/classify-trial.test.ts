import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { classifyTrial, type TrialObservation } from '../../scripts/lib/analyze/classify-trial.ts';

const base: TrialObservation = {
  engineError: null, healthy: true, warmupAt: 1_000, loadStartedAt: 2_000, loadEndedAt: 20_000, apiDiedAt: null,
  apiExitCode: null, apiOomKilled: false, apiSurvived: false, apiKilledBySignal: null, locustError: null, onlyConnectionFailures: false, locustExitCode: 0, locustTimedOut: false, locustWroteStats: true,
  successfulRequests: 100, runTimeS: 15, healthTimeoutS: 60,
};

test('a clean run passes, even with failed requests (Locust exit 1)', () => {
  assert.is(classifyTrial(base).status, 'passed');
  assert.is(classifyTrial({ ...base, locustExitCode: 1 }).status, 'passed');
});

test('OOM kills are classed by when they happened', () => {
  const oom = { ...base, apiOomKilled: true, apiExitCode: 137 };
  assert.equal(classifyTrial({ ...oom, healthy: false, apiDiedAt: 500, loadStartedAt: null, warmupAt: null }).failurePhase, 'startup');
  assert.equal(classifyTrial({ ...oom, apiDiedAt: 1_500, loadStartedAt: null, successfulRequests: 0 }).failurePhase, 'first-request');
  assert.equal(classifyTrial({ ...oom, apiDiedAt: 3_000, warmupAt: null, successfulRequests: 0 }).failurePhase, 'first-request');
  assert.equal(classifyTrial({ ...oom, apiDiedAt: 9_000 }).failurePhase, 'under-load');
  assert.equal(classifyTrial({ ...oom, apiDiedAt: 25_000 }).failurePhase, 'after-load');
  const v = classifyTrial({ ...oom, apiDiedAt: 9_000 });
  assert.is(v.status, 'oom-killed');
  assert.equal(v.cause, { id: 'oom-killed', values: { exit: 137, phase: 'under-load' } });
});

test('an OOM kill of one worker that leaves the container running says so', () => {
  const v = classifyTrial({ ...base, apiDiedAt: 9_000, apiOomKilled: true, apiSurvived: true });
  assert.is(v.status, 'oom-killed');
  assert.is(v.failurePhase, 'under-load');
  assert.equal(v.cause, { id: 'oom-killed-process', values: { phase: 'under-load' } });
});

test('docker kill is a crash from outside, not an OOM kill', () => {
  const v = classifyTrial({ ...base, apiDiedAt: 9_000, apiExitCode: 137, apiKilledBySignal: 9 });
  assert.is(v.status, 'crashed');
  assert.equal(v.cause, { id: 'killed-by-signal', values: { signal: 9, exit: 137, phase: 'under-load' } });
});

test("Locust's own error text is the cause when Locust fails or reaches nothing", () => {
  const crash = classifyTrial({ ...base, locustExitCode: 1, locustWroteStats: false, locustError: 'ZeroDivisionError: division by zero' });
  assert.is(crash.status, 'locust-error');
  assert.equal(crash.cause, { id: 'locust-no-stats', values: { exit: 1, detail: 'ZeroDivisionError: division by zero' } });
  const unreachable = classifyTrial({ ...base, locustExitCode: 1, successfulRequests: 0, onlyConnectionFailures: true, locustError: 'ConnectionRefusedError(111)' });
  assert.is(unreachable.status, 'locust-error');
  assert.equal(unreachable.cause, { id: 'locust-unreachable', values: { detail: 'ConnectionRefusedError(111)' } });
});

test('exit 137 without OOMKilled is still an OOM suspect, and says so', () => {
  const v = classifyTrial({ ...base, apiDiedAt: 9_000, apiExitCode: 137 });
  assert.is(v.status, 'oom-killed');
  assert.equal(v.cause, { id: 'oom-suspected', values: { exit: 137, phase: 'under-load' } });
});

test('other exits are crashes; engine refusals, health and Locust failures have their own status', () => {
  assert.is(classifyTrial({ ...base, apiDiedAt: 9_000, apiExitCode: 1 }).status, 'crashed');
  assert.is(classifyTrial({ ...base, engineError: 'port is already allocated' }).status, 'engine-error');
  assert.is(classifyTrial({ ...base, healthy: false, loadStartedAt: null }).status, 'unhealthy');
  assert.is(classifyTrial({ ...base, locustTimedOut: true, locustExitCode: null }).status, 'timeout');
  assert.is(classifyTrial({ ...base, locustExitCode: 2 }).status, 'locust-error');
  assert.is(classifyTrial({ ...base, locustWroteStats: false }).status, 'locust-error');
});

test('each cause is a message id with its values; only outside text is kept as detail', () => {
  assert.equal(classifyTrial(base).cause, null);
  assert.equal(classifyTrial({ ...base, apiDiedAt: 9_000, apiExitCode: 1 }).cause, { id: 'exited', values: { exit: 1, phase: 'under-load' } });
  assert.equal(classifyTrial({ ...base, engineError: 'port is already allocated' }).cause, { id: 'engine-refused', values: { detail: 'port is already allocated' } });
  assert.equal(classifyTrial({ ...base, healthy: false, loadStartedAt: null }).cause, { id: 'never-healthy', values: { timeoutS: 60 } });
  assert.equal(classifyTrial({ ...base, locustTimedOut: true, locustExitCode: null }).cause, { id: 'locust-timeout', values: { runTimeS: 15 } });
  assert.equal(classifyTrial({ ...base, locustExitCode: 2 }).cause, { id: 'locust-failed', values: { exit: 2, detail: null } });
  const values = (v: ReturnType<typeof classifyTrial>) => Object.values(v.cause?.values ?? {});
  for (const o of [{ apiDiedAt: 9_000, apiExitCode: 137 }, { healthy: false }, { locustTimedOut: true }]) {
    for (const value of values(classifyTrial({ ...base, ...o }))) assert.ok(typeof value !== 'string' || !value.includes(' '), `${value}: a token, not a sentence`);
  }
});

test.run();
