import type { TopLevelSpec } from 'vega-lite';
import type { SloSpec, WorkersStage } from '../../results/types.ts';
import type { Translate } from '../i18n.ts';
import { COLORS, chartFrame } from './chart-style.ts';

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
 */
export function workersChart(stage: WorkersStage, slo: SloSpec, t: Translate): TopLevelSpec | null {
  if (stage.cells.length === 0) return null;
  const order = [...stage.ranking, ...stage.configs.map((c) => c.configId).filter((id) => !stage.ranking.includes(id))];
  const names = order.map((id) => workerSeriesName(stage, id));
  const values = stage.cells.map((cell) => ({
    users: cell.users, config: workerSeriesName(stage, cell.configId), pass: cell.pass,
    rps: cell.rps, p95: cell.p95Ms, failurePct: cell.failureRatio === null ? null : cell.failureRatio * 100,
  }));
  const width = Math.max(240, stage.crowds.length * names.length * 16 + stage.crowds.length * 24);
  const x = { field: 'users', type: 'ordinal', title: t('chart.crowdUsers'), axis: { labelAngle: 0 } } as const;
  const color = { field: 'config', type: 'nominal', title: t('chart.configuration'), scale: { domain: names, range: PALETTE }, legend: { labelLimit: 320 } } as const;

  const panel = (field: 'rps' | 'p95' | 'failurePct', title: string, limit: number | null, limitLabel: string, bottom: boolean) => ({
    title, width, height: 110,
    layer: [
      {
        data: { values },
        mark: { type: 'bar' },
        encoding: {
          x: bottom ? x : { ...x, axis: { labelAngle: 0, title: null } },
          xOffset: { field: 'config', sort: names },
          y: { field, type: 'quantitative', title: null, axis: { tickCount: 4 } },
          color,
          opacity: { condition: { test: 'datum.pass', value: 1 }, value: 0.35 },
        },
      },
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
      panel('p95', t('chart.p95Ms'), slo.p95Ms, t('chart.sloP95'), false),
      panel('failurePct', t('chart.failurePct'), slo.maxFailureRatio * 100, t('chart.sloFailures'), true),
    ],
  } as TopLevelSpec;
}
