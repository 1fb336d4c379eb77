import type { LoadSignals, RaceSignalId, WorkerCell, WorkerConfig, WorkersStage } from '../../results/types.ts';
import { RACE_SIGNALS } from '../../results/known-literals.ts';
import { overlaps } from '../../analyze/intervals.ts';
import { percentChange } from '../../analyze/percent-change.ts';
import { intervalCaption, intervalNote, msText, rpsText, runsText, verdictClass, verdictText } from '../measure-text.ts';
import type { ReportContext } from '../report-context.ts';
import { trialAnchor } from '../trial-view.ts';
import { chartView, stageSection, type StageSectionView } from './stage-section.ts';

export interface WorkerCellView {
  rps: string;
  /** With its interval where the cell carries a point: `470 ms (410–530)`. */
  p95: string;
  failures: string;
  pass: boolean;
  undecided: boolean;
  empty: boolean;
  anchor: string | null;
  /** The SLO verdict and the runs behind it; empty for migrated cells (the colour says it). */
  verdict: string;
  verdictClass: string;
  intervalNote: string;
}

export interface WorkerRowView {
  rank: string;
  label: string;
  best: boolean;
  reference: boolean;
  pareto: boolean;
  /** Tied with the best: intervals overlap at every crowd, so it is the same answer. */
  tied: boolean;
  race: boolean;
  /** What showed the race, with its numbers, e.g. `memory rose from 111 to 756 MiB after the first requests`; `''` when nothing did. */
  raceSigns: string;
  resources: string;
  modelLoads: string;
  cells: WorkerCellView[];
}

export interface WorkersView extends StageSectionView {
  intervalCaption: string | null;
  crowdHeaders: string[];
  rows: WorkerRowView[];
}

