import type { ReplicaComparison, ReplicaRun, ReplicasStage } from '../../results/types.ts';
import { msText } from '../measure-text.ts';
import type { ReportContext } from '../report-context.ts';
import { localizedCause } from '../trial-view.ts';
import { chartView, stageSection, trialLink, type StageSectionView, type TrialLinkView } from './stage-section.ts';

export interface ReplicasRowView {
  setup: string;
  trial: TrialLinkView | null;
  rps: string;
  p95: string;
  /** "limited by the load, not the server", "no", or the placeholder when it could not be told. */
  load: string;
  loadLimited: boolean;
}

/** One comparison of the balanced replicas against one replica, with its basis. */
export interface ReplicasComparisonView {
  basis: string;
  against: TrialLinkView | null;
  rpsChange: string;
  p95Change: string;
  /** Why the numbers are not compared, when a run did not pass. */
  voided: string | null;
}

export interface ReplicasView extends StageSectionView {
  rows: ReplicasRowView[];
  comparisons: ReplicasComparisonView[];
  /** The engine's refusal, verbatim (data). */
  conflictError: string | null;
}

export function replicasSection(ctx: ReportContext, stage: ReplicasStage): ReplicasView {
  const { t, f, none } = ctx;
  const conflictTrial = ctx.trial(stage.conflict.trialId);
  const balancedTrial = ctx.trial(stage.balanced?.trialId);
  const replicas = stage.balanced?.replicas ?? conflictTrial?.spec.replicas ?? 2;
  const comparisons = stage.comparisons ?? [];
  const link = (id: string | null | undefined) => {
    const trial = ctx.trial(id);
    return trial ? trialLink(ctx, trial) : null;
  };
  const findings = [
    stage.conflict.notApplicable === 'swarm'
      ? t('stage.replicas.finding.conflictSwarm', { replicas })
      : stage.conflict.reproduced
        ? t('stage.replicas.finding.conflict', { replicas, port: conflictTrial?.spec.hostPort ?? '?' })
        : t('stage.replicas.finding.noConflict', { replicas, status: conflictTrial ? t(`status.${conflictTrial.status}`) : none }),
  ];
  if (comparisons.length > 0) {
    for (const comparison of comparisons) findings.push(comparisonFinding(ctx, stage, comparison, replicas));
  } else if (stage.single && stage.balanced) {
    // Migrated results: one comparison, against one replica with one replica's CPU.
    findings.push(t('stage.replicas.finding.compare', {
      replicas, rpsN: f.rps(stage.balanced.rps) ?? none, rps1: f.rps(stage.single.rps) ?? none, rpsChange: f.signedPercent(stage.rpsGainPct) ?? none,
      p95N: f.ms(stage.balanced.p95Ms) ?? none, p951: f.ms(stage.single.p95Ms) ?? none, p95Change: f.signedPercent(stage.p95ChangePct) ?? none,
    }));
  }
  const limited = (stage.runs ?? []).filter((run) => run.loadLimited === true);
  if (limited.length > 0) findings.push(t('stage.replicas.finding.loadLimited', { trials: limited.map((run) => run.trialId).join(', ') }));
  if (balancedTrial && balancedTrial.status !== 'passed') {
    findings.push(t('stage.replicas.finding.balancedFailed', { replicas, cause: localizedCause(balancedTrial, ctx.messages) ?? none }));
  }

  const runRows: ReplicasRowView[] = stage.runs
    ? stage.runs.map((run) => runRow(ctx, run, comparisons))
    : [
      ...(stage.single ? [legacyRow(ctx, t('chart.oneReplica'), stage.single)] : []),
      ...(stage.balanced ? [legacyRow(ctx, t('chart.replicasBehindNginx', { replicas }), stage.balanced)] : []),
    ];
  return {
    ...stageSection(ctx, 'replicas', stage, {
      findings,
      charts: chartView(ctx.charts.stages.replicas, t('chart.replicasDescription'), t('stage.replicas.chartCaption')),
    }),
    rows: [
      ...(stage.conflict.trialId === null ? [] : [{ setup: t('stage.replicas.conflictSetup', { replicas }), trial: link(stage.conflict.trialId), rps: none, p95: none, load: none, loadLimited: false }]),
      ...runRows,
    ],
    comparisons: comparisons.map((comparison) => ({
      basis: basisText(ctx, stage, comparison),
      against: link(comparison.singleTrialId),
      rpsChange: f.signedPercent(comparison.rpsGainPct) ?? none,
      p95Change: f.signedPercent(comparison.p95ChangePct) ?? none,
      voided: comparison.voidedBy
        ? t('stage.replicas.voided', { trial: comparison.voidedBy.trialId, status: t(`status.${comparison.voidedBy.status}`) })
        : null,
    })),
    conflictError: stage.conflict.engineError,
  };
}

