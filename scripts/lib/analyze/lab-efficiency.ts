import type { LabResult } from '../results/types.ts';

/** Where a run's time went: wall time, and the part spent inside trials' steady windows. */
export interface LabEfficiency {
  /** Run start to finish, s. */
  wallS: number;
  /** Sum of every trial's steady window, s: the time that produced measurements. */
  steadyS: number;
  /** steadyS / wallS. */
  ratio: number;
}

/** `null` until the run has finished. Pure. */
export function labEfficiency(result: Pick<LabResult, 'startedAt' | 'finishedAt' | 'trials'>): LabEfficiency | null {
  if (result.finishedAt === null) return null;
  const wallS = (Date.parse(result.finishedAt) - Date.parse(result.startedAt)) / 1000;
  const steadyS = result.trials.reduce((sum, t) => sum + (t.summary?.window?.durationS ?? 0), 0);
  return wallS > 0 ? { wallS, steadyS, ratio: steadyS / wallS } : null;
}
