import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { labCpuSeconds } from '../../scripts/lib/analyze/lab-cpu-seconds.ts';
import type { StatsSample } from '../../scripts/lib/results/types.ts';

const sample = (container: string, t: number, cpu: number): StatsSample => ({ t, container, cpuPercentOfCore: cpu, cpuPercentOfLimit: null, memoryBytes: 0, memoryLimitBytes: 0 });

test('sums each container: share of a core times the time since its previous sample', () => {
  const samples = [sample('api', 0, 50), sample('api', 1000, 50), sample('api', 2000, 100), sample('locust', 0, 10), sample('locust', 1000, 20)];
  // api: 0.5 core × 1 s + 1 core × 1 s; locust: 0.2 × 1 s. The first sample of each has no interval.
  assert.ok(Math.abs(labCpuSeconds(samples, 0, 2000) - 1.7) < 1e-9);
});

test('only the part of an interval inside the span counts, and long gaps count not at all', () => {
  const samples = [sample('api', 0, 100), sample('api', 1000, 100), sample('api', 2000, 100), sample('api', 9000, 100)];
  assert.ok(Math.abs(labCpuSeconds(samples, 500, 1500) - 1) < 1e-9);
  assert.ok(Math.abs(labCpuSeconds(samples, 0, 9000) - 2) < 1e-9, 'the 7 s gap is a pause in sampling');
});

test.run();
