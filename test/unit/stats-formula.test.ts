import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toStatsSample, type RawDockerStats } from '../../scripts/lib/docker/stats-formula.ts';

const raw = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/docker-stats/${name}`, import.meta.url), 'utf8')) as RawDockerStats;

const close = (actual: number | null | undefined, expected: number) =>
  assert.ok(actual != null && Math.abs(actual - expected) < 1e-9, `${actual} ≈ ${expected}`);

test('cgroup v1, busy loop under --cpus 0.5 (stream=false reading)', () => {
  const sample = toStatsSample(raw('cgroup1-busy.json'), 'api', 0.5)!;
  // Numbers copied from the fixture: cpu_stats vs precpu_stats, online_cpus 2.
  const cpuDelta = 1561549997 - 1056329224;
  const systemDelta = 822740000000 - 820700000000;
  const percentOfCore = (cpuDelta / systemDelta) * 2 * 100;
  close(sample.cpuPercentOfCore, percentOfCore);
  close(sample.cpuPercentOfLimit, percentOfCore / 0.5);
  // The container is held at half a core: about 50 % of one core, 100 % of its limit.
  assert.ok(sample.cpuPercentOfCore > 45 && sample.cpuPercentOfCore < 55);
  // usage 790528, total_inactive_file 0.
  assert.is(sample.memoryBytes, 790528);
  assert.is(sample.memoryLimitBytes, 268435456);
  assert.is(sample.t, Date.parse('2026-11-28T01:28:32.689Z'));
  assert.is(sample.container, 'api');
});

test('cgroup v1, the next reading of the same container', () => {
  const sample = toStatsSample(raw('cgroup1-busy-next.json'), 'api', 0.5)!;
  close(sample.cpuPercentOfCore, ((2596203646 - 2083682066) / (826850000000 - 824820000000)) * 2 * 100);
  assert.is(sample.t, Date.parse('2026-11-28T01:28:34.721Z'));
});

test('cgroup v1 with page cache: total_inactive_file is not the container\'s memory', () => {
  const sample = toStatsSample(raw('cgroup1-page-cache.json'), 'api', 0.5)!;
  assert.is(sample.memoryBytes, 43913216 - 42029056);
  close(sample.cpuPercentOfCore, ((1772674907 - 1286227262) / (855560000000 - 853600000000)) * 2 * 100);
});

test('cgroup v2 (hand-made): inactive_file is subtracted, no percpu_usage needed', () => {
  const sample = toStatsSample(raw('cgroup2-handmade.json'), 'api', 0.5)!;
  assert.is(sample.memoryBytes, 43913216 - 42029056);
  close(sample.cpuPercentOfLimit, (((1772674907 - 1286227262) / (855560000000 - 853600000000)) * 2 * 100) / 0.5);
});

test('old engines: cache is subtracted when no inactive_file is reported', () => {
  const old = raw('cgroup1-page-cache.json');
  old.memory_stats.stats = { cache: 42037248, rss: 114688 };
  assert.is(toStatsSample(old, 'api', null)!.memoryBytes, 43913216 - 42037248);
});

test('an inactive_file not below usage is ignored (docker CLI rule)', () => {
  const odd = raw('cgroup2-handmade.json');
  odd.memory_stats.stats = { inactive_file: 43913216 };
  assert.is(toStatsSample(odd, 'api', null)!.memoryBytes, 43913216);
});

test('unlimited CPU: no percent of limit', () => {
  assert.is(toStatsSample(raw('cgroup1-busy.json'), 'locust', null)!.cpuPercentOfLimit, null);
});

test('online_cpus missing: the length of percpu_usage counts the CPUs', () => {
  const noOnline = raw('cgroup1-busy.json');
  delete noOnline.cpu_stats.online_cpus;
  close(toStatsSample(noOnline, 'api', null)!.cpuPercentOfCore, ((1561549997 - 1056329224) / (822740000000 - 820700000000)) * 2 * 100);
});

test('counters that did not move give 0, not a negative or NaN', () => {
  const idle = raw('cgroup1-busy.json');
  idle.cpu_stats.cpu_usage.total_usage = idle.precpu_stats.cpu_usage.total_usage;
  assert.is(toStatsSample(idle, 'api', 0.5)!.cpuPercentOfCore, 0);
  assert.is(toStatsSample(idle, 'api', 0.5)!.cpuPercentOfLimit, 0);
});

test('first reading of a stream (empty precpu_stats) gives no sample', () => {
  assert.is(toStatsSample(raw('cgroup1-first-sample.json'), 'api', 0.5), null);
});

test('stopped container (zero read time, empty memory_stats) gives no sample', () => {
  assert.is(toStatsSample(raw('cgroup1-exited.json'), 'api', 0.5), null);
});

test.run();
