import type { MaxUsersStage, UsersCurvePoint } from '../../results/types.ts';
import { checkSloMeasure } from '../../search/slo.ts';
import { keyAnswers } from '../key-answers.ts';
import { intervalCaption, intervalNote, msText, ratioText, rpsText, runsText, verdictClass, verdictText } from '../measure-text.ts';
import type { ReportContext } from '../report-context.ts';
import { trialAnchor } from '../trial-view.ts';
import { chartView, stageSection, type StageSectionView } from './stage-section.ts';

export interface CurvePointView {
  users: string;
  /** With its interval where the point carries one. */
  p95: string;
  rps: string;
  failures: string;
  source: string;
  /** The stored verdict; for a ramp step, that it is a bracket only. */
  verdict: string;
  verdictClass: string;
  runs: string;
  anchor: string | null;
  intervalNote: string;
}

export interface MaxUsersView extends StageSectionView {
  configLabel: string;
  intervalCaption: string | null;
  points: CurvePointView[];
}

export function maxUsersSection(ctx: ReportContext, stage: MaxUsersStage): MaxUsersView {
  const { t, f, none } = ctx;
  const users = (n: number | null | undefined) => f.count(n ?? null) ?? none;
  const binding = stage.binding === null ? none : t(`binding.${stage.binding}`);
  const answer = keyAnswers(ctx.result).maxUsers!;
  const findings: string[] = [];
  if (stage.lastPassingUsers !== null) {
    findings.push(t(stage.firstFailingUsers === null ? 'stage.maxUsers.finding.answerNoFail' : 'stage.maxUsers.finding.answer', {
      last: users(stage.lastPassingUsers), first: users(stage.firstFailingUsers), binding, config: stage.configLabel,
    }));
  } else if (stage.firstFailingUsers !== null) {
    // In schema 2 the ramp steps below only bracket the answer: no steady measurement passed, which is not "even the smallest crowd".
    const bracketsBelow = stage.curve.some((p) => p.source === 'ramp' && p.users < stage.firstFailingUsers!) && stage.curve.some((p) => p.point);
    findings.push(t(bracketsBelow ? 'stage.maxUsers.finding.noneSteadyPassed' : 'stage.maxUsers.finding.nonePassed', { first: users(stage.firstFailingUsers), binding, config: stage.configLabel }));
  }
  if (stage.converged !== null && stage.converged !== undefined) {
    findings.push(t(stage.converged ? 'stage.maxUsers.finding.converged' : 'stage.maxUsers.finding.notConverged', {
      resolution: users(stage.resolution), last: users(stage.lastPassingUsers), first: users(stage.firstFailingUsers),
    }));
  }
  // `confirmed` is the verdict of the steady hold, which ran at the answer of
  // the ramp and bisection; when it failed, the answer fell back below it.
  if (stage.lastPassingUsers !== null) {
    const seconds = f.decimal1(answer.hold?.seconds ?? null);
    const key = stage.confirmed === null ? 'noHold' : stage.confirmed ? (seconds ? 'confirmedFor' : 'confirmed') : (seconds ? 'notConfirmedFor' : 'notConfirmed');
    findings.push(t(`stage.maxUsers.finding.${key}`, { users: users(stage.lastPassingUsers), hold: users(answer.hold?.users), seconds: seconds ?? none }));
  }
  // The stage takes it from the hold at its answer, which may be the hold that failed.
  if (stage.rpsAtAnswer !== null && stage.rpsAtAnswer !== undefined && answer.hold) {
    findings.push(t('stage.maxUsers.finding.rpsAtHold', { users: users(answer.hold.users), rps: f.rps(stage.rpsAtAnswer) ?? none }));
  }
  if (stage.operationalBound) {
    const b = stage.operationalBound;
    findings.push(t('stage.maxUsers.finding.operationalBound', {
      users: f.decimal1(b.users) ?? none, demand: f.decimal1(b.demandMs) ?? none, think: f.decimal2(b.thinkTimeS) ?? none, maxRps: f.rps(b.maxRps) ?? none,
    }));
  }
  if (stage.usl) {
    const u = stage.usl;
    findings.push(t(u.peakUsers === null ? 'stage.maxUsers.finding.uslNoPeak' : 'stage.maxUsers.finding.usl', {
      points: f.count(u.points) ?? none, lambda: f.significant3(u.lambda) ?? none, sigma: f.significant3(u.sigma) ?? none,
      kappa: f.significant3(u.kappa) ?? none, residual: f.shareOfRatio(u.rmsRelativeResidual) ?? none, peak: f.decimal1(u.peakUsers) ?? none,
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
    intervalCaption: intervalCaption(ctx, stage.curve.map((point) => point.point?.p95Interval)),
    // The stage keeps each measurement once; the table follows its order within a crowd.
    points: stage.curve.map((point, i) => [point, i] as const).sort(([a, i], [b, j]) => a.users - b.users || i - j).map(([point]) => pointView(ctx, point)),
  };
}

function pointView(ctx: ReportContext, point: UsersCurvePoint): CurvePointView {
  const { t, f, none, result } = ctx;
  const m = point.point ?? null;
  const trial = ctx.trial(m?.trialIds[0] ?? point.trialId);
  let verdict: string;
  let cls: string;
  if (point.source === 'ramp') {
    // A ramp step's short window only brackets the answer; it is never a verdict.
    [verdict, cls] = [t('stage.maxUsers.bracket'), 'verdict-bracket'];
  } else if (m) {
    [verdict, cls] = [verdictText(ctx, m), verdictClass(m)];
  } else {
    // Results migrated from schema 1 stored no verdict per point: the same check the stage made then.
    const pass = point.failureRatio !== null && checkSloMeasure({ p95Ms: point.p95Ms, failureRatio: point.failureRatio }, result.slo).pass;
    [verdict, cls] = [t(pass ? 'verdict.meets' : 'verdict.misses'), pass ? 'verdict-meets' : 'verdict-misses'];
  }
  return {
    users: f.count(point.users) ?? none,
    p95: msText(ctx, m?.p95Ms ?? point.p95Ms, m?.p95AtLeast ?? false, m?.p95Interval ?? null),
    rps: m ? rpsText(ctx, m.rps, m.rpsInterval) : rpsText(ctx, point.rps ?? null),
    failures: ratioText(ctx, m?.failureRatio ?? point.failureRatio, m?.failureInterval ?? null),
    source: t(`chart.curveSource.${point.source}`),
    verdict, verdictClass: cls,
    runs: m ? runsText(ctx, m.trialIds.length) : none,
    anchor: trial ? trialAnchor(trial) : null,
    intervalNote: intervalNote(ctx, m?.p95Interval),
  };
}
