import type { ReplicasStage } from '../../results/types.ts';
import type { ReportContext } from '../report-context.ts';
import { localizedCause } from '../trial-view.ts';
import { chartView, stageSection, trialLink, type StageSectionView, type TrialLinkView } from './stage-section.ts';

export interface ReplicasRowView {
  setup: string;
  trial: TrialLinkView | null;
  rps: string;
  p95: string;
}

export interface ReplicasView extends StageSectionView {
  rows: ReplicasRowView[];
  /** The engine's refusal, verbatim (data). */
  conflictError: string | null;
}

export function replicasSection(ctx: ReportContext, stage: ReplicasStage): ReplicasView {
  const { t, f, none } = ctx;
  const conflictTrial = ctx.trial(stage.conflict.trialId);
  const balancedTrial = ctx.trial(stage.balanced?.trialId);
  const replicas = stage.balanced?.replicas ?? conflictTrial?.spec.replicas ?? 2;
  const findings = [
    stage.conflict.reproduced
      ? t('stage.replicas.finding.conflict', { replicas, port: conflictTrial?.spec.hostPort ?? '?' })
      : t('stage.replicas.finding.noConflict', { replicas, status: conflictTrial ? t(`status.${conflictTrial.status}`) : none }),
  ];
  if (stage.single && stage.balanced) {
    findings.push(t('stage.replicas.finding.compare', {
      replicas, rpsN: f.rps(stage.balanced.rps) ?? none, rps1: f.rps(stage.single.rps) ?? none, rpsChange: f.signedPercent(stage.rpsGainPct) ?? none,
      p95N: f.ms(stage.balanced.p95Ms) ?? none, p951: f.ms(stage.single.p95Ms) ?? none, p95Change: f.signedPercent(stage.p95ChangePct) ?? none,
    }));
  }
  if (balancedTrial && balancedTrial.status !== 'passed') {
    findings.push(t('stage.replicas.finding.balancedFailed', { replicas, cause: localizedCause(balancedTrial, ctx.messages) ?? none }));
  }
  const link = (id: string | undefined) => {
    const trial = ctx.trial(id);
    return trial ? trialLink(ctx, trial) : null;
  };
  return {
    ...stageSection(ctx, 'replicas', stage, {
      findings,
      charts: chartView(ctx.charts.stages.replicas, t('chart.replicasDescription'), t('stage.replicas.chartCaption')),
    }),
    rows: [
      { setup: t('stage.replicas.conflictSetup', { replicas }), trial: link(stage.conflict.trialId), rps: none, p95: none },
      ...(stage.single ? [{ setup: t('chart.oneReplica'), trial: link(stage.single.trialId), rps: f.rps(stage.single.rps) ?? none, p95: f.ms(stage.single.p95Ms) ?? none }] : []),
      ...(stage.balanced ? [{ setup: t('chart.replicasBehindNginx', { replicas }), trial: link(stage.balanced.trialId), rps: f.rps(stage.balanced.rps) ?? none, p95: f.ms(stage.balanced.p95Ms) ?? none }] : []),
    ],
    conflictError: stage.conflict.engineError,
  };
}
