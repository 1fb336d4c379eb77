import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { referenceAnswers } from '../../scripts/lib/host/reference-answers.ts';
import type { StageResults } from '../../scripts/lib/results/types.ts';

// Only the fields the scaling reads; the stage types carry much more.
const stages = {
  maxUsers: { lastPassingUsers: 120, rpsAtAnswer: 66 },
  sweep: { minimum: { cpus: 1, memoryMb: 1408, trialId: 'sweep-1cpu' } },
  workers: {
    bestConfigId: 'opt-w2', bestGain: { users: 100 },
    cells: [{ configId: 'opt-w2', users: 10, rps: 6.6 }, { configId: 'opt-w2', users: 100, rps: 64 }],
  },
} as unknown as StageResults;

test('a host twice as fast as the reference: half the users and req/s, twice the CPU, on the reference', () => {
  const r = referenceAnswers(stages, 2)!;
  assert.is(r.speedIndex, 2);
  assert.equal(r.maxUsers, { measured: 120, onReference: 60 });
  assert.equal(r.rpsAtAnswer, { measured: 66, onReference: 33 });
  assert.equal(r.minimumCpus, { measured: 1, onReference: 2 });
  // The best setup's cell at the crowd of its gain, not its first cell.
  assert.equal(r.bestRps, { measured: 64, onReference: 32 });
});

test('stages without an answer give null fields; no speed index gives no record', () => {
  const r = referenceAnswers({ maxUsers: { lastPassingUsers: null, rpsAtAnswer: 50 } } as unknown as StageResults, 0.8)!;
  assert.is(r.maxUsers, null);
  assert.is(r.rpsAtAnswer, null, 'no answer, so no throughput at it');
  assert.is(r.minimumCpus, null);
  assert.is(r.bestRps, null);
  assert.is(referenceAnswers(stages, null), null);
});

test.run();
