import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { EndpointStats, LocustPhases, RequestSample, StatsSample } from '../../scripts/lib/results/types.ts';
import { summarizeTrial, type SummaryInput } from '../../scripts/lib/analyze/summarize-trial.ts';

const close = (actual: number | null | undefined, expected: number, eps = 1e-9) => assert.ok(actual != null && Math.abs(actual - expected) < eps, `${actual} ≉ ${expected}`);

const T0 = 1_700_000_000_000;
const at = (ms: number) => T0 + ms;
const MIB = 1024 * 1024;

/**
 * 4 users spawned by 2 s. Each user's first request (spawn burst) takes 3 s and ends by 4.5 s; then it
 * cycles 100 ms request + 900 ms think, until Locust stops at 38 s. Run time 60 s: warm-up max(5, 6) = 6 s,
 * so the window is 8..38 s. User k's requests end at 500k + 4000 + 1000m ms; inside [8000, 38000] that is
 * 31, 30, 31, 30 requests: 122 finished, all 100 ms.
 */
function requests(): RequestSample[] {
  const out: RequestSample[] = [];
  for (let k = 0; k < 4; k++) {
    const user = `u${k}`;
    out.push({ startMs: at(500 * k), latencyMs: 3_000, status: 'ok', method: 'POST', name: '/predict', user });
    for (let start = 500 * k + 3_900; start < 38_000; start += 1_000) {
      out.push({ startMs: at(start), latencyMs: 100, status: 'ok', method: 'POST', name: '/predict', user });
    }
  }
  return out;
}

const PHASES: LocustPhases = {
  testStartMs: T0, spawned: [{ tMs: at(2_000), users: 4 }], stoppingMs: at(38_000), stoppedMs: at(38_500), stopRequestedMs: null,
};

/** API at 40 % of a core in the window, at its 50 % limit during the spawn; 200 MiB, 300 MiB once during the spawn; Locust at 20 %. */
function stats(apiCpu: (s: number) => number = (s) => (s < 8 ? 50 : 40)): StatsSample[] {
  const out: StatsSample[] = [];
  for (let s = 0; s <= 40; s++) {
    out.push({ t: at(s * 1_000), container: 'api', cpuPercentOfCore: apiCpu(s), cpuPercentOfLimit: null, memoryBytes: (s === 3 ? 300 : 200) * MIB, memoryLimitBytes: 1024 * MIB });
    out.push({ t: at(s * 1_000), container: 'locust', cpuPercentOfCore: 20, cpuPercentOfLimit: null, memoryBytes: 50 * MIB, memoryLimitBytes: 0 });
  }
  return out;
}

const AGG: EndpointStats = {
  method: '', name: 'Aggregated', requests: 1000, failures: 10, medianMs: 120, avgMs: 150, minMs: 20, maxMs: 2000,
  rps: 33.3, failuresPerS: 0.33, percentiles: { '50%': 120, '95%': 400, '99%': 900 },
};

const input = (over: Partial<SummaryInput> = {}): SummaryInput => ({
  endpoints: [AGG], samples: stats(), loadStartedAt: T0, loadEndedAt: at(39_000),
  users: 4, spawnRate: 2, runTimeS: 60, requests: requests(), phases: PHASES, cpus: 0.5, ...over,
});

test('the spawn burst before the window does not count: 122 requests of 100 ms over 8..38 s', () => {
  const { summary: s, flags } = summarizeTrial(input());
  assert.equal(flags, []);
  assert.equal(s!.window, { basis: 'request-samples', startS: 8, endS: 38, durationS: 30, warmupS: 6, requests: 122 });
  close(s!.rps, 122 / 30);
  assert.equal([s!.p50Ms, s!.p95Ms, s!.p99Ms, s!.p95AtLeast, s!.meanMs], [100, 100, 100, false, 100]);
  assert.equal([s!.requests, s!.failures, s!.failureRatio, s!.censored, s!.censoredMaxAgeMs], [122, 0, 0, 0, null]);
  // Window samples at 8..38 s only: the 50 % spawn CPU is out, the 300 MiB peak is in (whole trial).
  assert.equal([s!.apiMeanCpuPercent, s!.apiPeakCpuPercent, s!.apiPeakMemoryMb, s!.apiMeanMemoryMb], [40, 40, 300, 200]);
  assert.equal([s!.locustMeanCpuPercent, s!.locustPeakCpuPercent, s!.statsSamples], [20, 20, 82]);
  // D = 0.4 cores / (122/30 req/s).
  close(s!.serviceDemandMs, (0.4 / (122 / 30)) * 1000);
  close(s!.thinkTimeS, 0.9);
  // 4.0667 req/s × (0.1 + 0.9) s = 4.07 users of 4.
  assert.is(s!.littlesLaw!.users, 4);
  close(s!.littlesLaw!.predictedUsers, 122 / 30);
  close(s!.littlesLaw!.deviation, (122 / 30 - 4) / 4);
});