export function workersSection(ctx: ReportContext, stage: WorkersStage): WorkersView {
  const { t, f, none } = ctx;
  const config = (id: string | null) => stage.configs.find((c) => c.configId === id);
  const label = (id: string | null) => config(id)?.label ?? id ?? none;
  const cellOf = (id: string, users: number) => stage.cells.find((cell) => cell.configId === id && cell.users === users);
  const largest = Math.max(...stage.crowds);

  const tied = (stage.tiedWithBest ?? []).filter((id) => id !== stage.bestConfigId);
  // Setups tied with the best are reported as one answer: "A = B".
  const bestText = [label(stage.bestConfigId), ...tied.map(label)].join(' = ');
  const findings: string[] = [];
  if (stage.bestConfigId !== null && stage.bestGain !== null && stage.referenceConfigId !== null && stage.bestConfigId !== stage.referenceConfigId) {
    findings.push(t('stage.workers.finding.best', {
      best: bestText, reference: label(stage.referenceConfigId), users: f.count(stage.bestGain.users) ?? none,
      rpsChange: f.signedPercent(stage.bestGain.rpsGainPct) ?? none, p95Change: f.signedPercent(stage.bestGain.p95ChangePct) ?? none,
    }));
  } else if (stage.bestConfigId !== null) {
    findings.push(t(stage.bestConfigId === stage.referenceConfigId ? 'stage.workers.finding.referenceBest' : 'stage.workers.finding.bestNoReference', { best: bestText }));
  } else {
    findings.push(t('stage.workers.finding.none'));
  }
  if (tied.length > 0) findings.push(t('stage.workers.finding.tied', { best: label(stage.bestConfigId), tied: tied.map(label).join('; ') }));
  if (stage.tieBreak) {
    const runs = Math.max(...stage.cells.filter((cell) => stage.tieBreak!.configIds.includes(cell.configId)).map((cell) => cell.point?.trialIds.length ?? 1));
    findings.push(t(stage.tieBreak.separated ? 'stage.workers.finding.tieSeparated' : 'stage.workers.finding.tieStill', {
      configs: stage.tieBreak.configIds.map(label).join('; '), runs: runsText(ctx, runs),
    }));
  }
  const undecided = stage.cells.filter((cell) => cell.point?.verdict === 'undecided');
  if (undecided.length > 0) {
    findings.push(t('stage.workers.finding.undecided', {
      count: f.count(undecided.length) ?? none,
      cells: undecided.map((cell) => t('stage.workers.cellName', { config: label(cell.configId), users: f.count(cell.users) ?? none })).join('; '),
    }));
  }
  findings.push(...pairFindings(ctx, stage, largest));
  if (stage.paretoFront.length > 0) findings.push(t('stage.workers.finding.pareto', { configs: stage.paretoFront.map(label).join('; ') }));
  findings.push(stage.raceSeenIn.length > 0
    ? t('stage.workers.finding.race', { configs: stage.raceSeenIn.map((id) => {
      const signs = raceSigns(ctx, stage, id);
      return signs.length ? `${label(id)} (${signs.join('; ')})` : label(id);
    }).join('; ') })
    : t('stage.workers.finding.noRace'));

  const ordered = [...stage.ranking, ...stage.configs.map((c) => c.configId).filter((id) => !stage.ranking.includes(id))];
  return {
    ...stageSection(ctx, 'workers', stage, {
      findings,
      charts: chartView(ctx.charts.stages.workers, t('chart.workersDescription'), t('stage.workers.chartCaption')),
    }),
    intervalCaption: intervalCaption(ctx, stage.cells.map((cell) => cell.point?.p95Interval)),
    crowdHeaders: stage.crowds.map((users) => t('stage.workers.crowdHeader', { users: f.count(users) ?? none })),
    rows: ordered.map((id, i) => {
      const c = config(id);
      const loads = stage.cells.filter((cell) => cell.configId === id).map((cell) => cell.modelLoads).filter((n): n is number => n !== null);
      return {
        rank: stage.ranking.includes(id) ? String(i + 1) : none,
        label: label(id), best: id === stage.bestConfigId, reference: id === stage.referenceConfigId,
        pareto: stage.paretoFront.includes(id), tied: tied.includes(id), race: stage.raceSeenIn.includes(id), raceSigns: raceSigns(ctx, stage, id).join('; '),
        resources: c ? t('stage.workers.resources', { cpus: f.decimal2(c.cpus) ?? none, memory: f.count(c.memoryMb) ?? none, workers: c.workers }) : none,
        modelLoads: loads.length === 0 ? none : String(Math.max(...loads)),
        cells: stage.crowds.map((users) => cellView(ctx, cellOf(id, users))),
      };
    }),
  };
}

/**
 * The race signals stored in a setup's cells, each with the numbers of the run
 * that showed it most (the most loads or processes, the largest memory step).
 * Older results have no `raceSignals`: nothing is listed for them.
 */
function raceSigns(ctx: ReportContext, stage: WorkersStage, id: string): string[] {
  const { t, f, none } = ctx;
  const cells = stage.cells.filter((cell) => cell.configId === id);
  const workers = stage.configs.find((c) => c.configId === id)?.workers ?? 0;
  const runs = (signal: RaceSignalId): LoadSignals[] => cells
    .flatMap((cell) => cell.point?.trialIds ?? [cell.trialId])
    .map((trialId) => ctx.trial(trialId)?.loadSignals)
    .filter((s): s is LoadSignals => s !== undefined && (s.signals as RaceSignalId[]).includes(signal));
  const most = (list: LoadSignals[], by: (s: LoadSignals) => number) => list.reduce<LoadSignals | null>((a, b) => (a === null || by(b) > by(a) ? b : a), null);
  const mb = (n: number | null) => f.count(n) ?? none;
  return RACE_SIGNALS.filter((signal) => cells.some((cell) => cell.raceSignals?.includes(signal))).map((signal) => {
    const key = `stage.workers.signal.${signal}`;
    if (signal === 'model-loads') return t(key, { loads: f.count(Math.max(...cells.map((c) => c.modelLoads ?? 0))) ?? none, workers });
    if (signal === 'oom-killed') return t(key, { workers });
    if (signal === 'extra-processes') {
      const run = most(runs(signal), (s) => s.processesMax ?? 0);
      return t(key, { seen: run?.processesMax ?? none, expected: run?.processesExpected ?? none });
    }
    const run = most(runs(signal), (s) => (s.memoryAfterFirstMb ?? 0) - (s.memoryAtHealthMb ?? 0));
    return t(key, { from: mb(run?.memoryAtHealthMb ?? null), to: mb(run?.memoryAfterFirstMb ?? null), limit: mb(run?.stepLimitMb ?? null) });
  });
}

