import type { SweepCell, SweepStage } from '../../results/types.ts';
import { percentChange } from '../../analyze/percent-change.ts';
import { intervalCaption, intervalNote, msText, rpsText, verdictClass, verdictText, runsText } from '../measure-text.ts';
import type { ReportContext } from '../report-context.ts';
import { trialAnchor } from '../trial-view.ts';
import { chartView, stageSection, type StageSectionView } from './stage-section.ts';

export interface SweepCellView {
  p95: string;
  rps: string;
  failures: string;
  pass: boolean;
  minimum: boolean;
  /** `—` when the grid has no trial for this CPU × memory pair. */
  empty: boolean;
  anchor: string | null;
  /** The SLO verdict, with the runs behind it when the cell carries a point. */
  verdict: string;
  /** `verdict-meets`, `verdict-misses`, `verdict-undecided`, `verdict-not-judged`: colour only. */
  verdictClass: string;
  undecided: boolean;
  /** How the p95 interval was made (hover text); empty without one. */
  intervalNote: string;
}

export interface SweepView extends StageSectionView {
  /** Explains the brackets, when any cell has an interval. */
  intervalCaption: string | null;
  cpuHeaders: string[];
  rows: { memory: string; cells: SweepCellView[] }[];
}

export function sweepSection(ctx: ReportContext, stage: SweepStage): SweepView {
  const { t, f, none, result } = ctx;
  const cpus = [...new Set(stage.cells.map((cell) => cell.cpus))].sort((a, b) => a - b);
  const memories = [...new Set(stage.cells.map((cell) => cell.memoryMb))].sort((a, b) => a - b);
  const at = (c: number, m: number) => stage.cells.find((cell) => cell.cpus === c && cell.memoryMb === m);
  // A cell's point (schema 2) holds the median of its runs and the intervals; migrated cells have only their one run.
  const describe = (cell: SweepCell) => ({
    cpus: f.decimal2(cell.cpus) ?? none, memory: f.count(cell.memoryMb) ?? none,
    p95: msText(ctx, cell.point?.p95Ms ?? cell.p95Ms, cell.point?.p95AtLeast ?? false, cell.point?.p95Interval ?? null),
    rps: f.rps(cell.point?.rps ?? cell.rps) ?? none, failures: f.percentOfRatio(cell.point?.failureRatio ?? cell.failureRatio) ?? none,
  });

  const findings: string[] = [];
  const minimum = stage.minimum ? stage.cells.find((cell) => cell.trialId === stage.minimum!.trialId) : undefined;
  if (minimum) {
    findings.push(t('stage.sweep.finding.minimum', { ...describe(minimum), users: f.count(stage.users) ?? none }));
  } else {
    const best = [...stage.cells].filter((cell) => cell.p95Ms !== null).sort((a, b) => a.p95Ms! - b.p95Ms!)[0];
    findings.push(best
      ? t('stage.sweep.finding.noneWithBest', { ...describe(best), users: f.count(stage.users) ?? none, limit: f.ms(result.slo.p95Ms) ?? none })
      : t('stage.sweep.finding.none', { users: f.count(stage.users) ?? none }));
  }
  findings.push(t('stage.sweep.finding.passCount', { pass: f.count(stage.cells.filter((c) => c.pass).length) ?? none, total: f.count(stage.cells.length) ?? none }));
  const undecided = stage.cells.filter((c) => c.point?.verdict === 'undecided');
  if (undecided.length > 0) {
    findings.push(t('stage.sweep.finding.undecided', {
      count: f.count(undecided.length) ?? none,
      cells: undecided.map((c) => t('stage.sweep.cellName', { cpus: f.decimal2(c.cpus) ?? none, memory: f.count(c.memoryMb) ?? none })).join('; '),
    }));
  }
  // The effect of each resource with the other held where the grid has both ends.
  const cpuEffect = effect(at(cpus[0]!, memories[0]!), at(cpus.at(-1)!, memories[0]!));
  if (cpus.length > 1 && cpuEffect !== null) {
    findings.push(t(cpuEffect < 0 ? 'stage.sweep.finding.cpuFaster' : 'stage.sweep.finding.cpuSlower', {
      memory: f.count(memories[0]!) ?? none, from: f.decimal2(cpus[0]!) ?? none, to: f.decimal2(cpus.at(-1)!) ?? none, change: f.absPercent(cpuEffect) ?? none,
    }));
  }
  const memoryEffect = effect(at(cpus.at(-1)!, memories[0]!), at(cpus.at(-1)!, memories.at(-1)!));
  if (memories.length > 1 && memoryEffect !== null) {
    findings.push(t('stage.sweep.finding.memoryEffect', {
      cpus: f.decimal2(cpus.at(-1)!) ?? none, from: f.count(memories[0]!) ?? none, to: f.count(memories.at(-1)!) ?? none, change: f.signedPercent(memoryEffect) ?? none,
    }));
  }

  return {
    ...stageSection(ctx, 'sweep', stage, {
      findings,
      charts: chartView(ctx.charts.stages.sweep, t('chart.sweepDescription', { users: stage.users, p95: result.slo.p95Ms }), t('stage.sweep.chartCaption')),
    }),
    intervalCaption: intervalCaption(ctx, stage.cells.map((c) => c.point?.p95Interval)),
    cpuHeaders: cpus.map((c) => t('chart.cpuCores', { cpus: f.decimal2(c) ?? none })),
    // Largest memory first, as in the heatmap.
    rows: [...memories].reverse().map((m) => ({
      memory: t('chart.mib', { mb: f.count(m) ?? none }),
      cells: cpus.map((c) => {
        const cell = at(c, m);
        const trial = ctx.trial(cell?.trialId);
        if (cell === undefined) {
          return { p95: none, rps: none, failures: none, pass: false, minimum: false, empty: true, anchor: null, verdict: '', verdictClass: '', undecided: false, intervalNote: '' };
        }
        const { point } = cell;
        const binding = cell.binding === null ? '' : t(`binding.${cell.binding}`);
        return {
          // The grid shows the throughput with its interval, as the summary quotes it.
          ...describe(cell), rps: rpsText(ctx, cell.point?.rps ?? cell.rps, cell.point?.rpsInterval ?? null), pass: cell.pass, minimum: cell.trialId === stage.minimum?.trialId, empty: false,
          anchor: trial ? trialAnchor(trial) : null,
          verdict: point
            ? t('measure.verdictRuns', { verdict: verdictText(ctx, point), runs: runsText(ctx, point.trialIds.length) })
            : t(cell.pass ? 'stage.sweep.meets' : 'stage.sweep.misses', { binding }),
          verdictClass: point ? verdictClass(point) : cell.pass ? 'verdict-meets' : 'verdict-misses',
          undecided: point?.verdict === 'undecided',
          intervalNote: intervalNote(ctx, point?.p95Interval),
        };
      }),
    })),
  };
}

/** p95 change in percent between two cells, when both were measured. */
function effect(from: SweepCell | undefined, to: SweepCell | undefined): number | null {
  if (!from || !to || from === to) return null;
  return percentChange(from.p95Ms, to.p95Ms);
}
