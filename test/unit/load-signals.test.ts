import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadSignals, raceSignals, RESIDENT_MS, STEP_MIN_MB } from '../../scripts/lib/analyze/load-signals.ts';
import type { StatsSample } from '../../scripts/lib/results/types.ts';

const MiB = 1048576;
const T0 = 1_800_000_000_000;
/** One sample a second from T0: memory in MiB and the process count, per second. */
const series = (container: string, memoryMb: number[], processes?: number[]): StatsSample[] => memoryMb.map((mb, i) => ({
  t: T0 + i * 1000, container, cpuPercentOfCore: 50, cpuPercentOfLimit: 50, memoryBytes: mb * MiB, memoryLimitBytes: 1024 * MiB,
  ...(processes ? { processes: processes[i]! } : {}),
}));
const uvicorn2 = { command: ['python3', '-m', 'uvicorn', 'main:app', '--workers', '2'], env: {} };
const health = (mb: number, container = 'api', atS = 2) => ({ t: T0 + atS * 1000 + 500, bytes: { [container]: mb * MiB } });
const end = T0 + 20_000;

test('a lazy model: memory steps up after the first requests', () => {
  const s = loadSignals(series('api', [90, 100, 105, 180, 300, 300, 300], [4, 4, 4, 4, 4, 4, 4]), { health: health(100), loadEndedAt: end, spec: uvicorn2 });
  assert.equal(s, { processesMax: 4, processesExpected: 4, memoryAtHealthMb: 100, memoryAfterFirstMb: 300, stepLimitMb: STEP_MIN_MB, signals: ['memory-step-up'] });
});

test('a model loaded at startup: memory already high at health, ordinary growth under load is no step', () => {
  // The samples before health are left out on purpose: a second-old reading can miss the end of the load.
  const s = loadSignals(series('api', [90, 200, 330, 340, 350, 355, 352], [1, 4, 4, 4, 4, 4, 4]), { health: health(330), loadEndedAt: end, spec: uvicorn2 });
  assert.equal(s.signals, []);
  assert.is(s.memoryAfterFirstMb, 355);
});

test('the step limit grows with the memory at health: a quarter of it above 160 MiB', () => {
  const big = loadSignals(series('api', [1000, 1000, 1000, 1200, 1240]), { health: health(1000), loadEndedAt: end, spec: uvicorn2 });
  assert.is(big.stepLimitMb, 250);
  assert.equal(big.signals, [], '+240 MiB on 1000 MiB is growth, not a load');
  const bigger = loadSignals(series('api', [1000, 1000, 1000, 1200, 1260]), { health: health(1000), loadEndedAt: end, spec: uvicorn2 });
  assert.equal(bigger.signals, ['memory-step-up']);
});

test('more processes than the command runs, held across two readings, is a signal; a passing one is not', () => {
  const held = loadSignals(series('api', [100, 100, 100, 100, 100, 100, 100], [4, 4, 5, 5, 5, 5, 4]), { health: health(100), loadEndedAt: end, spec: uvicorn2 });
  assert.is(held.processesMax, 5);
  assert.equal(held.signals, ['extra-processes']);
  // A `docker exec` seen in one reading (repeated by the samples until the next, 2 s later).
  const passing = loadSignals(series('api', [100, 100, 100, 100, 100, 100], [4, 4, 5, 5, 4, 4]), { health: health(100), loadEndedAt: end, spec: uvicorn2 });
  assert.ok(RESIDENT_MS > 1000);
  assert.is(passing.processesMax, 4);
  assert.equal(passing.signals, []);
});

test("a supervisor is no false alarm: uvicorn ×2 runs 4 processes, uv run 5, gunicorn ×2 3", () => {
  const run = (command: string[], n: number) => loadSignals(series('api', [100, 100, 100, 100, 100], [n, n, n, n, n]), { health: health(100), loadEndedAt: end, spec: { command, env: {} } }).signals;
  assert.equal(run(uvicorn2.command, 4), []);
  assert.equal(run(['uv', 'run', 'uvicorn', 'main:app', '--workers', '2'], 5), []);
  assert.equal(run(['gunicorn', '-w', '2', 'main:app'], 3), []);
  assert.equal(run(['gunicorn', '-w', '2', 'main:app'], 4), ['extra-processes']);
});

test('not judged: an unknown command, the image\'s own CMD, a reused API (no health reading), no counts', () => {
  const samples = series('api', [100, 100, 100, 400, 400], [9, 9, 9, 9, 9]);
  const unknown = loadSignals(samples, { health: health(100), loadEndedAt: end, spec: { command: ['node', 'server.js'], env: {} } });
  assert.is(unknown.processesExpected, null);
  assert.equal(unknown.signals, ['memory-step-up']);
  assert.is(loadSignals(samples, { health: health(100), loadEndedAt: end, spec: { command: [], env: {} } }).processesExpected, null);
  const reused = loadSignals(samples, { health: null, loadEndedAt: end, spec: uvicorn2 });
  assert.equal([reused.memoryAtHealthMb, reused.memoryAfterFirstMb, reused.stepLimitMb], [null, null, null]);
  assert.equal(reused.signals, ['extra-processes']);
  assert.is(loadSignals(series('api', [100, 100]), { health: health(100), loadEndedAt: end, spec: uvicorn2 }).processesMax, null);
});

test('only the API counts, and over replicas the largest step and count speak', () => {
  const samples = [
    ...series('locust', [50, 900, 900, 900, 900], [30, 30, 30, 30, 30]),
    ...series('api-1', [100, 100, 100, 110, 110], [1, 1, 1, 1, 1]),
    ...series('api-2', [100, 100, 100, 260, 260], [1, 1, 1, 1, 1]),
  ];
  const s = loadSignals(samples, { health: { t: T0 + 2500, bytes: { 'api-1': 100 * MiB, 'api-2': 100 * MiB } }, loadEndedAt: end, spec: { command: ['uvicorn', 'main:app'], env: {} } });
  assert.equal(s, { processesMax: 1, processesExpected: 1, memoryAtHealthMb: 100, memoryAfterFirstMb: 260, stepLimitMb: STEP_MIN_MB, signals: ['memory-step-up'] });
});

test('samples after the load ended do not count', () => {
  const s = loadSignals(series('api', [100, 100, 100, 110, 900]), { health: health(100), loadEndedAt: T0 + 3500, spec: uvicorn2 });
  assert.is(s.memoryAfterFirstMb, 110);
  assert.equal(s.signals, []);
});

test("the workers stage's race verdict: logged loads, a multi-worker OOM kill, and each run's load signals", () => {
  const signals = (ids: ('extra-processes' | 'memory-step-up')[]) => ({ status: 'passed' as const, loadSignals: { processesMax: null, processesExpected: null, memoryAtHealthMb: null, memoryAfterFirstMb: null, stepLimitMb: null, signals: ids } });
  assert.equal(raceSignals({ workers: 2, modelLoads: 3, runs: [{ status: 'oom-killed' }, signals(['memory-step-up'])] }), ['model-loads', 'oom-killed', 'memory-step-up']);
  assert.equal(raceSignals({ workers: 1, modelLoads: 1, runs: [{ status: 'oom-killed' }] }), [], 'one worker OOM-killed is a small limit, not a race');
  assert.equal(raceSignals({ workers: 2, modelLoads: null, runs: [signals(['extra-processes']), signals(['extra-processes'])] }), ['extra-processes']);
  assert.equal(raceSignals({ workers: 2, modelLoads: 2, runs: [signals([]), { status: 'passed' }] }), [], 'older trials have no load signals');
});

test.run();
