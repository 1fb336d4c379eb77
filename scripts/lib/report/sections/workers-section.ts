import type { WorkerCell, WorkerConfig, WorkersStage } from '../../results/types.ts';
import { percentChange } from '../../analyze/percent-change.ts';
import type { ReportContext } from '../report-context.ts';
import { trialAnchor } from '../trial-view.ts';
import { chartView, stageSection, type StageSectionView } from './stage-section.ts';

export interface WorkerCellView {
  rps: string;
  p95: string;
  failures: string;
  pass: boolean;
  empty: boolean;
  anchor: string | null;
}

export interface WorkerRowView {
  rank: string;
  label: string;
  best: boolean;
  reference: boolean;
  pareto: boolean;
  race: boolean;
  resources: string;
  modelLoads: string;
  cells: WorkerCellView[];
}

export interface WorkersView extends StageSectionView {
  crowdHeaders: string[];
  rows: WorkerRowView[];
}

export function workersSection(ctx: ReportContext, stage: WorkersStage): WorkersView {
  const { t, f, none } = ctx;
  const config = (id: string | null) => stage.configs.find((c) => c.configId === id);
  const label = (id: string | null) => config(id)?.label ?? id ?? none;
  const cellOf = (id: string, users: number) => stage.cells.find((cell) => cell.configId === id && cell.users === users);
  const largest = Math.max(...stage.crowds);

  const findings: string[] = [];
  if (stage.bestConfigId !== null && stage.bestGain !== null && stage.referenceConfigId !== null && stage.bestConfigId !== stage.referenceConfigId) {
    findings.push(t('stage.workers.finding.best', {
      best: label(stage.bestConfigId), reference: label(stage.referenceConfigId), users: f.count(stage.bestGain.users) ?? none,
      rpsChange: f.signedPercent(stage.bestGain.rpsGainPct) ?? none, p95Change: f.signedPercent(stage.bestGain.p95ChangePct) ?? none,
    }));
  } else if (stage.bestConfigId !== null) {
    findings.push(t(stage.bestConfigId === stage.referenceConfigId ? 'stage.workers.finding.referenceBest' : 'stage.workers.finding.bestNoReference', { best: label(stage.bestConfigId) }));
  } else {
    findings.push(t('stage.workers.finding.none'));
  }
  findings.push(...pairFindings(ctx, stage, largest));
  if (stage.paretoFront.length > 0) findings.push(t('stage.workers.finding.pareto', { configs: stage.paretoFront.map(label).join('; ') }));
  findings.push(stage.raceSeenIn.length > 0
    ? t('stage.workers.finding.race', { configs: stage.raceSeenIn.map(label).join('; ') })
    : t('stage.workers.finding.noRace'));

  const ordered = [...stage.ranking, ...stage.configs.map((c) => c.configId).filter((id) => !stage.ranking.includes(id))];
  return {
    ...stageSection(ctx, 'workers', stage, {
      findings,
      charts: chartView(ctx.charts.stages.workers, t('chart.workersDescription'), t('stage.workers.chartCaption')),
    }),
    crowdHeaders: stage.crowds.map((users) => t('stage.workers.crowdHeader', { users: f.count(users) ?? none })),
    rows: ordered.map((id, i) => {
      const c = config(id);
      const loads = stage.cells.filter((cell) => cell.configId === id).map((cell) => cell.modelLoads).filter((n): n is number => n !== null);
      return {
        rank: stage.ranking.includes(id) ? String(i + 1) : none,
        label: label(id), best: id === stage.bestConfigId, reference: id === stage.referenceConfigId,
        pareto: stage.paretoFront.includes(id), race: stage.raceSeenIn.includes(id),
        resources: c ? t('stage.workers.resources', { cpus: f.decimal2(c.cpus) ?? none, memory: f.count(c.memoryMb) ?? none, workers: c.workers }) : none,
        modelLoads: loads.length === 0 ? none : String(Math.max(...loads)),
        cells: stage.crowds.map((users) => cellView(ctx, cellOf(id, users))),
      };
    }),
  };
}

function cellView(ctx: ReportContext, cell: WorkerCell | undefined): WorkerCellView {
  const { f, none } = ctx;
  if (!cell) return { rps: none, p95: none, failures: none, pass: false, empty: true, anchor: null };
  const trial = ctx.trial(cell.trialId);
  return {
    rps: f.rps(cell.rps) ?? none, p95: f.ms(cell.p95Ms) ?? none, failures: f.percentOfRatio(cell.failureRatio) ?? none,
    pass: cell.pass, empty: false, anchor: trial ? trialAnchor(trial) : null,
  };
}

/**
 * Each multi-worker setup against uvicorn with one worker on the same image
 * and CPU limit, at the largest crowd: the workshop's question "do more
 * workers help on this much CPU?", answered per pair in p95.
 */
function pairFindings(ctx: ReportContext, stage: WorkersStage, users: number): string[] {
  const { t, f, none } = ctx;
  const cell = (c: WorkerConfig) => stage.cells.find((k) => k.configId === c.configId && k.users === users);
  const p95 = (c: WorkerConfig) => cell(c)?.p95Ms ?? null;
  const out: string[] = [];
  for (const base of stage.configs.filter((c) => c.server === 'uvicorn' && c.workers === 1)) {
    for (const other of stage.configs.filter((c) => c !== base && c.variant === base.variant && c.cpus === base.cpus)) {
      // A p95 measured before the API was killed is not comparable: say what happened instead.
      const died = [base, other].find((c) => cell(c)?.binding === 'status');
      if (died) {
        const trial = ctx.trial(cell(died)?.trialId);
        out.push(t('stage.workers.finding.pairFailed', { config: died.label, users: f.count(users) ?? none, status: trial ? t(`status.${trial.status}`) : none }));
        continue;
      }
      const change = percentChange(p95(base), p95(other));
      if (change === null) continue;
      out.push(t(change > 0 ? 'stage.workers.finding.pairSlower' : change < 0 ? 'stage.workers.finding.pairFaster' : 'stage.workers.finding.pairSame', {
        other: other.label, base: base.label, change: f.absPercent(change) ?? none, users: f.count(users) ?? none,
        p95Other: f.ms(p95(other)) ?? none, p95Base: f.ms(p95(base)) ?? none,
      }));
    }
  }
  return out;
}
