import type { TopLevelSpec } from 'vega-lite';
import type { TimelinePoint, TrialResult } from '../../results/types.ts';
import type { Translate } from '../i18n.ts';

const PANEL_WIDTH = 640;
const PANEL_HEIGHT = 80;

type Row = Record<string, number | string>;
type Panel = Extract<TopLevelSpec, { vconcat: unknown }>['vconcat'][number];
/** The shared x encoding; only the bottom panel carries the axis title. */
type XEncoding = { field: 's'; type: 'quantitative'; scale: { domain: [number, number] }; title: string | null };
type PanelFactory = (x: XEncoding) => Panel;

/**
 * The trial's timeline as small panels stacked on one time axis (seconds since
 * Locust started): users, RPS, p50/p95 and, when sampled, API CPU and memory.
 * Returns `null` when there is nothing to draw, so the template can say so.
 *
 * Each panel gets only its own non-null points: Vega-Lite would otherwise join a
 * line across gaps where a sample was missing. The x domain is fixed so the
 * panels stay aligned even when one series starts late or stops early.
 */
export function timelineChart(trial: TrialResult, t: Translate): TopLevelSpec | null {
  const points = trial.timeline;
  if (points.length === 0) return null;

  const factories = [
    linePanel(series(points, 'users'), t('chart.users'), '#6b6b6b', 'step-after'),
    linePanel(series(points, 'rps'), t('chart.rps'), '#1f77b4'),
    latencyPanel(points, t),
    linePanel(series(points, 'apiCpuPercent'), t('chart.apiCpuPercent'), '#d62728'),
    memoryPanel(trial, t),
  ].filter((factory): factory is PanelFactory => factory !== null);
  if (factories.length === 0) return null;

  const domain: [number, number] = [Math.min(0, ...points.map((p) => p.s)), Math.max(1, ...points.map((p) => p.s))];
  const x = (title: string | null): XEncoding => ({ field: 's', type: 'quantitative', scale: { domain }, title });
  const last = factories.length - 1;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: t('chart.timelineDescription', { label: trial.spec.label }),
    background: 'white',
    padding: 8,
    spacing: 14,
    config: {
      font: 'sans-serif',
      view: { stroke: '#e5e5e5' },
      title: { anchor: 'start', frame: 'group', fontSize: 11, fontWeight: 'bold', offset: 4 },
      axis: { labelFontSize: 10, titleFontSize: 11, grid: true, gridColor: '#eeeeee' },
      legend: { labelFontSize: 10, orient: 'right' },
    },
    // An independent legend sits next to the latency panel, not at the top of the stack.
    resolve: { legend: { color: 'independent' } },
    vconcat: factories.map((make, i) => make(x(i === last ? t('chart.secondsSinceStart') : null))),
  };
}

function series(points: TimelinePoint[], key: keyof TimelinePoint): Row[] {
  const rows: Row[] = [];
  for (const point of points) {
    const value = point[key];
    if (value !== null) rows.push({ s: point.s, v: value });
  }
  return rows;
}

/**
 * Panels are named by a title above them rather than a y-axis title: a rotated
 * title longer than a short panel would push the panels apart unevenly.
 * An all-zero series (RPS of a dead API) gets a readable 0..1 axis.
 */
function yEncoding(values: Row[]) {
  const flat = values.every((row) => row.v === 0);
  return { field: 'v', type: 'quantitative', title: null, scale: flat ? { zero: true, domain: [0, 1] } : { zero: true } } as const;
}

function linePanel(values: Row[], title: string, color: string, interpolate: 'linear' | 'step-after' = 'linear'): PanelFactory | null {
  if (values.length === 0) return null;
  return (x) => ({
    title, width: PANEL_WIDTH, height: PANEL_HEIGHT,
    data: { values },
    mark: { type: 'line', color, interpolate, point: values.length < 3 },
    encoding: { x, y: yEncoding(values) },
  });
}

function latencyPanel(points: TimelinePoint[], t: Translate): PanelFactory | null {
  const p50 = t('chart.p50'), p95 = t('chart.p95');
  const values = [
    ...series(points, 'p50Ms').map((row) => ({ ...row, series: p50 })),
    ...series(points, 'p95Ms').map((row) => ({ ...row, series: p95 })),
  ];
  if (values.length === 0) return null;
  return (x) => ({
    title: t('chart.latencyMs'), width: PANEL_WIDTH, height: PANEL_HEIGHT,
    data: { values },
    mark: { type: 'line', point: values.length < 6 },
    encoding: {
      x, y: yEncoding(values),
      color: { field: 'series', type: 'nominal', title: null, scale: { domain: [p50, p95], range: ['#2ca02c', '#ff7f0e'] } },
    },
  });
}

function memoryPanel(trial: TrialResult, t: Translate): PanelFactory | null {
  const values = series(trial.timeline, 'apiMemoryMb');
  if (values.length === 0) return null;
  const y = yEncoding(values);
  const limit = trial.appliedLimits?.memoryMb ?? null;
  // The limit line shows how close memory came to the OOM killer; the y scale
  // then includes it, which is the comparison the reader needs.
  const limitLayers = limit === null ? [] : [
    { data: { values: [{ v: limit }] }, mark: { type: 'rule' as const, color: '#d62728', strokeDash: [4, 3] }, encoding: { y } },
    {
      data: { values: [{ v: limit, label: t('chart.memoryLimit') }] },
      mark: { type: 'text' as const, align: 'right' as const, baseline: 'bottom' as const, dy: -2, fontSize: 10, color: '#d62728' },
      encoding: { y, x: { value: PANEL_WIDTH }, text: { field: 'label', type: 'nominal' as const } },
    },
  ];
  return (x) => ({
    title: t('chart.apiMemoryMib'), width: PANEL_WIDTH, height: PANEL_HEIGHT,
    layer: [
      { data: { values }, mark: { type: 'line', color: '#9467bd', point: values.length < 3 }, encoding: { x, y } },
      ...limitLayers,
    ],
  });
}
