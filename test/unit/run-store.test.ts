import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { RunStore, newRunId } from '../../scripts/lib/results/run-store.ts';
import { SCHEMA_VERSION, type HostInfo, type TrialResult } from '../../scripts/lib/results/types.ts';

const host: HostInfo = { cpus: 2, memoryBytes: 1, dockerVersion: 'x', compose: 'y', locustVersion: null, node: 'v20', os: 'linux', cgroupVersion: 1 };

test('run ids sort by time and say the profile', () => {
  assert.is(newRunId('quick', new Date('2026-11-28T01:22:14.123Z'), '3fa2'), '2026-11-28T01-22-14Z-quick-3fa2');
  assert.match(newRunId('smoke'), /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ-smoke-[0-9a-f]{4}$/);
});

test('lab-result.json exists from the start and is rewritten after every trial, with no temp files left', async () => {
  const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'run-store-')), 'run');
  const store = new RunStore(dir, { runId: 'run', profile: 'smoke', host });
  await store.init();
  const read = async () => JSON.parse(await readFile(path.join(dir, 'lab-result.json'), 'utf8'));
  assert.is((await read()).schemaVersion, SCHEMA_VERSION);
  assert.is((await read()).trials.length, 0);

  const trial = { spec: { id: 't1' }, status: 'passed', files: { trialJson: 'trials/t1/trial.json' } } as unknown as TrialResult;
  await store.addTrial(trial);
  await store.finish();
  const result = await read();
  assert.is(result.trials.length, 1);
  assert.ok(result.finishedAt);
  assert.equal(JSON.parse(await readFile(path.join(dir, 'trials/t1/trial.json'), 'utf8')), trial);
  assert.equal((await readdir(dir)).filter((f) => f.endsWith('.tmp')), []);
});

test.run();