test('stability and intervals of the steady window', () => {
  const s = summarizeTrial(input()).summary!;
  // 6 sub-windows of 20 requests (the two ending exactly at 38 s fall outside the half-open last one).
  assert.equal(s.stability!.subWindows.map((w) => [w.startS, w.requests, w.p95Ms]), [
    [8, 20, 100], [13, 20, 100], [18, 20, 100], [23, 20, 100], [28, 20, 100], [33, 20, 100],
  ]);
  assert.equal([s.stability!.stable, s.stability!.p95Trend], [true, 0]);
  // n = 122: ranks 111..121, all 100 ms; Wilson 0 of 122 reaches 3.05 %.
  assert.equal(s.intervals!.p95Ms, { low: 100, high: 100, level: 0.95, method: 'order-statistic' });
  assert.is(s.intervals!.failureRatio.low, 0);
  close(s.intervals!.failureRatio.high, 0.030526178389012868);
});

test('censored requests count as failures and push the p95 to a lower bound', () => {
  const censored = [6_000, 7_000, 8_000, 9_000, 10_000, 11_000, 12_000].map((age, i): RequestSample => ({
    startMs: at(30_000 + i), latencyMs: age, status: 'censored', method: 'POST', name: '/predict', user: `u${i % 4}`,
  }));
  // Started after the window closed: not owed within it.
  const late: RequestSample = { startMs: at(38_200), latencyMs: 300, status: 'censored', method: 'POST', name: '/predict', user: 'late' };
  const { summary: s, flags } = summarizeTrial(input({ requests: [...requests(), ...censored, late] }));
  assert.equal(flags, ['censored-requests']);
  // n = 129, rank ⌈0.95·129⌉ = 123 > 122 finished: the first censored age, 6000 ms, is a lower bound.
  assert.equal([s!.p95Ms, s!.p95AtLeast, s!.p50Ms], [6_000, true, 100]);
  assert.equal([s!.requests, s!.failures, s!.censored, s!.censoredMaxAgeMs, s!.window!.requests], [129, 7, 7, 12_000, 129]);
  close(s!.failureRatio, 7 / 129);
  close(s!.rps, 122 / 30);
  close(s!.meanMs, 100);
  // The p95 interval's upper rank (128) is censored: unbounded, so none.
  assert.is(s!.intervals!.p95Ms, null);
  close(s!.intervals!.failureRatio.low, 0.026530955330892246);
});

test('Little\'s law flags users the window does not see: 10 in the loop, 4.07 accounted for', () => {
  // Six more users, each stuck on one request from before the window to Locust's stop: they are in the
  // crowd (their censored rows name them), but no finished request shows their wait.
  const stuck = [0, 1, 2, 3, 4, 5].map((i): RequestSample => ({ startMs: at(5_000 + i), latencyMs: 33_000, status: 'censored', method: 'POST', name: '/predict', user: `s${i}` }));
  const { summary: s, flags } = summarizeTrial(input({ requests: [...requests(), ...stuck], phases: { ...PHASES, spawned: [{ tMs: at(2_000), users: 10 }] } }));
  assert.equal(flags, ['littles-law', 'censored-requests']);
  assert.is(s!.littlesLaw!.users, 10);
  close(s!.littlesLaw!.deviation, (10 - 122 / 30) / 10);
});

test('10 asked for, 4 seen: the crowd that ran was not the one asked for, and Little\'s law holds for the 4', () => {
  const { summary: s, flags } = summarizeTrial(input({ phases: { ...PHASES, spawned: [{ tMs: at(2_000), users: 10 }] } }));
  assert.equal(flags, ['crowd-mismatch']);
  assert.is(s!.activeUsers, 4);
  assert.is(s!.littlesLaw!.users, 4);
});

test('a CPU sample above the limit: flagged beyond 5 %, and every sample capped at the limit', () => {
  // Limit 0.5 CPU = 50 %. 56 % is 12 % over: flagged. Mean (30·40 + 50) / 31 = 40.3.
  const hot = summarizeTrial(input({ samples: stats((s) => (s < 8 ? 50 : s === 20 ? 56 : 40)) }));
  assert.equal(hot.flags, ['cpu-above-limit']);
  assert.equal([hot.summary!.apiPeakCpuPercent, hot.summary!.apiMeanCpuPercent], [50, 40.3]);
  // 52 % is within 5 % (52.5): capped, not flagged.
  const jitter = summarizeTrial(input({ samples: stats((s) => (s < 8 ? 50 : s === 20 ? 52 : 40)) }));
  assert.equal(jitter.flags, []);
  assert.is(jitter.summary!.apiPeakCpuPercent, 50);
  // Unlimited (cpus 0) caps and flags nothing.
  assert.is(summarizeTrial(input({ cpus: 0, samples: stats((s) => (s === 20 ? 56 : 40)) })).summary!.apiPeakCpuPercent, 56);
});

