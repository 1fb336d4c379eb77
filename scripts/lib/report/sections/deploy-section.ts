import { trialLabel } from '../trial-label.ts';
import type { DeployStage } from '../../results/types.ts';
import type { ReportContext } from '../report-context.ts';
import { chartView, stageSection, type StageSectionView } from './stage-section.ts';

export interface DeployView extends StageSectionView {
  facts: { label: string; value: string }[];
  /** The API's engine events, relative to the trial start. */
  events: string;
}

export function deploySection(ctx: ReportContext, stage: DeployStage): DeployView {
  const { t, f, none, result } = ctx;
  const trial = ctx.trial(stage.trialId);
  const index = trial ? result.trials.indexOf(trial) : -1;
  const phase = stage.failurePhase === null ? '' : t(`phase.${stage.failurePhase}`);
  const limits = { cpus: f.decimal2(stage.cpus) ?? none, memory: f.count(stage.memoryMb) ?? none };
  const findings = [
    stage.reproduced
      ? t('stage.deploy.finding.reproduced', { ...limits, exit: stage.exitCode ?? '?', phase })
      : t('stage.deploy.finding.notReproduced', { ...limits, status: t(`status.${stage.status}`), phase }),
  ];
  const started = trial ? Date.parse(trial.timing.startedAt) : Number.NaN;
  const events = (trial?.containers ?? []).flatMap((container) => container.events.map((event) =>
    t('stage.deploy.event', { action: event.action, seconds: Number.isFinite(started) ? f.msAsSeconds(event.t - started) ?? none : none })));
  return {
    ...stageSection(ctx, 'deploy', stage, {
      findings,
      charts: index < 0 ? [] : chartView(ctx.charts.timelines[index] ?? null, t('chart.timelineDescription', { label: trialLabel(trial!.spec, ctx.messages, ctx.f) }), t('stage.deploy.chartCaption')),
    }),
    facts: [
      { label: t('stage.deploy.limits'), value: t('stage.deploy.limitsValue', limits) },
      { label: t('trials.column.status'), value: t(`status.${stage.status}`) },
      { label: t('trial.phase'), value: phase || none },
      { label: t('trial.exitCode'), value: stage.exitCode === null ? none : String(stage.exitCode) },
      { label: t('trial.oomKilled'), value: t(stage.oomKilled ? 'common.yes' : 'common.no') },
      { label: t('stage.deploy.reproducedLabel'), value: t(stage.reproduced ? 'common.yes' : 'common.no') },
    ],
    events: events.length === 0 ? t('trial.noEvents') : events.join(' · '),
  };
}
