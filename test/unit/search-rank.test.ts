import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { TrialStatus, TrialSummary } from '../../scripts/lib/results/types.ts';
import { findParetoFront } from '../../scripts/lib/search/pareto-front.ts';
import { pickMinResources, type ResourceCell } from '../../scripts/lib/search/pick-min-resources.ts';
import { rankConfigs, type ConfigCell } from '../../scripts/lib/search/rank-configs.ts';
import { checkSloMeasure, DEFAULT_SLO } from '../../scripts/lib/search/slo.ts';

function summary(rps: number, p95Ms: number | null): TrialSummary {
  return {
    rps, p50Ms: null, p95Ms, p99Ms: null, requests: 1000, failures: 0, failureRatio: 0,
    p95AtLeast: false, meanMs: null, censored: 0, censoredMaxAgeMs: null,
    apiPeakMemoryMb: null, apiMeanMemoryMb: null, apiPeakCpuPercent: null, apiMeanCpuPercent: null,
    locustPeakCpuPercent: null, locustMeanCpuPercent: null, statsSamples: 0,
    window: { basis: 'request-samples', startS: 20, endS: 80, durationS: 60, warmupS: 15, requests: 1000 },
    stability: null, intervals: null, thinkTimeS: null, serviceDemandMs: null, littlesLaw: null,
  };
}

type Run = [users: number, rps: number, p95Ms: number] | [users: number, status: TrialStatus];
function config(configId: string, cpus: number, memoryMb: number, runs: Run[]): ConfigCell[] {
  return runs.map((run) =>
    run.length === 3
      ? { configId, users: run[0], cpus, memoryMb, summary: summary(run[1], run[2]), status: 'passed' }
      : { configId, users: run[0], cpus, memoryMb, summary: null, status: run[1] },
  );
}

// The workshop's crowds (10, 100, 1000). `ref` is its original setup: baseline image, 1 worker, 1 CPU.
const cells: ConfigCell[] = [
  ...config('ref', 1, 2048, [[10, 5, 100], [100, 50, 200], [1000, 200, 800]]),
  ...config('a', 1, 2048, [[10, 5, 100], [100, 50, 180], [1000, 250, 700]]),
  ...config('b', 2, 2048, [[10, 5, 100], [100, 50, 180], [1000, 250, 700]]),
  ...config('c', 2, 4096, [[10, 5, 100], [100, 50, 250], [1000, 300, 900]]),
  ...config('d', 0.5, 1024, [[10, 5, 100], [100, 50, 200], [1000, 'oom-killed']]),
  ...config('e', 2, 2048, [[10, 5, 100], [100, 50, 200], [1000, 400, 1500]]),
];

test('per crowd: passing first, RPS desc, p95 asc; exact ties share a rank', () => {
  const r = rankConfigs(cells, DEFAULT_SLO, 'ref');
  assert.equal(r.crowds, [10, 100, 1000]);
  const at = (users: number) => r.byCrowd.find((c) => c.users === users)!.cells.map((c) => `${c.configId}:${c.rank}`);
  assert.equal(at(10), ['a:1', 'b:1', 'c:1', 'd:1', 'e:1', 'ref:1']);
  assert.equal(at(100), ['a:1', 'b:1', 'd:3', 'e:3', 'ref:3', 'c:6']);
  // e has the most RPS at 1000 but misses the p95 limit; d was OOM-killed and has no numbers.
  assert.equal(at(1000), ['c:1', 'a:2', 'b:2', 'ref:4', 'e:5', 'd:6']);
  const e = r.byCrowd[2]!.cells.find((c) => c.configId === 'e')!;
  assert.equal([e.check.pass, e.check.binding, e.rps, e.p95Ms], [false, 'p95', 400, 1500]);
  const d = r.byCrowd[2]!.cells.find((c) => c.configId === 'd')!;
  assert.equal([d.check.binding, d.rps, d.p95Ms], ['status', null, null]);
});

test('overall: passing at every crowd first, then mean RPS, then worst p95', () => {
  const r = rankConfigs(cells, DEFAULT_SLO, 'ref');
  assert.equal(r.overall.map((s) => `${s.configId}:${s.rank}`), ['c:1', 'a:2', 'b:2', 'ref:4', 'e:5', 'd:6']);
  assert.equal(r.overall.map((s) => s.passesAll), [true, true, true, true, false, false]);
  assert.equal(r.overall.find((s) => s.configId === 'e')!.failingUsers, [1000]);
  const d = r.overall.find((s) => s.configId === 'd')!;
  assert.equal([d.meanRps, d.worstP95Ms, d.cpus, d.memoryMb], [27.5, 200, 0.5, 1024]);
  assert.is(r.bestConfigId, 'c');
  assert.is(r.referenceConfigId, 'ref');
});

