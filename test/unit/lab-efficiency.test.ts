import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { labEfficiency } from '../../scripts/lib/analyze/lab-efficiency.ts';
import type { LabResult } from '../../scripts/lib/results/types.ts';

const trial = (durationS: number | null) => ({ summary: durationS === null ? null : { window: { durationS } } }) as unknown as LabResult['trials'][number];

test('steady-window seconds over wall seconds; trials without a window count nothing', () => {
  const eff = labEfficiency({ startedAt: '2026-11-30T00:00:00Z', finishedAt: '2026-11-30T00:10:00Z', trials: [trial(200), trial(220), trial(null)] })!;
  assert.equal([eff.wallS, eff.steadyS], [600, 420]);
  assert.ok(Math.abs(eff.ratio - 0.7) < 1e-12);
});

test('an unfinished run has no efficiency yet', () => {
  assert.is(labEfficiency({ startedAt: '2026-11-30T00:00:00Z', finishedAt: null, trials: [] }), null);
});

test.run();
