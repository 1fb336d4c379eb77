import type { TopLevelSpec } from 'vega-lite';
import type { SloSpec, SweepStage } from '../../results/types.ts';
import type { Formatters } from '../format.ts';
import type { Translate } from '../i18n.ts';
import { COLORS, PAGE_WIDTH, chartFrame } from './chart-style.ts';

/**
 * The resource sweep as two heatmaps over the same CPU × memory grid: one
 * coloured by p95 (darker is slower), one by requests/s (darker is more).
 * Cells that meet the SLO get a thick green border and a check mark; a cell
 * without numbers (the trial died) stays grey with a dash. Each cell prints
 * its value, so the chart reads without the colour scale too.
 */
export function sweepChart(stage: SweepStage, slo: SloSpec, t: Translate, f: Formatters): TopLevelSpec | null {
  if (stage.cells.length === 0) return null;
  const cpuLabel = (cpus: number) => t('chart.cpuCores', { cpus: f.decimal2(cpus) ?? String(cpus) });
  const memoryLabel = (mb: number) => t('chart.mib', { mb: f.count(mb) ?? String(mb) });
  const cpuDomain = [...new Set(stage.cells.map((cell) => cell.cpus))].sort((a, b) => a - b).map(cpuLabel);
  const memoryDomain = [...new Set(stage.cells.map((cell) => cell.memoryMb))].sort((a, b) => b - a).map(memoryLabel);
  const values = stage.cells.map((cell) => ({
    cpu: cpuLabel(cell.cpus), memory: memoryLabel(cell.memoryMb), pass: cell.pass,
    p95: cell.p95Ms, rps: cell.rps,
    p95Text: `${cell.pass ? '✓ ' : ''}${f.ms(cell.p95Ms) ?? '—'}`,
    rpsText: `${cell.pass ? '✓ ' : ''}${f.rps(cell.rps) ?? '—'}`,
  }));
  // Cells big enough for their printed value; the grid lines of the axes would cross them.
  // Side by side within PAGE_WIDTH (the caption says "left" and "right"), beside their y axes (about 130 px each);
  // past 3 CPU limits the cells narrow and their text shrinks.
  const size = { width: Math.min((PAGE_WIDTH - 260) / 2, Math.max(180, cpuDomain.length * 96)), height: Math.max(90, memoryDomain.length * 40) };
  const fontSize = size.width / cpuDomain.length >= 64 ? 11 : 9;
  const x = { field: 'cpu', type: 'ordinal', title: t('chart.cpuLimit'), sort: cpuDomain, axis: { labelAngle: 0, grid: false } } as const;
  const y = { field: 'memory', type: 'ordinal', title: t('chart.memoryLimitMib'), sort: memoryDomain, axis: { grid: false } } as const;
  // Dark cells (the upper part of each scale) get white text.
  const midpoint = (field: 'p95' | 'rps') => {
    const known = values.map((v) => v[field]).filter((v): v is number => v !== null);
    return known.length === 0 ? 0 : (Math.min(...known) + Math.max(...known)) / 2;
  };

  const heatmap = (field: 'p95' | 'rps', textField: string, title: string, scheme: string) => ({
    title, ...size, data: { values },
    layer: [
      // Grey underneath: a cell whose value is missing is filtered out of the colour layer.
      { mark: { type: 'rect', fill: '#e5e5e5', stroke: 'white', strokeWidth: 2 }, encoding: { x, y } },
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 2 },
        encoding: {
          x, y,
          color: { field, type: 'quantitative', title: null, scale: { scheme, zero: false }, legend: { orient: 'bottom', direction: 'horizontal', gradientLength: 120 } },
        },
      },
      // A separate layer draws the pass border on top of the neighbouring cells' white gaps.
      { transform: [{ filter: 'datum.pass' }], mark: { type: 'rect', fillOpacity: 0, stroke: COLORS.pass, strokeWidth: 3 }, encoding: { x, y } },
      {
        mark: { type: 'text', fontSize, fontWeight: 'bold' },
        encoding: { x, y, text: { field: textField }, color: { condition: { test: `datum.${field} !== null && datum.${field} > ${midpoint(field)}`, value: 'white' }, value: '#111' } },
      },
    ],
  });
  return {
    ...chartFrame(t('chart.sweepDescription', { users: stage.users, p95: slo.p95Ms })),
    spacing: 30,
    resolve: { scale: { color: 'independent' } },
    hconcat: [
      heatmap('p95', 'p95Text', t('chart.sweepP95', { limit: f.ms(slo.p95Ms) ?? String(slo.p95Ms) }), 'orangered'),
      heatmap('rps', 'rpsText', t('chart.sweepRps'), 'blues'),
    ],
  } as TopLevelSpec;
}
