import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { locustWorkersFor } from '../../scripts/lib/search/locust-workers.ts';
import { generatorCost } from '../../scripts/lib/analyze/generator-cost.ts';
import type { TrialResult } from '../../scripts/lib/results/types.ts';

const FALLBACK = { aboveUsers: 2000, workers: 2 };

test('without a measured cost: the plan\'s fixed rule', () => {
  assert.is(locustWorkersFor(1000, { cost: null, hostCpus: 2, fallback: FALLBACK }), 0);
  assert.is(locustWorkersFor(2001, { cost: null, hostCpus: 2, fallback: FALLBACK }), 2);
});

test('with a measured cost: N / Z requests/s times the CPU per request, under 0.8 core per process', () => {
  // 2.5 ms of Locust CPU per request (as measured here: 5 % of a core at 20 req/s), think time 1.5 s.
  const cost = { cpuSecondsPerRequest: 0.0025, thinkTimeS: 1.5, trials: 4 };
  // 137 users ask for at most 91.3 req/s: 0.23 core, one process.
  assert.is(locustWorkersFor(137, { cost, hostCpus: 2, fallback: FALLBACK }), 0);
  // 480 users: 320 req/s, 0.8 core: still one process (the limit is inclusive).
  assert.is(locustWorkersFor(480, { cost, hostCpus: 2, fallback: FALLBACK }), 0);
  // 1000 users: 666.7 req/s, 1.67 cores: 3 processes at 0.8 each, but only 2 can run at once on 2 CPUs.
  assert.is(locustWorkersFor(1000, { cost, hostCpus: 2, fallback: FALLBACK }), 2);
  assert.is(locustWorkersFor(1000, { cost, hostCpus: 8, fallback: FALLBACK }), 3);
  // 10,000 users: 6,667 req/s, 16.7 cores: 21 processes on a host that had 32 CPUs.
  assert.is(locustWorkersFor(10_000, { cost, hostCpus: 32, fallback: FALLBACK }), 21);
});

const trial = (o: { rps: number; cpu: number | null; think?: number | null; workers?: number; status?: TrialResult['status'] }) => ({
  status: o.status ?? 'passed',
  spec: { locustWorkers: o.workers ?? 0 },
  summary: { rps: o.rps, locustMeanCpuPercent: o.cpu, thinkTimeS: o.think === undefined ? 1.5 : o.think },
}) as unknown as TrialResult;

test('the cost is the median over one-process trials with a steady rate', () => {
  const cost = generatorCost([
    trial({ rps: 20, cpu: 5 }), // 2.5 ms
    trial({ rps: 40, cpu: 8 }), // 2.0 ms
    trial({ rps: 80, cpu: 24, think: 1.6 }), // 3.0 ms
    trial({ rps: 2, cpu: 3 }), // too slow to tell requests from idle overhead
    trial({ rps: 500, cpu: 90, workers: 2 }), // distributed: its CPU is split over containers
    trial({ rps: 50, cpu: 50, status: 'oom-killed' }),
    trial({ rps: 50, cpu: null }),
  ])!;
  assert.is(cost.trials, 3);
  assert.ok(Math.abs(cost.cpuSecondsPerRequest - 0.0025) < 1e-12, String(cost.cpuSecondsPerRequest));
  assert.is(cost.thinkTimeS, 1.5);
  assert.is(generatorCost([trial({ rps: 2, cpu: 3 })]), null);
});

test.run();
