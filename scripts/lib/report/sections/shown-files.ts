import type { LabResult, StageResults } from '../../results/types.ts';

// The same keys as stage-section.ts's StageKey, taken from the contract: importing
// that type from stage-section.ts closed an import cycle through the chart specs.
type StageKey = keyof StageResults;

/**
 * The trials whose compose file (and nginx config) each section shows in
 * full: the one that carries the stage's answer. The renderer reads exactly
 * these files from the run folder before it builds the view model.
 */
export function shownFileTrials(result: LabResult): Record<StageKey, string[]> {
  const { deploy, memoryFloor, sweep, replicas, workers, maxUsers } = result.stages;
  const present = (...ids: (string | null | undefined)[]) => ids.filter((id): id is string => typeof id === 'string');
  const largest = workers ? Math.max(...workers.crowds) : 0;
  return {
    publish: [],
    deploy: present(deploy?.trialId),
    // The under-load floor is what the recommendation builds on.
    memoryFloor: present(
      memoryFloor?.load.probes.find((p) => p.memoryMb === memoryFloor.load.floorMb)?.trialId
        ?? memoryFloor?.serve.probes.find((p) => p.memoryMb === memoryFloor.serve.floorMb)?.trialId,
    ),
    sweep: present(sweep?.minimum?.trialId ?? sweep?.cells[0]?.trialId),
    // Both halves of the lesson: the fixed port that fails, and nginx in front.
    replicas: present(replicas?.conflict.trialId, replicas?.balanced?.trialId),
    workers: present(
      workers?.cells.find((cell) => cell.configId === workers.bestConfigId && cell.users === largest)?.trialId ?? workers?.cells[0]?.trialId,
    ),
    maxUsers: present(maxUsers?.trialIds[0]),
  };
}

/** Every trial id some section shows files of. */
export function allShownFileTrials(result: LabResult): string[] {
  return [...new Set(Object.values(shownFileTrials(result)).flat())];
}
