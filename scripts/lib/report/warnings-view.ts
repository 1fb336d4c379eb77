import type { RunWarning } from '../results/types.ts';
import type { ReportContext } from './report-context.ts';
import { probePoint, stageTitle } from './sections/host-section.ts';
import { localizedCause } from './trial-view.ts';

/** Trial ids listed in one warning before "and N more". */
const LISTED = 6;

export interface WarningsView {
  /** In the report's language, high severity first: one line per kind of doubt. */
  items: { text: string; severity: 'high' | 'normal' }[];
}

/**
 * The validity warnings the analysis stored, worded in the report's
 * language. The analysis decided what is a warning and how grave
 * (`analyze/run-warnings.ts`); this only formats. The one state the file
 * itself shows, a run that never finished, is added here.
 */
export function buildWarnings(ctx: ReportContext): WarningsView {
  const { t, result } = ctx;
  const items: WarningsView['items'] = result.warnings.map((warning) => ({ text: warningText(ctx, warning), severity: warning.severity }));
  if (result.finishedAt === null) items.push({ text: t('warnings.unfinished'), severity: 'high' });
  items.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'high' ? -1 : 1));
  return { items };
}

function warningText(ctx: ReportContext, w: RunWarning): string {
  const { t, f, none, result } = ctx;
  switch (w.id) {
    case 'trial-flag': {
      const ids = w.trialIds.slice(0, LISTED).join(', ');
      const trials = w.trialIds.length > LISTED ? t('warnings.andMore', { ids, more: f.count(w.trialIds.length - LISTED) ?? none }) : ids;
      return t('warnings.flagged', { flag: t(`flag.${w.flag}`), count: f.count(w.trialIds.length) ?? none, trials });
    }
    case 'trial-failed': {
      const trial = result.trials.find((candidate) => candidate.spec.id === w.trialId);
      return t('warnings.failedTrial', { trial: w.trialId, cause: (trial && localizedCause(trial, ctx.messages)) ?? t(`status.${w.status}`) });
    }
    case 'stage-error':
      return t('warnings.stageError', { stage: stageTitle(ctx, w.stage), error: w.message });
    case 'host-forced':
      return t('warnings.hostForced', { busy: f.shareOfRatio(w.busy) ?? none, steal: f.shareOfRatio(w.steal) ?? none });
    case 'host-probe-missed':
      return t('warnings.hostProbeMissed', { point: probePoint(ctx, w.point), error: w.error });
    case 'host-drift':
      return t('hostSection.finding.driftAcross', {
        stage: stageTitle(ctx, w.stage), from: probePoint(ctx, w.fromPoint), to: probePoint(ctx, w.toPoint),
        metric: t(`hostSection.metric.${w.metric}`), change: f.signedPercent(w.change * 100) ?? none,
      });
  }
}
