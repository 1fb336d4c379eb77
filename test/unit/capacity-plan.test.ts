import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { capacityPlan, replicasFor, type CapacityInput } from '../../scripts/lib/analyze/capacity-plan.ts';
import { Z_95 } from '../../scripts/lib/analyze/latency-quantiles.ts';
import type { ReplicaRun, TrialResult, UsersCurvePoint } from '../../scripts/lib/results/types.ts';

const close = (actual: number | null | undefined, expected: number, tolerance = 1e-6, what = '') =>
  assert.ok(actual != null && Math.abs(actual - expected) <= tolerance, `${what}: expected ${expected}, got ${actual}`);

// Only the fields the plan reads; a trial carries much more.
function trial(id: string, spec: { cpus: number; memoryMb: number; users: number; replicas?: number }, rps: number, extra: { demandMs?: number; thinkTimeS?: number } = {}): TrialResult {
  return {
    spec: { id, image: 'img', replicas: 1, ...spec }, status: 'passed',
    summary: {
      // A 100 s window with no sub-windows: the throughput interval is Poisson noise, rps ± 1.96·√(rps·100)/100.
      rps, requests: rps * 100, failures: 0, p95Ms: 300, p95AtLeast: false, stability: null, intervals: null,
      window: { basis: 'request-samples', startS: 10, endS: 110, durationS: 100, warmupS: 5, requests: rps * 100 },
      serviceDemandMs: extra.demandMs ?? null, thinkTimeS: extra.thinkTimeS ?? null,
    },
  } as unknown as TrialResult;
}
// Z_95 = 1.95996…, the normal quantile the stages use.
const poisson = (rps: number) => (Z_95 * Math.sqrt(rps * 100)) / 100;

const hold: UsersCurvePoint = {
  users: 100, source: 'hold', p95Ms: 600, failureRatio: 0, rps: 50, trialId: 'hold-100',
  point: { trialIds: ['hold-100'], rps: 50, rpsInterval: { low: 48, high: 52, level: 0.95, method: 'poisson' }, pass: true, verdict: 'meets' } as never,
};
const run = (trialId: string, replicas: number, cpus: number, rps: number, loadLimited = false): ReplicaRun =>
  ({ trialId, replicas, cpus, rps, p95Ms: 100, loadLimited, status: 'passed' });

/**
 * One replica (2 CPUs, 3000 MiB) serves 100 users at 50 req/s within the SLO
 * (cycle R + Z = 100 / 50 = 2 s); 1 replica at 1 CPU serves 40 req/s, 2 serve 76.
 */
function input(overrides: { runs?: ReplicaRun[]; host?: { cpus: number; memoryBytes: number } } = {}): CapacityInput {
  return {
    slo: { p95Ms: 1000, maxFailureRatio: 0.01 },
    host: { cpus: 8, memoryBytes: 16 * 2 ** 30, ...overrides.host } as never,
    trials: [
      trial('hold-100', { cpus: 2, memoryMb: 3000, users: 100 }, 50),
      trial('rep-1', { cpus: 1, memoryMb: 1000, users: 200 }, 40, { demandMs: 20, thinkTimeS: 1.8 }),
      trial('rep-2', { cpus: 1, memoryMb: 1000, users: 200, replicas: 2 }, 76),
    ],
    stages: {
      maxUsers: {
        configLabel: 'best · 2 CPU', lastPassingUsers: 100, firstFailingUsers: 110, rpsAtAnswer: 50, trialIds: ['hold-100'],
        curve: [hold], operationalBound: { demandMs: 18, thinkTimeS: 1.8, users: 0, maxRps: 0 },
      } as never,
      replicas: { runs: overrides.runs ?? [run('rep-1', 1, 1, 40), run('rep-2', 2, 1, 76)] } as never,
    },
  };
}

test('σ from two points, κ held at 0: X(2)/X(1) = 2 / (1 + σ) gives σ = 2·40/76 − 1 = 1/19', () => {
  const plan = capacityPlan(input(), 1200);
  assert.is(plan.usl!.method, 'two-point');
  assert.equal(plan.usl!.fixed, ['kappa']);
  close(plan.usl!.sigma, 1 / 19, 1e-12, 'sigma');
  assert.is(plan.usl!.kappa, 0);
  // σ's range from the runs' Poisson intervals: 1 replica 40 ± 1.2396, 2 replicas 76 ± 1.7087.
  // Low end 2·38.7604/77.7087 − 1 < 0, so 0; high end 2·41.2396/74.2913 − 1 = 0.11021.
  assert.is(plan.usl!.sigmaRange!.low, 0);
  close(plan.usl!.sigmaRange!.high, (2 * (40 + poisson(40))) / (76 - poisson(76)) - 1, 1e-12, 'sigma high');
  close(plan.usl!.sigmaRange!.high, 0.110214, 1e-5, 'sigma high by hand');
  assert.is(plan.usl!.sigmaIsUpperBound, false);
});

