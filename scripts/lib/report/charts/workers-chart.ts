import type { TopLevelSpec } from 'vega-lite';
import type { SloSpec, WorkersStage } from '../../results/types.ts';
import type { Formatters } from '../format.ts';
import type { Translate } from '../i18n.ts';
import { COLORS, PAGE_WIDTH, chartFrame, legendWidth } from './chart-style.ts';
import { clipValue, spreadOf } from './outlier-axis.ts';

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#393b79', '#637939'];

/** The name a configuration gets in the chart: its label, starred when it is on the Pareto front. */
export function workerSeriesName(stage: WorkersStage, configId: string): string {
  const config = stage.configs.find((c) => c.configId === configId);
  const label = config?.label ?? configId;
  return stage.paretoFront.includes(configId) ? `★ ${label}` : label;
}

/**
 * The worker comparison as grouped bars: one group per crowd size, one bar per
 * configuration (in ranking order, best first), and three stacked panels for
 * requests/s, p95 and the failure ratio. The p95 and failure panels carry the
 * SLO limit; bars of cells that missed the SLO are pale; configurations on the
 * Pareto front (throughput × p95 × resources) are starred in the legend.
 * A p95 far above the others would flatten every other bar: the p95 axis is
 * then cut at a stated value, and the bars past it are marked and named.
 */
export function workersChart(stage: WorkersStage, slo: SloSpec, t: Translate, f?: Formatters): TopLevelSpec | null {
  if (stage.cells.length === 0) return null;
  // The legend lists the setups that have a bar.
  const measured = new Set(stage.cells.map((cell) => cell.configId));
  const order = [...stage.ranking, ...stage.configs.map((c) => c.configId).filter((id) => !stage.ranking.includes(id))].filter((id) => measured.has(id));
  const names = order.map((id) => workerSeriesName(stage, id));
  const values = stage.cells.map((cell) => ({
    users: cell.users, config: workerSeriesName(stage, cell.configId), pass: cell.pass,
    rps: cell.rps, p95: cell.p95Ms, failurePct: cell.failureRatio === null ? null : cell.failureRatio * 100,
  }));
  // Within PAGE_WIDTH beside the y axis and the legend of setup names; bars narrow past that.
  const width = Math.min(PAGE_WIDTH - 60 - legendWidth(names, t('chart.configuration')), Math.max(240, stage.crowds.length * names.length * 16 + stage.crowds.length * 24));
  const clip = clipValue(spreadOf(values.map((v) => v.p95)), slo.p95Ms);
  const clipped = clip === null ? [] : values.filter((v) => v.p95 !== null && v.p95 > clip);
  const x = { field: 'users', type: 'ordinal', title: t('chart.crowdUsers'), axis: { labelAngle: 0 } } as const;
  const color = { field: 'config', type: 'nominal', title: t('chart.configuration'), scale: { domain: names, range: PALETTE }, legend: { labelLimit: 320 } } as const;

  const panel = (field: 'rps' | 'p95' | 'failurePct', title: string | { text: string; subtitle: string[] }, limit: number | null, limitLabel: string, bottom: boolean) => ({
    title, width, height: 90,
    layer: [
      {
        data: { values },
        mark: { type: 'bar' },
        encoding: {
          x: bottom ? x : { ...x, axis: { labelAngle: 0, title: null } },
          xOffset: { field: 'config', sort: names },
          y: { field, type: 'quantitative', title: null, axis: { tickCount: 4 }, ...(field === 'p95' && clip !== null ? { scale: { domain: [0, clip], clamp: true, nice: false } } : {}) },
          color,
          opacity: { condition: { test: 'datum.pass', value: 1 }, value: 0.35 },
        },
      },
      ...(field !== 'p95' || clipped.length === 0 ? [] : [{
        // Clamped to the top, a cut bar looks like one that ends there; a triangle on it says it goes on.
        data: { values: clipped }, mark: { type: 'point', shape: 'triangle-up', filled: true, size: 40, color: '#111', opacity: 1, yOffset: -5 },
        encoding: { x: { ...x, axis: { labelAngle: 0, title: null } }, xOffset: { field: 'config', sort: names }, y: { datum: clip, type: 'quantitative' } },
      }]),
      ...(limit === null ? [] : [
        { data: { values: [{ v: limit }] }, mark: { type: 'rule', color: COLORS.slo, strokeDash: [4, 3] }, encoding: { y: { field: 'v', type: 'quantitative' } } },
        {
          data: { values: [{ v: limit, label: limitLabel }] },
          mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -2, fontSize: 10, color: COLORS.slo },
          encoding: { y: { field: 'v', type: 'quantitative' }, x: { value: width }, text: { field: 'label' } },
        },
      ]),
    ],
  });
  return {
    ...chartFrame(t('chart.workersDescription')),
    spacing: 12,
    vconcat: [
      panel('rps', t('chart.rps'), null, '', false),
      panel('p95', clip === null ? t('chart.p95Ms') : {
        text: t('chart.p95Ms'),
        // One line for the cut, one per cut bar: a long subtitle would widen the chart past the page.
        subtitle: [
          t('chart.clippedAxisNote', { clip: f?.ms(clip) ?? String(clip) }),
          ...clipped.map((v) => t('chart.clippedBar', { name: v.config, users: f?.count(v.users) ?? String(v.users), value: f?.ms(v.p95) ?? String(v.p95) })),
        ],
      }, slo.p95Ms, t('chart.sloP95'), false),
      panel('failurePct', t('chart.failurePct'), slo.maxFailureRatio * 100, t('chart.sloFailures'), true),
    ],
  } as TopLevelSpec;
}