function cellView(ctx: ReportContext, cell: WorkerCell | undefined): WorkerCellView {
  const { t, f, none } = ctx;
  if (!cell) return { rps: none, p95: none, failures: none, pass: false, undecided: false, empty: true, anchor: null, verdict: '', verdictClass: '', intervalNote: '' };
  const trial = ctx.trial(cell.trialId);
  const { point } = cell;
  return {
    // With its interval, as the summary quotes it: `65.0 req/s (61.6–68.3)`.
    rps: rpsText(ctx, point?.rps ?? cell.rps, point?.rpsInterval ?? null),
    p95: msText(ctx, point?.p95Ms ?? cell.p95Ms, point?.p95AtLeast ?? false, point?.p95Interval ?? null),
    failures: f.percentOfRatio(point?.failureRatio ?? cell.failureRatio) ?? none,
    pass: cell.pass, undecided: point?.verdict === 'undecided', empty: false, anchor: trial ? trialAnchor(trial) : null,
    verdict: point ? t('measure.verdictRuns', { verdict: verdictText(ctx, point), runs: runsText(ctx, point.trialIds.length) }) : '',
    verdictClass: point ? verdictClass(point) : '',
    intervalNote: intervalNote(ctx, point?.p95Interval),
  };
}

/**
 * Each multi-worker setup against a one-worker setup on the same image and
 * CPU limit (uvicorn ×1 for the demo), at the largest crowd: the workshop's
 * question "do more workers help on this much CPU?", answered per pair in p95.
 */
function pairFindings(ctx: ReportContext, stage: WorkersStage, users: number): string[] {
  const { t, f, none } = ctx;
  const cell = (c: WorkerConfig) => stage.cells.find((k) => k.configId === c.configId && k.users === users);
  const p95 = (c: WorkerConfig) => cell(c)?.point?.p95Ms ?? cell(c)?.p95Ms ?? null;
  const out: string[] = [];
  for (const base of stage.configs.filter((c) => c.workers === 1)) {
    for (const other of stage.configs.filter((c) => c !== base && c.workers > 1 && c.variant === base.variant && c.cpus === base.cpus)) {
      // A p95 measured before the API was killed is not comparable: say what happened instead.
      const died = [base, other].find((c) => cell(c)?.binding === 'status');
      if (died) {
        const trial = ctx.trial(cell(died)?.trialId);
        out.push(t('stage.workers.finding.pairFailed', { config: died.label, users: f.count(users) ?? none, status: trial ? t(`status.${trial.status}`) : none }));
        continue;
      }
      const change = percentChange(p95(base), p95(other));
      if (change === null) continue;
      // The lab's tie rule: overlapping intervals are a tie, whatever the medians say.
      const [a, b] = [cell(base)?.point?.p95Interval, cell(other)?.point?.p95Interval];
      if (a && b && overlaps(a, b)) {
        out.push(t('stage.workers.finding.pairTie', {
          other: other.label, base: base.label, users: f.count(users) ?? none,
          p95Other: msText(ctx, p95(other), false, b), p95Base: msText(ctx, p95(base), false, a),
        }));
        continue;
      }
      out.push(t(change > 0 ? 'stage.workers.finding.pairSlower' : change < 0 ? 'stage.workers.finding.pairFaster' : 'stage.workers.finding.pairSame', {
        other: other.label, base: base.label, change: f.absPercent(change) ?? none, users: f.count(users) ?? none,
        p95Other: f.ms(p95(other)) ?? none, p95Base: f.ms(p95(base)) ?? none,
      }));
    }
  }
  return out;
}
