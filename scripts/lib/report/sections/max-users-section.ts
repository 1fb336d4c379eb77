import type { MaxUsersStage } from '../../results/types.ts';
import { checkSloMeasure } from '../../search/slo.ts';
import type { ReportContext } from '../report-context.ts';
import { chartView, stageSection, type StageSectionView } from './stage-section.ts';

export interface CurvePointView {
  users: string;
  p95: string;
  failures: string;
  source: string;
  pass: boolean;
}

export interface MaxUsersView extends StageSectionView {
  configLabel: string;
  points: CurvePointView[];
}

export function maxUsersSection(ctx: ReportContext, stage: MaxUsersStage): MaxUsersView {
  const { t, f, none, result } = ctx;
  const users = (n: number | null) => f.count(n) ?? none;
  const binding = stage.binding === null ? none : t(`binding.${stage.binding}`);
  const findings: string[] = [];
  if (stage.lastPassingUsers !== null) {
    findings.push(t(stage.firstFailingUsers === null ? 'stage.maxUsers.finding.answerNoFail' : 'stage.maxUsers.finding.answer', {
      last: users(stage.lastPassingUsers), first: users(stage.firstFailingUsers), binding, config: stage.configLabel,
    }));
  } else if (stage.firstFailingUsers !== null) {
    findings.push(t('stage.maxUsers.finding.nonePassed', { first: users(stage.firstFailingUsers), binding, config: stage.configLabel }));
  }
  // `confirmed` is the verdict of the steady hold, which ran at the answer of
  // the ramp and bisection; when it failed, the answer fell back below it.
  const hold = [...stage.curve].reverse().find((point) => point.source === 'hold');
  if (stage.lastPassingUsers !== null) {
    findings.push(t(stage.confirmed === null ? 'stage.maxUsers.finding.noHold' : stage.confirmed ? 'stage.maxUsers.finding.confirmed' : 'stage.maxUsers.finding.notConfirmed', {
      users: users(stage.lastPassingUsers), hold: users(hold?.users ?? null),
    }));
  }
  if (stage.knee !== null) findings.push(t('stage.maxUsers.finding.knee', { users: users(stage.knee) }));
  findings.push(t('stage.maxUsers.finding.workshop'));

  return {
    ...stageSection(ctx, 'maxUsers', stage, {
      findings,
      charts: chartView(ctx.charts.stages.maxUsers, t('chart.usersCurveDescription', { config: stage.configLabel }), t('stage.maxUsers.chartCaption')),
    }),
    configLabel: stage.configLabel,
    points: [...stage.curve].sort((a, b) => a.users - b.users).map((point) => ({
      users: users(point.users), p95: f.ms(point.p95Ms) ?? none, failures: f.percentOfRatio(point.failureRatio) ?? none,
      source: t(`chart.curveSource.${point.source}`),
      // The same judgement the stage made, so the table's marks match its answer.
      pass: point.failureRatio !== null && checkSloMeasure({ p95Ms: point.p95Ms, failureRatio: point.failureRatio }, result.slo).pass,
    })),
  };
}