test('a short window is flagged and has no stability', () => {
  // Stop at 15 s: window 8..15 s, 7 s.
  const { summary: s, flags } = summarizeTrial(input({ phases: { ...PHASES, stoppingMs: at(15_000) } }));
  assert.ok(flags.includes('short-steady-window'));
  assert.is(s!.window!.durationS, 7);
  assert.is(s!.stability, null);
});

test('no request in the window: zero throughput, no p95, Wilson over nothing is [0, 1]', () => {
  const { summary: s, flags } = summarizeTrial(input({ requests: [] }));
  assert.ok(flags.includes('no-requests'));
  assert.equal([s!.rps, s!.p95Ms, s!.meanMs, s!.thinkTimeS, s!.littlesLaw, s!.intervals!.p95Ms], [0, null, null, null, null, null]);
  assert.equal(s!.intervals!.failureRatio, { low: 0, high: 1, level: 0.95, method: 'wilson' });
});

test('fallback without request samples: Locust\'s Aggregated row over the planned window', () => {
  const { summary: s, flags } = summarizeTrial(input({ requests: null, phases: null, users: 10 }));
  assert.equal(flags, ['no-request-samples']);
  // 10 users at 2/s: spawned by 5 s; run time 60 s.
  assert.equal(s!.window, { basis: 'locust-stats', startS: 5, endS: 60, durationS: 55, warmupS: 0, requests: 1000 });
  assert.equal([s!.rps, s!.p50Ms, s!.p95Ms, s!.p99Ms, s!.p95AtLeast, s!.meanMs], [33.3, 120, 400, 900, false, 150]);
  assert.equal([s!.requests, s!.failures, s!.failureRatio, s!.censored], [1000, 10, 0.01, 0]);
  assert.equal([s!.stability, s!.intervals, s!.littlesLaw, s!.thinkTimeS], [null, null, null, null]);
  // CPU over 5..39 s (the lab saw Locust end at 39 s): 50 % at 5..7 s, 40 % at 8..39 s.
  assert.is(s!.apiMeanCpuPercent, 40.9);
  assert.is(s!.apiPeakCpuPercent, 50);
  close(s!.serviceDemandMs, ((3 * 50 + 32 * 40) / 35 / 100 / 33.3) * 1000);
});

test('fallback: no Aggregated row means no summary; samples without a window say the window was short', () => {
  assert.equal(summarizeTrial(input({ requests: null, endpoints: [] })), { summary: null, flags: ['no-request-samples'] });
  // Spawning never completed: the hook wrote samples but there is no steady window.
  const { summary: s, flags } = summarizeTrial(input({ phases: { ...PHASES, spawned: [] } }));
  assert.equal(flags, ['short-steady-window']);
  assert.is(s!.window!.basis, 'locust-stats');
});

test('the crowd that really ran: users seen in the window, Little\'s law on them, and a flag when Locust ran another crowd', () => {
  const { summary: s, flags } = summarizeTrial(input());
  assert.is(s!.activeUsers, 4);
  assert.not.ok(flags.includes('crowd-mismatch'));
  // A fifth user Locust started on its own (as a master re-sends a worker's users): 5 seen against 4 asked, 25 % off.
  const extra = requests().filter((r) => r.user === 'u0').map((r) => ({ ...r, user: 'u4' }));
  const more = summarizeTrial(input({ requests: [...requests(), ...extra] }));
  assert.is(more.summary!.activeUsers, 5);
  assert.ok(more.flags.includes('crowd-mismatch'), more.flags.join(', '));
  assert.is(more.summary!.littlesLaw!.users, 5);
  // A user stuck on one request for the whole window is in the crowd: its censored row names it.
  const stuck: RequestSample = { startMs: at(7_000), latencyMs: 31_500, status: 'censored', method: 'POST', name: '/predict', user: 'u9' };
  assert.is(summarizeTrial(input({ requests: [...requests(), stuck] })).summary!.activeUsers, 5);
  // A user whose only request ended before the window opened is not.
  const gone: RequestSample = { startMs: at(1_000), latencyMs: 500, status: 'ok', method: 'POST', name: '/predict', user: 'u8' };
  assert.is(summarizeTrial(input({ requests: [...requests(), gone] })).summary!.activeUsers, 4);
});

test.run();
