import type { HostCalibration, RunWarning, TrialResult } from '../results/types.ts';
import { TRIAL_FLAGS } from '../results/known-literals.ts';

/** Searches probe on purpose with short runs and expected failures; their probes are not measurements. */
const PROBE_STAGES = new Set(['memory-floor']);

/**
 * The run's validity warnings from its trials: one per flag with the trials
 * it concerns, so a long run does not bury the reader in repeated lines, then
 * one per trial that failed where a pass was expected. Pure.
 */
export function runWarnings(trials: TrialResult[]): RunWarning[] {
  const measured = trials.filter((t) => !PROBE_STAGES.has(t.spec.stage));
  const warnings: RunWarning[] = [];
  for (const flag of TRIAL_FLAGS) {
    const trialIds = measured.filter((t) => t.flags.includes(flag)).map((t) => t.spec.id);
    if (trialIds.length) warnings.push({ id: 'trial-flag', severity: flag === 'generator-saturated' ? 'high' : 'normal', flag, trialIds });
  }
  for (const t of measured) {
    // The deploy step's OOM and the fixed port's conflict are what those steps set out to show.
    if (t.status !== 'passed' && t.spec.stage !== 'deploy' && !(t.spec.stage === 'replicas' && t.status === 'engine-error')) {
      warnings.push({ id: 'trial-failed', severity: 'high', trialId: t.spec.id, status: t.status });
    }
  }
  return warnings;
}

/** The host's own doubts: a busy start measured anyway, probes that failed, and stages measured across a drift. Pure. */
export function hostWarnings(calibration: HostCalibration | null): RunWarning[] {
  if (!calibration) return [];
  const warnings: RunWarning[] = [];
  const idle = calibration.idleCheck;
  if (calibration.idleVerdict === 'forced' && idle) warnings.push({ id: 'host-forced', severity: 'normal', busy: idle.busy, steal: idle.steal });
  for (const m of calibration.missed ?? []) warnings.push({ id: 'host-probe-missed', severity: 'normal', point: m.point, error: m.error });
  for (const d of calibration.drifts) warnings.push({ id: 'host-drift', severity: 'normal', ...d });
  return warnings;
}

/** A stage that reached no verdict. */
export function stageErrorWarning(stage: string, message: string): RunWarning {
  return { id: 'stage-error', severity: 'high', stage, message };
}