test('gains against the reference, per crowd and overall, in percent', () => {
  const r = rankConfigs(cells, DEFAULT_SLO, 'ref');
  const gains = (id: string) => r.overall.find((s) => s.configId === id)!.gains;
  assert.equal(gains('a'), [
    { users: 10, rpsGainPct: 0, p95ReductionPct: 0 },
    { users: 100, rpsGainPct: 0, p95ReductionPct: 10 },
    { users: 1000, rpsGainPct: 25, p95ReductionPct: 12.5 },
    { users: null, rpsGainPct: gains('a')[3]!.rpsGainPct, p95ReductionPct: 12.5 },
  ]);
  // Mean RPS 305/3 against 255/3: +19.6%.
  assert.is(gains('a')[3]!.rpsGainPct!.toFixed(4), '19.6078');
  assert.equal(gains('c')[2], { users: 1000, rpsGainPct: 50, p95ReductionPct: -12.5 });
  assert.equal(gains('d')[2], { users: 1000, rpsGainPct: null, p95ReductionPct: null });
  assert.equal(gains('ref')[2], { users: 1000, rpsGainPct: 0, p95ReductionPct: 0 });
});

test('Pareto front over passing configs: a beats b (fewer CPUs) and ref; c trades latency for RPS', () => {
  assert.equal(rankConfigs(cells, DEFAULT_SLO, 'ref').paretoFront, ['c', 'a']);
});

test('an unmeasured crowd counts as a miss; an unknown reference gives no gains', () => {
  const r = rankConfigs([...cells, ...config('f', 0.5, 512, [[10, 9, 50]])], DEFAULT_SLO, 'nope');
  const f = r.overall.find((s) => s.configId === 'f')!;
  assert.equal([f.passesAll, f.failingUsers], [false, [100, 1000]]);
  assert.is(r.referenceConfigId, null);
  assert.ok(r.overall.every((s) => s.gains.every((g) => g.rpsGainPct === null && g.p95ReductionPct === null)));
});

test('nothing passes everywhere: no best config, empty front', () => {
  const r = rankConfigs(config('d', 0.5, 1024, [[10, 5, 100], [1000, 'oom-killed']]), DEFAULT_SLO, 'd');
  assert.equal([r.bestConfigId, r.paretoFront], [null, []]);
});

test('two cells for one config and crowd are refused', () => {
  assert.throws(() => rankConfigs([...cells, ...config('a', 1, 2048, [[10, 5, 100]])], DEFAULT_SLO), /two cells for a at 10 users/);
});

test('Pareto: identical points both stay; a point better on all four removes the rest', () => {
  const p = (id: string, rps: number, p95Ms: number, cpus: number, memoryMb: number) => ({ id, rps, p95Ms, cpus, memoryMb });
  assert.equal(findParetoFront([p('x', 10, 100, 1, 1024), p('y', 10, 100, 1, 1024), p('z', 9, 100, 1, 1024)]), ['x', 'y']);
  assert.equal(findParetoFront([p('x', 10, 100, 1, 1024), p('w', 20, 50, 0.5, 512)]), ['w']);
  assert.equal(findParetoFront([p('lean', 10, 300, 0.5, 512), p('fast', 30, 100, 2, 2048)]), ['lean', 'fast']);
});

const cell = (cpus: number, memoryMb: number, pass: boolean): ResourceCell => ({
  cpus, memoryMb, trialId: `sweep-${cpus}-${memoryMb}`,
  check: checkSloMeasure({ p95Ms: pass ? 400 : 1800, failureRatio: 0 }),
});

test('min resources: fewest CPUs, then least memory; grid for the heatmap; unrun squares are null', () => {
  const r = pickMinResources([
    cell(0.5, 1024, false), cell(0.5, 1536, false), cell(0.5, 2048, false),
    cell(1, 1024, false), cell(1, 1536, true), cell(1, 2048, true),
    cell(2, 1024, false), /* 2 CPU × 1536 not run */ cell(2, 2048, true),
  ]);
  assert.equal([r.pick?.cpus, r.pick?.memoryMb, r.pick?.trialId], [1, 1536, 'sweep-1-1536']);
  assert.is(r.ordering, 'cpus-then-memory');
  assert.equal(r.cpusAxis, [0.5, 1, 2]);
  assert.equal(r.memoryAxis, [1024, 1536, 2048]);
  assert.equal(r.grid.map((g) => `${g.cpus}/${g.memoryMb}:${g.pass}`), [
    '0.5/1024:false', '0.5/1536:false', '0.5/2048:false',
    '1/1024:false', '1/1536:true', '1/2048:true',
    '2/1024:false', '2/1536:null', '2/2048:true',
  ]);
  assert.equal(r.grid[7], { cpus: 2, memoryMb: 1536, pass: null, binding: null, trialId: null });
  assert.equal(r.inconsistent, []);
});

test('min resources: CPU is minimized before memory, and a fail above a pass is flagged', () => {
  const r = pickMinResources([cell(1, 1536, true), cell(0.5, 4096, true), cell(2, 2048, false), cell(0.5, 2048, false)]);
  assert.equal([r.pick?.cpus, r.pick?.memoryMb], [0.5, 4096]);
  assert.equal(r.inconsistent, [{ cpus: 2, memoryMb: 2048 }]);
});

test('min resources: none passing, duplicates refused', () => {
  assert.is(pickMinResources([cell(0.5, 512, false)]).pick, null);
  assert.throws(() => pickMinResources([cell(1, 1024, true), cell(1, 1024, false)]), /two cells at 1 CPU, 1024 MiB/);
});

test.run();
