import type { SweepCell, SweepStage } from '../../results/types.ts';
import { percentChange } from '../../analyze/percent-change.ts';
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
  binding: string;
}

export interface SweepView extends StageSectionView {
  cpuHeaders: string[];
  rows: { memory: string; cells: SweepCellView[] }[];
}

export function sweepSection(ctx: ReportContext, stage: SweepStage): SweepView {
  const { t, f, none, result } = ctx;
  const cpus = [...new Set(stage.cells.map((cell) => cell.cpus))].sort((a, b) => a - b);
  const memories = [...new Set(stage.cells.map((cell) => cell.memoryMb))].sort((a, b) => a - b);
  const at = (c: number, m: number) => stage.cells.find((cell) => cell.cpus === c && cell.memoryMb === m);
  const describe = (cell: SweepCell) => ({
    cpus: f.decimal2(cell.cpus) ?? none, memory: f.count(cell.memoryMb) ?? none, p95: f.ms(cell.p95Ms) ?? none,
    rps: f.rps(cell.rps) ?? none, failures: f.percentOfRatio(cell.failureRatio) ?? none,
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
    cpuHeaders: cpus.map((c) => t('chart.cpuCores', { cpus: f.decimal2(c) ?? none })),
    // Largest memory first, as in the heatmap.
    rows: [...memories].reverse().map((m) => ({
      memory: t('chart.mib', { mb: f.count(m) ?? none }),
      cells: cpus.map((c) => {
        const cell = at(c, m);
        const trial = ctx.trial(cell?.trialId);
        return cell === undefined
          ? { p95: none, rps: none, failures: none, pass: false, minimum: false, empty: true, anchor: null, binding: '' }
          : {
            ...describe(cell), pass: cell.pass, minimum: cell.trialId === stage.minimum?.trialId, empty: false,
            anchor: trial ? trialAnchor(trial) : null, binding: cell.binding === null ? '' : t(`binding.${cell.binding}`),
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
