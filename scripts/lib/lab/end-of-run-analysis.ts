import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { capacityPlan } from '../analyze/capacity-plan.ts';
import { stageGate } from '../analyze/stage-gate.ts';
import { referenceAnswers } from '../host/reference-answers.ts';
import { LabError } from '../errors.ts';
import { DEFAULT_TARGET_USERS } from '../plan/lab-config.ts';
import { loadLabResult } from '../report/load-result.ts';
import { RESULT_FILE } from '../results/run-store.ts';
import type { LabResult } from '../results/types.ts';
import { writeJsonAtomic } from '../results/write-atomic.ts';

/**
 * The analyses that read the whole run, stored in the result: the capacity
 * answers on the reference host, the capacity plan for `targetUsers`, and each
 * stage's verdict as a build check (the gate).
 * The lab runs it once its stages are done; `analyze-run.mjs` runs it again
 * on a finished run folder. Pure.
 */
export function endOfRunAnalysis(result: LabResult, targetUsers: number): LabResult {
  const calibration = result.calibration ? { ...result.calibration, onReference: referenceAnswers(result.stages, result.calibration.speedIndex) } : null;
  // A run of neither stage (deploy.mjs alone, say) has nothing to plan from, and no plan to show.
  const planned = result.stages.maxUsers !== undefined || result.stages.replicas !== undefined;
  return { ...result, calibration, capacity: planned ? capacityPlan(result, targetUsers) : null, gate: stageGate(result) };
}

/** The crowd a run plans for: the one asked for, else its plan's `targetUsers`, else the workshop's. */
export function targetUsersOf(result: LabResult, asked?: number): number {
  const planned = (result.plan as { targetUsers?: unknown } | null)?.targetUsers;
  return asked ?? (typeof planned === 'number' ? planned : DEFAULT_TARGET_USERS);
}

/**
 * Re-runs `endOfRunAnalysis` on a run folder and rewrites its `lab-result.json`
 * atomically; runs no trial. For runs recorded before an analysis existed.
 * The analysis reads the result as loaded (older shapes migrated), but only the
 * fields it owns are written back into the file as it was: the rest of a
 * committed run stays byte for byte what the lab wrote.
 */
export async function reanalyzeRun(runDir: string, opts: { targetUsers?: number } = {}): Promise<LabResult> {
  if (opts.targetUsers !== undefined && !(Number.isInteger(opts.targetUsers) && opts.targetUsers >= 1)) {
    throw new LabError(`--target-users ${opts.targetUsers} is not a crowd.`, 'Give --target-users a whole number of users, e.g. 10000.');
  }
  const file = path.join(runDir, RESULT_FILE);
  const stored = await loadLabResult(runDir);
  const result = endOfRunAnalysis(stored, targetUsersOf(stored, opts.targetUsers));
  const raw = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown> & { calibration: Record<string, unknown> | null };
  if (raw.calibration && result.calibration) raw.calibration.onReference = result.calibration.onReference;
  raw.capacity = result.capacity;
  raw.gate = result.gate;
  await writeJsonAtomic(file, raw);
  return result;
}
