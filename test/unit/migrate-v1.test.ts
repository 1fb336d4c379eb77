import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { migrateV1 } from '../../scripts/lib/results/migrate-v1.ts';

const v1 = () => JSON.parse(readFileSync(new URL('../fixtures/results/smoke/lab-result.json', import.meta.url), 'utf8'));

test('schema 1 reads as 2: the sentence window becomes "not measured", new fields empty', () => {
  const data = v1();
  assert.is(data.schemaVersion, 1);
  assert.type(data.trials.find((t: any) => t.summary).summary.window, 'string');
  const migrated = migrateV1(data) as any;
  assert.is(migrated.schemaVersion, 2);
  assert.is(migrated.calibration, null);
  for (const trial of migrated.trials) {
    assert.is(trial.hostCpu, null);
    assert.equal(trial.files.requestsCsv, []);
    assert.is(trial.spec.stopWhenStableAfterS, null);
    if (trial.summary) {
      assert.is(trial.summary.window, null);
      assert.is(trial.summary.censored, 0);
      assert.is(trial.summary.stability, null);
    }
  }
  assert.ok(migrated.stages.sweep.cells.every((c: any) => c.point === null));
  assert.equal(migrated.stages.workers.tiedWithBest, []);
});

test.run();
