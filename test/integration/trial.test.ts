// Real engine, real images, real Locust: one short trial that passes and one
// that is OOM-killed, then nothing of the lab may be left.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { preflight, type Preflight } from '../../scripts/lib/docker/preflight.ts';
import { prepareImages } from '../../scripts/lib/lab/lab-images.ts';
import { buildPlan } from '../../scripts/lib/plan/build-plan.ts';
import { RunStore, newRunId } from '../../scripts/lib/results/run-store.ts';
import { runTrial } from '../../scripts/lib/stages/run-trial.ts';
import { engine } from '../../scripts/lib/docker/engine.ts';
import { labFilter } from '../../scripts/lib/docker/labels.ts';
import type { TrialResult, TrialSpec } from '../../scripts/lib/results/types.ts';
import { guardSetup } from '../guard-setup.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let pre: Preflight;
let store: RunStore;

function spec(flags: Record<string, unknown>): TrialSpec {
  return buildPlan({ profile: 'smoke', ...flags }, repoRoot).trials[0]!;
}

test.before(guardSetup(async () => {
  pre = await preflight();
  await prepareImages(repoRoot, []);
  const runId = newRunId('itest');
  store = new RunStore(path.join(await mkdtemp(path.join(os.tmpdir(), 'locust-lab-itest-')), runId), { runId, profile: 'itest', host: pre.host });
  await store.init();
}));

let passed: TrialResult;

test('a short trial passes and its numbers agree with the raw files', async () => {
  const s = spec({ id: 'short', users: 10, 'spawn-rate': 10, 'run-time': '15s', cpus: 1, memory: '512M', 'model-mb': 64 });
  passed = await runTrial(s, { store, compose: pre.compose });
  assert.is(passed.status, 'passed', passed.cause ?? '');
  assert.equal(passed.appliedLimits, { cpus: 1, memoryMb: 512, memorySwapMb: 512 });

  const csv = parse(await readFile(path.join(store.dir, passed.files.statsCsv!), 'utf8'), { columns: true }) as Record<string, string>[];
  const agg = csv.find((r) => r.Name === 'Aggregated')!;
  assert.ok(Number(agg['Request Count']) > 20, `too few requests: ${agg['Request Count']}`);
  assert.is(passed.summary!.requests, Number(agg['Request Count']));
  assert.is(passed.summary!.failures, Number(agg['Failure Count']));
  assert.is(passed.summary!.rps, Number(agg['Requests/s']));
  assert.is(passed.summary!.p95Ms, Number(agg['95%']));

  const samples = (await readFile(path.join(store.dir, passed.files.statsNdjson!), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
  const api = samples.filter((x) => x.container === 'api');
  assert.ok(api.length >= 10, `only ${api.length} API samples`);
  assert.ok(samples.some((x) => x.container === 'locust'), 'no Locust samples');
  assert.ok(passed.summary!.apiPeakMemoryMb! > 100 && passed.summary!.apiPeakMemoryMb! < 512, `peak ${passed.summary!.apiPeakMemoryMb} MiB`);
  assert.is(api.every((x) => x.memoryLimitBytes === 512 * 1024 * 1024), true);

  const onDisk = JSON.parse(await readFile(path.join(store.dir, passed.files.trialJson), 'utf8'));
  assert.equal(onDisk, JSON.parse(JSON.stringify(passed)));
  const result = JSON.parse(await readFile(path.join(store.dir, 'lab-result.json'), 'utf8'));
  assert.is(result.trials.length, 1);
  assert.ok(result.commands.some((c: { argv: string[] }) => c.argv.includes('up')), 'compose up not recorded');
});

test('a memory limit below the model is recorded as OOM-killed, not as a pass or a crash', async () => {
  const s = spec({ id: 'oom', users: 5, 'spawn-rate': 5, 'run-time': '10s', cpus: 1, memory: '200M', 'model-mb': 256 });
  const oom = await runTrial(s, { store, compose: pre.compose });
  assert.is(oom.status, 'oom-killed', oom.cause ?? '');
  assert.is(oom.failurePhase, 'first-request');
  assert.is(oom.containers[0]!.exitCode, 137);
  assert.is(oom.containers[0]!.oomKilled, true);
  assert.ok(oom.containers[0]!.events.some((e) => e.action === 'oom'), 'no oom event');
  assert.match(oom.cause!, /OOM-killed/);
  const result = JSON.parse(await readFile(path.join(store.dir, 'lab-result.json'), 'utf8'));
  assert.equal(result.trials.map((t: TrialResult) => t.status), ['passed', 'oom-killed']);
});

test('Locust runs distributed (master and 2 workers) when asked, and the master writes the CSVs', async () => {
  const s = spec({ id: 'distributed', users: 20, 'spawn-rate': 20, 'run-time': '12s', cpus: 1, memory: '512M', 'model-mb': 64, 'locust-workers': 2 });
  const t = await runTrial(s, { store, compose: pre.compose });
  assert.is(t.status, 'passed', t.cause ?? '');
  assert.ok(t.summary!.requests > 20, `only ${t.summary!.requests} requests`);
  const names = new Set((await readFile(path.join(store.dir, t.files.statsNdjson!), 'utf8')).trim().split('\n').map((l) => JSON.parse(l).container));
  for (const n of ['api', 'locust', 'locust-worker-1', 'locust-worker-2']) assert.ok(names.has(n), `no samples of ${n}: ${[...names]}`);
});

test('nothing of the lab is left running', async () => {
  const filters = labFilter({ runId: store.result.runId });
  assert.is((await engine().listContainers({ all: true, filters })).length, 0);
  assert.is((await engine().listNetworks({ filters })).length, 0);
});

test.run();