function runRow(ctx: ReportContext, run: ReplicaRun, comparisons: ReplicaComparison[]): ReplicasRowView {
  const { t, f, none } = ctx;
  const trial = ctx.trial(run.trialId);
  const basis = comparisons.find((c) => c.singleTrialId === run.trialId)?.basis;
  const cpus = f.decimal2(run.cpus) ?? none;
  const setup = run.replicas > 1
    ? t('stage.replicas.balancedSetup', { replicas: run.replicas, cpus })
    : basis === 'same-total-cpu' ? t('stage.replicas.singleTotalSetup', { cpus })
      : basis === 'per-replica-cpu' ? t('stage.replicas.singlePerReplicaSetup', { cpus })
        : t('stage.replicas.singleSetup', { cpus });
  const summary = trial?.summary ?? null;
  return {
    setup, trial: trial ? trialLink(ctx, trial) : null,
    rps: f.rps(run.rps) ?? none,
    p95: msText(ctx, run.p95Ms, summary?.p95AtLeast ?? false, summary?.intervals?.p95Ms ?? null),
    load: run.loadLimited === null ? none : t(run.loadLimited ? 'stage.replicas.loadLimited' : 'stage.replicas.serverLimited'),
    loadLimited: run.loadLimited === true,
  };
}

function legacyRow(ctx: ReportContext, setup: string, run: { trialId: string; rps: number | null; p95Ms: number | null }): ReplicasRowView {
  const { f, none } = ctx;
  const trial = ctx.trial(run.trialId);
  return { setup, trial: trial ? trialLink(ctx, trial) : null, rps: f.rps(run.rps) ?? none, p95: msText(ctx, run.p95Ms), load: none, loadLimited: false };
}

/** `one replica with the same total CPU (1.5 CPU)`. */
function basisText(ctx: ReportContext, stage: ReplicasStage, comparison: ReplicaComparison): string {
  const { t, f, none } = ctx;
  const single = stage.runs?.find((run) => run.trialId === comparison.singleTrialId) ?? null;
  const cpus = f.decimal2(single?.cpus ?? ctx.trial(comparison.singleTrialId)?.spec.cpus ?? null) ?? none;
  return t(`stage.replicas.basis.${comparison.basis}`, { cpus });
}

function comparisonFinding(ctx: ReportContext, stage: ReplicasStage, comparison: ReplicaComparison, replicas: number): string {
  const { t, f, none } = ctx;
  const basis = basisText(ctx, stage, comparison);
  if (comparison.voidedBy) {
    return t('stage.replicas.finding.void', { basis, trial: comparison.voidedBy.trialId, status: t(`status.${comparison.voidedBy.status}`) });
  }
  const run = (id: string | undefined) => stage.runs?.find((r) => r.trialId === id) ?? null;
  const single = run(comparison.singleTrialId);
  const balanced = run(stage.balanced?.trialId) ?? stage.runs?.find((r) => r.replicas > 1) ?? null;
  return t('stage.replicas.finding.compareBasis', {
    basis, replicas,
    rpsN: f.rps(balanced?.rps ?? null) ?? none, rps1: f.rps(single?.rps ?? null) ?? none, rpsChange: f.signedPercent(comparison.rpsGainPct) ?? none,
    p95N: f.ms(balanced?.p95Ms ?? null) ?? none, p951: f.ms(single?.p95Ms ?? null) ?? none, p95Change: f.signedPercent(comparison.p95ChangePct) ?? none,
  });
}
