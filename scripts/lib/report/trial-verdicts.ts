import type { LabResult, PointMeasurement } from '../results/types.ts';

/**
 * Each trial's SLO verdict as the analysis stored it: the point (sweep cell,
 * worker cell, max-users probe or hold) whose runs include the trial. A trial
 * in no point (a search probe, a ramp, the port conflict) was not judged
 * against the SLO; a lone trial (`run-trial.mjs`) is its own point. Only looks up; never judges.
 */
export function storedVerdicts(result: LabResult): Map<string, PointMeasurement> {
  const { sweep, workers, maxUsers } = result.stages;
  const points = [
    ...(sweep?.cells ?? []).map((cell) => cell.point),
    ...(workers?.cells ?? []).map((cell) => cell.point),
    ...(maxUsers?.curve ?? []).filter((p) => p.source !== 'ramp').map((p) => p.point),
    result.singleTrial?.point ?? null,
  ];
  const byTrial = new Map<string, PointMeasurement>();
  for (const point of points) for (const id of point?.trialIds ?? []) byTrial.set(id, point!);
  return byTrial;
}
