import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { endOfRunAnalysis, reanalyzeRun, targetUsersOf } from '../../scripts/lib/lab/end-of-run-analysis.ts';
import type { LabResult } from '../../scripts/lib/results/types.ts';

const SAMPLE = 'reports/sample/lab-result.json';

test('analyze-run on a copy of the sample adds the capacity plan and leaves every other byte as it was', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'locust-lab-analyze-run-'));
  // The committed sample carries its plan already: the copy starts without it, as a run recorded before it.
  const { capacity: _stored, gate: _gate, ...before } = JSON.parse(readFileSync(SAMPLE, 'utf8')) as Record<string, unknown>;
  writeFileSync(path.join(dir, 'lab-result.json'), JSON.stringify(before, null, 2));
  const result = await reanalyzeRun(dir);
  const after = JSON.parse(readFileSync(path.join(dir, 'lab-result.json'), 'utf8')) as Record<string, unknown>;
  const { capacity, gate, ...rest } = after;
  assert.equal(rest, before, 'only the end-of-run analyses change');
  assert.equal(gate, result.gate);
  assert.equal(capacity, result.capacity);
  // By hand: 10,000 / 137 users a replica = 72.99; σ = 2·33.32/66.10 − 1 = 0.0082;
  // r ≥ 72.99·(1 − 0.0082) / (1 − 0.0082·72.99) = 180.3 → 181 replicas of 1 CPU, 2 a host → 91 hosts.
  assert.is(result.capacity!.targetUsers, 10_000);
  assert.is(result.capacity!.replicas!.count, 181);
  assert.is(result.capacity!.replicas!.linear, 73);
  assert.is(result.capacity!.hosts!.count, 91);
  const again = await reanalyzeRun(dir, { targetUsers: 1000 });
  // 1000 / 137 = 7.30 → r ≥ 7.30·0.9918 / (1 − 0.0599) = 7.70 → 8.
  assert.is(again.capacity!.replicas!.count, 8);
});

test("the crowd: the one asked for, else the run's plan, else 10,000", () => {
  const result = { plan: { targetUsers: 500 } } as unknown as LabResult;
  assert.is(targetUsersOf(result, 20), 20);
  assert.is(targetUsersOf(result), 500);
  assert.is(targetUsersOf({ plan: null } as unknown as LabResult), 10_000);
});

test('a run of neither the max-users nor the replicas stage gets no plan', () => {
  const result = { stages: { deploy: {} }, calibration: null, trials: [], host: {}, slo: {} } as unknown as LabResult;
  assert.is(endOfRunAnalysis(result, 10_000).capacity, null);
});

test.run();
