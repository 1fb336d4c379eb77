import type { TopLevelSpec } from 'vega-lite';
import type { CapacityPlan } from '../../results/capacity-schema.ts';
import type { Formatters } from '../format.ts';
import type { Translate } from '../i18n.ts';
import { COLORS, PAGE_WIDTH, chartFrame, legendWidth } from './chart-style.ts';

/**
 * Throughput against replicas, both axes logarithmic (1 to a hundred-odd
 * replicas): the plan's fitted curve and linear scaling for the plan's
 * setup, the replicas stage's measured runs, the throughput the target crowd
 * needs, and the plan's replica count. Everything is read from the stored
 * plan. `null` without a curve.
 */
export function capacityChart(plan: CapacityPlan, t: Translate, f: Formatters): TopLevelSpec | null {
  if (plan.curve.length === 0) return null;
  const fitted = t('chart.capacityFitted');
  const linear = t('chart.capacityLinear');
  const measured = t('chart.capacityMeasured', { image: plan.usl?.image ?? '' });
  const curve = plan.curve.flatMap((p) => [
    { replicas: p.replicas, rps: p.rps, series: fitted },
    { replicas: p.replicas, rps: p.linearRps, series: linear },
  ]);
  const points = (plan.usl?.points ?? []).map((p) => ({ replicas: p.replicas, rps: p.rps, series: measured, label: f.rps(p.rps) ?? '' }));
  const maxReplicas = Math.max(...plan.curve.map((p) => p.replicas), ...points.map((p) => p.replicas));
  const x = { field: 'replicas', type: 'quantitative', title: t('chart.replicas'), scale: { type: 'log', domain: [1, maxReplicas], nice: false } } as const;
  const y = { field: 'rps', type: 'quantitative', title: t('chart.rps'), scale: { type: 'log' } } as const;
  const color = { field: 'series', type: 'nominal', title: null, legend: { labelLimit: 280 }, scale: { domain: [fitted, linear, measured], range: [COLORS.rps, COLORS.neutral, COLORS.warn] } } as const;
  const rules = [
    ...(plan.requiredRps === null ? [] : [{
      data: { values: [{ rps: plan.requiredRps, label: t('chart.capacityRequired', { rps: f.rps(plan.requiredRps) ?? '', users: f.count(plan.targetUsers) ?? '' }) }] },
      layer: [
        { mark: { type: 'rule', color: COLORS.slo, strokeDash: [4, 3] }, encoding: { y: { field: 'rps', type: 'quantitative' } } },
        { mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 4, dy: -2, fontSize: 10, color: COLORS.slo }, encoding: { y: { field: 'rps', type: 'quantitative' }, x: { value: 0 }, text: { field: 'label' } } },
      ],
    }]),
    ...(plan.replicas === null ? [] : [{
      data: { values: [{ replicas: plan.replicas.count, label: t('chart.capacityPlan', { replicas: f.count(plan.replicas.count) ?? '' }) }] },
      layer: [
        { mark: { type: 'rule', color: COLORS.pass, strokeDash: [5, 3], strokeWidth: 1.5 }, encoding: { x: { field: 'replicas', type: 'quantitative' } } },
        { mark: { type: 'text', align: 'right', baseline: 'top', dx: -3, y: 2, fontSize: 10, color: COLORS.pass }, encoding: { x: { field: 'replicas', type: 'quantitative' }, text: { field: 'label' } } },
      ],
    }]),
  ];
  return {
    ...chartFrame(t('chart.capacityDescription', { users: f.count(plan.targetUsers) ?? '' })),
    // PAGE_WIDTH less the y axis (about 80 px with its title) and the legend.
    width: PAGE_WIDTH - 80 - legendWidth([fitted, linear, measured], null), height: 180,
    layer: [
      { data: { values: curve.filter((p) => p.series === fitted) }, mark: { type: 'line' }, encoding: { x, y, color } },
      { data: { values: curve.filter((p) => p.series === linear) }, mark: { type: 'line', strokeDash: [4, 3] }, encoding: { x, y, color } },
      { data: { values: points }, mark: { type: 'point', filled: true, size: 70 }, encoding: { x, y, color } },
      { data: { values: points }, mark: { type: 'text', align: 'left', dx: 6, fontSize: 10 }, encoding: { x, y, text: { field: 'label' } } },
      ...rules,
    ],
  } as TopLevelSpec;
}
