import type { TopLevelSpec } from 'vega-lite';
import type { MaxUsersStage, SloSpec } from '../../results/types.ts';
import type { Formatters } from '../format.ts';
import type { Translate } from '../i18n.ts';
import { COLORS, PAGE_WIDTH, chartFrame, legendWidth } from './chart-style.ts';
import { spreadOf } from './outlier-axis.ts';
import { textWidth } from '../text-width.ts';

const SHAPES = { ramp: 'circle', bisect: 'diamond', hold: 'square' } as const;

const SOURCES = ['ramp', 'bisect', 'hold'] as const;

/**
 * Latency against users: p95 per measured crowd (ramp steps, bisection
 * probes and the final hold, by shape), the SLO's p95 line, and vertical
 * rules at the last passing crowd, the first failing one and the knee of the
 * curve. A second panel shows the failure ratio with its limit, because a
 * crowd can fail on errors while its p95 looks fine, or have no p95 at all.
 * The rules' labels stand at the foot of the p95 panel: the curve rises
 * towards the rules, so their tops are where the points are. A p95 far above
 * the others turns that axis logarithmic, and its subtitle says so.
 */
export function usersCurveChart(stage: MaxUsersStage, slo: SloSpec, t: Translate, f?: Formatters): TopLevelSpec | null {
  if (stage.curve.length === 0) return null;
  // The legend lists how the points were measured, for the ways that occurred.
  const sources = SOURCES.filter((source) => stage.curve.some((point) => point.source === source));
  const values = [...stage.curve].sort((a, b) => a.users - b.users).map((point) => ({
    users: point.users, p95: point.p95Ms, failurePct: point.failureRatio === null ? null : point.failureRatio * 100,
    source: t(`chart.curveSource.${point.source}`),
  }));
  const maxUsers = Math.max(...values.map((v) => v.users));
  const x = { field: 'users', type: 'quantitative', title: t('chart.users'), scale: { domain: [0, maxUsers * 1.05] } } as const;
  const shape = {
    field: 'source', type: 'nominal', title: t('chart.measuredBy'),
    scale: { domain: sources.map((source) => t(`chart.curveSource.${source}`)), range: sources.map((source) => SHAPES[source]) },
  } as const;
  // PAGE_WIDTH less the y axis (about 60 px) and the shape legend.
  const plotWidth = PAGE_WIDTH - 60 - legendWidth(shape.scale.domain, shape.title);
  const spread = spreadOf(values.map((v) => v.p95));
  const log = spread?.outlying === true;
  const rules = [
    ...(stage.lastPassingUsers === null ? [] : [{ v: stage.lastPassingUsers, label: t('chart.lastPassing', { users: stage.lastPassingUsers }), color: COLORS.pass }]),
    ...(stage.firstFailingUsers === null ? [] : [{ v: stage.firstFailingUsers, label: t('chart.firstFailing', { users: stage.firstFailingUsers }), color: COLORS.fail }]),
    ...(stage.knee === null ? [] : [{ v: stage.knee, label: t('chart.knee', { users: stage.knee }), color: COLORS.knee }]),
  ];
  const ruleLayers = (labels: boolean, height: number) => rules.flatMap((rule, i) => [
    { data: { values: [rule] }, mark: { type: 'rule', strokeDash: [5, 3], color: rule.color, strokeWidth: 1.5 }, encoding: { x: { field: 'v', type: 'quantitative' } } },
    // A label that would run past the plot's right edge goes on its rule's left.
    ...(labels ? [{
      data: { values: [rule] },
      mark: { type: 'text', ...((rule.v / (maxUsers * 1.05)) * plotWidth + 3 + textWidth(rule.label, 10) > plotWidth ? { align: 'right', dx: -3 } : { align: 'left', dx: 3 }), baseline: 'bottom', y: height - 2 - (rules.length - 1 - i) * 12, fontSize: 10, color: rule.color },
      encoding: { x: { field: 'v', type: 'quantitative' }, text: { field: 'label' } },
    }] : []),
  ]);
  const limit = (value: number, label: string) => [
    { data: { values: [{ v: value }] }, mark: { type: 'rule', color: COLORS.slo, strokeDash: [4, 3] }, encoding: { y: { field: 'v', type: 'quantitative' } } },
    { data: { values: [{ v: value, label }] }, mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -2, fontSize: 10, color: COLORS.slo }, encoding: { y: { field: 'v', type: 'quantitative' }, x: { value: plotWidth }, text: { field: 'label' } } },
  ];
  const metric = (field: 'p95' | 'failurePct', title: string | { text: string; subtitle: string }, color: string, limitValue: number, limitLabel: string, labels: boolean) => {
    const height = labels ? 150 : 80;
    const logAxis = field === 'p95' && log;
    const y = { field, type: 'quantitative', title: null, axis: { tickCount: 4 }, ...(logAxis ? { scale: { type: 'log' } } : {}) } as const;
    // A log axis has no zero: a p95 of 0 ms cannot be drawn on it.
    const filter = logAxis ? `isValid(datum.${field}) && datum.${field} > 0` : `isValid(datum.${field})`;
    return {
      title, width: plotWidth, height,
      layer: [
        ...ruleLayers(labels, height),
        { data: { values }, transform: [{ filter }], mark: { type: 'line', color, point: false }, encoding: { x, y } },
        { data: { values }, transform: [{ filter }], mark: { type: 'point', filled: true, size: 60, color }, encoding: { x, y, shape } },
        ...limit(limitValue, limitLabel),
      ],
    };
  };
  const p95Title = log && spread
    ? { text: t('chart.p95Ms'), subtitle: t('chart.logAxisNote', { max: f?.ms(spread.max) ?? String(spread.max), median: f?.ms(spread.median) ?? String(spread.median) }) }
    : t('chart.p95Ms');
  return {
    ...chartFrame(t('chart.usersCurveDescription', { config: stage.configLabel })),
    spacing: 12,
    vconcat: [
      metric('p95', p95Title, COLORS.p95, slo.p95Ms, t('chart.sloP95'), true),
      metric('failurePct', t('chart.failurePct'), COLORS.fail, slo.maxFailureRatio * 100, t('chart.sloFailures'), false),
    ],
  } as TopLevelSpec;
}
