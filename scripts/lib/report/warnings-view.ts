import type { TrialResult } from '../results/types.ts';
import { TRIAL_FLAGS } from './known-literals.ts';
import type { ReportContext } from './report-context.ts';
import { STAGE_ORDER } from './sections/stage-section.ts';
import { localizedCause } from './trial-view.ts';

/** Trial ids listed in one warning before "and N more". */
const LISTED = 6;

export interface WarningsView {
  /** Grouped, in the report's language: one line per kind of doubt. */
  items: { text: string; severity: 'high' | 'normal' }[];
  /** The lab's own warning lines, verbatim. */
  recorded: string[];
}

/**
 * Validity warnings grouped by kind, built from the trials' flags and outcomes
 * rather than the lab's English lines (which stay available verbatim): a
 * saturated generator first, since it invalidates the numbers it touches.
 * Failures that a search expects (memory probes below the floor, the deploy
 * step's OOM, the port conflict) are findings, not warnings, and are left out.
 */
export function buildWarnings(ctx: ReportContext): WarningsView {
  const { t, f, none, result } = ctx;
  const list = (trials: TrialResult[]) => {
    const ids = trials.slice(0, LISTED).map((trial) => trial.spec.id).join(', ');
    return trials.length > LISTED ? t('warnings.andMore', { ids, more: f.count(trials.length - LISTED) ?? none }) : ids;
  };
  const items: WarningsView['items'] = [];
  for (const flag of TRIAL_FLAGS) {
    const flagged = result.trials.filter((trial) => trial.flags.includes(flag));
    if (flagged.length === 0) continue;
    items.push({
      text: t('warnings.flagged', { flag: t(`flag.${flag}`), count: f.count(flagged.length) ?? none, trials: list(flagged) }),
      severity: flag === 'generator-saturated' ? 'high' : 'normal',
    });
  }
  const { deploy, memoryFloor, replicas } = result.stages;
  const expected = new Set([deploy?.trialId, ...(memoryFloor?.trialIds ?? []), replicas?.conflict.trialId]);
  for (const trial of result.trials.filter((candidate) => candidate.status !== 'passed' && !expected.has(candidate.spec.id))) {
    items.push({ text: t('warnings.failedTrial', { trial: trial.spec.id, cause: localizedCause(trial, ctx.messages) ?? none }), severity: 'high' });
  }
  for (const key of STAGE_ORDER) {
    const stage = result.stages[key];
    if (stage?.error) items.push({ text: t('warnings.stageError', { stage: t(`stage.${key}.title`), error: stage.error }), severity: 'high' });
  }
  if (result.finishedAt === null) items.push({ text: t('warnings.unfinished'), severity: 'high' });
  items.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'high' ? -1 : 1));
  return { items, recorded: [...result.warnings] };
}