test('the plan for 1200 users: 31 replicas, 62 CPUs, 93,000 MiB, 8 hosts of 8 CPUs and 16 GiB', () => {
  const plan = capacityPlan(input(), 1200);
  assert.is(plan.verdict, 'planned');
  assert.equal(plan.setup, { label: 'best · 2 CPU', trialId: 'hold-100', cpus: 2, memoryMb: 3000 });
  // Little's law at the answer: cycle = 100 users / 50 req/s = 2 s; R = 2 − Z(1.8) = 0.2 s.
  close(plan.perReplica!.cycleS, 2, 1e-12, 'cycle');
  close(plan.perReplica!.responseS, 0.2, 1e-12, 'response');
  assert.equal(plan.perReplica!.usersRange, { low: 100, high: 109 });
  close(plan.requiredRps, 600, 1e-9, 'required req/s = 1200 / 2 s');
  // r ≥ 12·(1 − 1/19) / (1 − 12/19) = 30.86 → 31: 3100 / (1 + 30/19) = 1202 users; 30 replicas serve 1187.5.
  assert.is(plan.replicas!.count, 31);
  assert.is(plan.replicas!.linear, 12);
  close(plan.replicas!.extrapolation, 15.5, 1e-12, '31 replicas against 2 measured');
  // Low end: 109 users per replica, σ = 0 → ⌈1200/109⌉ = 12. High end: σ = 0.110 levels off at 100/0.110 = 907 users < 1200.
  assert.equal(plan.replicas!.range, { low: 12, high: null });
  close(plan.ceilingRps, 50 * 19, 1e-9, 'ceiling X(1)/σ');
  assert.equal(plan.total, { cpus: 62, memoryMb: 93_000 });
  // 8 CPUs / 2 = 4 replicas a host; 16384 MiB / 3000 = 5: CPU decides; ⌈31 / 4⌉ = 8 hosts.
  assert.is(plan.hosts!.replicasPerHost, 4);
  assert.is(plan.hosts!.limitedBy, 'cpu');
  assert.is(plan.hosts!.count, 8);
  assert.equal(plan.hosts!.range, { low: 3, high: null });
});

test('the 2-replica check: min(2 × 40, 200 / (0.020 + 1.8)) = 80 req/s against 76 measured, +5.26 %', () => {
  const check = capacityPlan(input(), 1200).check!;
  close(check.capacityRps, 80, 1e-12, 'capacity');
  close(check.loadBoundRps, 200 / 1.82, 1e-9, 'load bound');
  assert.is(check.binding, 'capacity');
  close(check.errorPct, (4 / 76) * 100, 1e-9, 'error');
  assert.is(check.withinInterval, false, '80 lies above 76 + 1.71');
});

test('a load-limited 2-replica run makes σ an upper bound and its range start at 0', () => {
  const plan = capacityPlan(input({ runs: [run('rep-1', 1, 1, 40), run('rep-2', 2, 1, 76, true)] }), 1200);
  assert.is(plan.usl!.sigmaIsUpperBound, true);
  assert.is(plan.usl!.sigmaRange!.low, 0);
  assert.is(plan.check!.measuredLoadLimited, true);
});

test('better than linear within noise: σ is clamped to 0 and the plan is ⌈N / U₁⌉', () => {
  const plan = capacityPlan(input({ runs: [run('rep-1', 1, 1, 40), run('rep-2', 2, 1, 82)] }), 1200);
  assert.is(plan.usl!.sigma, 0);
  assert.is(plan.usl!.clamped, true);
  assert.is(plan.replicas!.count, 12);
  assert.is(plan.ceilingRps, null);
});

test('verdicts: no max-users answer, no replicas comparison, beyond the ceiling, a replica larger than the host', () => {
  const noAnswer = input();
  (noAnswer.stages.maxUsers as { lastPassingUsers: number | null }).lastPassingUsers = null;
  assert.is(capacityPlan(noAnswer, 1200).verdict, 'no-max-users');
  assert.is(capacityPlan(noAnswer, 1200).replicas, null);

  const noReplicas = capacityPlan(input({ runs: [run('rep-1', 1, 1, 40)] }), 1200);
  assert.is(noReplicas.verdict, 'no-replicas');
  close(noReplicas.requiredRps, 600, 1e-9, 'the per-replica numbers stay');

  // σ = 1/19: the curve levels off at 19 × 100 = 1900 users.
  const beyond = capacityPlan(input(), 2000);
  assert.is(beyond.verdict, 'beyond-ceiling');
  assert.is(beyond.replicas, null);
  assert.ok(beyond.curve.length > 0, 'the curve still shows where it levels off');

  const small = capacityPlan(input({ host: { cpus: 1, memoryBytes: 16 * 2 ** 30 } }), 1200);
  assert.is(small.verdict, 'replica-exceeds-host');
  assert.is(small.hosts!.count, null);
});

test('replicasFor: with κ > 0 the count stops at the peak', () => {
  // 100·r / (1 + 0.001·r(r − 1)): 5 replicas serve 490, 6 serve 582.5.
  assert.is(replicasFor(500, 100, 0, 0.001), 6);
  // The peak √(1/0.001) ≈ 31.6 serves about 1590 users; 2000 is out of reach.
  assert.is(replicasFor(2000, 100, 0, 0.001), null);
  assert.is(replicasFor(80, 100, 0.5, 0), 1);
});

test('three replica counts: a least-squares fit recovers σ and κ of exact USL data', () => {
  const x = (r: number) => (40 * r) / (1 + 0.05 * (r - 1) + 0.002 * r * (r - 1));
  const runs = [run('rep-1', 1, 1, x(1)), run('rep-2', 2, 1, x(2)), run('rep-4', 4, 1, x(4))];
  const base = input({ runs });
  base.trials.push(trial('rep-4', { cpus: 1, memoryMb: 1000, users: 200, replicas: 4 }, x(4)));
  const usl = capacityPlan(base, 1200).usl!;
  assert.is(usl.method, 'least-squares');
  assert.equal(usl.fixed, []);
  close(usl.sigma, 0.05, 1e-6, 'sigma');
  close(usl.kappa, 0.002, 1e-7, 'kappa');
});

test('the target must be a whole crowd', () => {
  assert.throws(() => capacityPlan(input(), 0), /--target-users/);
  assert.throws(() => capacityPlan(input(), 1.5), /targetUsers/);
});

test.run();
