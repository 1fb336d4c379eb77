import { normalise, type NormaliseKind } from './speed-index.ts';
import type { ReferenceAnswer, ReferenceAnswers, StageResults } from '../results/types.ts';

/**
 * The capacity answers of a run as they would be on the reference host,
 * under the model of `normalise` (CPU-bound API, every request costing D0 × k).
 * Memory answers are left out: memory is not speed. Pure.
 */
export function referenceAnswers(stages: StageResults, speedIndex: number | null): ReferenceAnswers | null {
  if (speedIndex === null || !(speedIndex > 0)) return null;
  const scaled = (value: number | null | undefined, kind: NormaliseKind): ReferenceAnswer | null =>
    value == null ? null : { measured: value, onReference: normalise(value, speedIndex, kind) };
  const { maxUsers, sweep, workers } = stages;
  const bestCell = workers?.bestGain
    ? workers.cells.find((cell) => cell.configId === workers.bestConfigId && cell.users === workers.bestGain!.users)
    : undefined;
  return {
    speedIndex,
    maxUsers: scaled(maxUsers?.lastPassingUsers, 'users'),
    rpsAtAnswer: scaled(maxUsers?.lastPassingUsers != null ? maxUsers.rpsAtAnswer : null, 'throughput'),
    minimumCpus: scaled(sweep?.minimum?.cpus, 'cpu'),
    bestRps: scaled(bestCell?.rps, 'throughput'),
  };
}
