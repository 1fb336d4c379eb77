import type { TopLevelSpec } from 'vega-lite';
import type { MaxUsersStage, SloSpec } from '../../results/types.ts';
import type { Translate } from '../i18n.ts';
import { COLORS, chartFrame } from './chart-style.ts';

const SOURCES = ['ramp', 'bisect', 'hold'] as const;

/**
 * Latency against users: p95 per measured crowd (ramp steps, bisection
 * probes and the final hold, by shape), the SLO's p95 line, and vertical
 * rules at the last passing crowd, the first failing one and the knee of the
 * curve. A second panel shows the failure ratio with its limit, because a
 * crowd can fail on errors while its p95 looks fine, or have no p95 at all.
 */
export function usersCurveChart(stage: MaxUsersStage, slo: SloSpec, t: Translate): TopLevelSpec | null {
  if (stage.curve.length === 0) return null;
  const sourceNames = SOURCES.map((source) => t(`chart.curveSource.${source}`));
  const values = [...stage.curve].sort((a, b) => a.users - b.users).map((point) => ({
    users: point.users, p95: point.p95Ms, failurePct: point.failureRatio === null ? null : point.failureRatio * 100,
    source: t(`chart.curveSource.${point.source}`),
  }));
  const maxUsers = Math.max(...values.map((v) => v.users));
  const x = { field: 'users', type: 'quantitative', title: t('chart.users'), scale: { domain: [0, maxUsers * 1.05] } } as const;
  const shape = { field: 'source', type: 'nominal', title: t('chart.measuredBy'), scale: { domain: sourceNames, range: ['circle', 'diamond', 'square'] } } as const;
  const rules = [
    ...(stage.lastPassingUsers === null ? [] : [{ v: stage.lastPassingUsers, label: t('chart.lastPassing', { users: stage.lastPassingUsers }), color: COLORS.pass }]),
    ...(stage.firstFailingUsers === null ? [] : [{ v: stage.firstFailingUsers, label: t('chart.firstFailing', { users: stage.firstFailingUsers }), color: COLORS.fail }]),
    ...(stage.knee === null ? [] : [{ v: stage.knee, label: t('chart.knee', { users: stage.knee }), color: COLORS.knee }]),
  ];
  const ruleLayers = (labels: boolean) => rules.flatMap((rule, i) => [
    { data: { values: [rule] }, mark: { type: 'rule', strokeDash: [5, 3], color: rule.color, strokeWidth: 1.5 }, encoding: { x: { field: 'v', type: 'quantitative' } } },
    ...(labels ? [{ data: { values: [rule] }, mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, y: 2 + i * 12, fontSize: 10, color: rule.color }, encoding: { x: { field: 'v', type: 'quantitative' }, text: { field: 'label' } } }] : []),
  ]);
  const limit = (value: number, label: string) => [
    { data: { values: [{ v: value }] }, mark: { type: 'rule', color: COLORS.slo, strokeDash: [4, 3] }, encoding: { y: { field: 'v', type: 'quantitative' } } },
    { data: { values: [{ v: value, label }] }, mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -2, fontSize: 10, color: COLORS.slo }, encoding: { y: { field: 'v', type: 'quantitative' }, x: { value: 600 }, text: { field: 'label' } } },
  ];
  const metric = (field: 'p95' | 'failurePct', title: string, color: string, limitValue: number, limitLabel: string, labels: boolean) => ({
    title, width: 600, height: labels ? 180 : 90,
    layer: [
      ...ruleLayers(labels),
      { data: { values }, transform: [{ filter: `isValid(datum.${field})` }], mark: { type: 'line', color, point: false }, encoding: { x, y: { field, type: 'quantitative', title: null, axis: { tickCount: 4 } } } },
      { data: { values }, transform: [{ filter: `isValid(datum.${field})` }], mark: { type: 'point', filled: true, size: 60, color }, encoding: { x, y: { field, type: 'quantitative' }, shape } },
      ...limit(limitValue, limitLabel),
    ],
  });
  return {
    ...chartFrame(t('chart.usersCurveDescription', { config: stage.configLabel })),
    spacing: 12,
    vconcat: [
      metric('p95', t('chart.p95Ms'), COLORS.p95, slo.p95Ms, t('chart.sloP95'), true),
      metric('failurePct', t('chart.failurePct'), COLORS.fail, slo.maxFailureRatio * 100, t('chart.sloFailures'), false),
    ],
  } as TopLevelSpec;
}
