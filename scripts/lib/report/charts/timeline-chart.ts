import type { TopLevelSpec } from 'vega-lite';
import type { SloSpec, TimelinePoint, TrialResult } from '../../results/types.ts';
import type { Formatters } from '../format.ts';
import type { Translate } from '../i18n.ts';
import { timelineMarkers, type TimelineMarker } from '../load-start.ts';
import { lttb } from '../lttb.ts';
import { COLORS, chartFrame } from './chart-style.ts';
import { spreadOf } from './outlier-axis.ts';
import { textWidth } from '../text-width.ts';

/** With the axes and the legends beside it, a timeline is about PAGE_WIDTH wide. */
const PANEL_WIDTH = 520;
const PANEL_HEIGHT = 70;
/** Points per series drawn: one every 4–5 px of a PANEL_WIDTH panel, as many as the eye tells apart (and the 200-trial report stays under 3 MiB). */
export const DEFAULT_TIMELINE_POINTS = 120;

type Row = Record<string, number | string>;
/** Every panel is a layer, so markers can be added as more layers. */
type Panel = { title: string | { text: string; subtitle: string }; width: number; height: number; resolve?: object; layer: object[] };
/** The shared x encoding; only the bottom panel carries labels and the axis title. */
type XEncoding = { field: 's'; type: 'quantitative'; scale: { domain: [number, number] }; axis: Record<string, unknown> };
type PanelFactory = (x: XEncoding, withMarkerLabels: boolean) => Panel;

export interface TimelineOptions {
  /** Draws the p95 limit on the latency panel. */
  slo?: SloSpec | null;
  /** LTTB threshold per series; the raw files keep every point. */
  maxPoints?: number;
  /** The trial's label in the report's language (see `trial-label.ts`); the recorded one otherwise. */
  label?: string;
  /** Formats the numbers of the log-axis note; without it the note has none. */
  f?: Formatters;
}

/**
 * A trial's timeline as three panels on one time axis (seconds since Locust
 * started): the load (users and requests/s), the latency (p50, p95 and the SLO
 * limit), and the API's resources as a percent of its limits (100 % memory is
 * the OOM line). OOM kills, exits and restarts of the API are marked across
 * every panel. Returns `null` when there is nothing to draw.
 *
 * Each series keeps only its own non-null points (a line would otherwise be
 * joined across a missing sample) and is downsampled with LTTB. The x domain
 * is fixed so the panels stay aligned when one series starts late.
 */
export function timelineChart(trial: TrialResult, t: Translate, options: TimelineOptions = {}): TopLevelSpec | null {
  const points = trial.timeline;
  if (points.length === 0) return null;
  const maxPoints = options.maxPoints ?? DEFAULT_TIMELINE_POINTS;
  const markers = timelineMarkers(trial);

  const factories = [
    loadPanel(trial, t, maxPoints),
    latencyPanel(points, t, maxPoints, options.slo ?? null, options.f),
    ...resourcePanels(trial, t, maxPoints),
  ].filter((factory): factory is PanelFactory => factory !== null);
  if (factories.length === 0) return null;

  const xs = [...points.map((p) => p.s), ...markers.map((m) => m.s)];
  const domain: [number, number] = [Math.min(0, ...xs), Math.max(1, ...xs)];
  const last = factories.length - 1;
  const x = (bottom: boolean): XEncoding => ({
    field: 's', type: 'quantitative', scale: { domain },
    // Only the bottom panel repeats the labels; the grid lines still align the others.
    // The x grid is left out: the panels share the axis, and on a page of
    // hundreds of trials the grid lines would be a fifth of every chart's bytes.
    axis: bottom ? { title: t('chart.secondsSinceStart'), tickCount: 10, grid: false } : { title: null, labels: false, grid: false },
  });
  return {
    ...chartFrame(t('chart.timelineDescription', { label: options.label ?? trial.spec.label })),
    spacing: 10,
    // Each panel has its own series names and colours.
    resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } },
    vconcat: factories.map((make, i) => withMarkers(make(x(i === last), i === 0), markers, x(i === last), i === 0, t)),
  } as unknown as TopLevelSpec;
}

function series(points: readonly TimelinePoint[], key: keyof TimelinePoint, maxPoints: number, scale = 1): Row[] {
  const rows: { s: number; v: number }[] = [];
  for (const point of points) {
    const value = point[key];
    if (value !== null) rows.push({ s: point.s, v: Math.round((value * scale) * 10) / 10 });
  }
  return lttb(withoutFlatRuns(rows), maxPoints, (row) => row.s, (row) => row.v);
}

/**
 * Drops the inner points of runs of equal values (a constant crowd, a flat
 * memory line): the line drawn through the ends is the same, and LTTB then
 * spends its points where the series moves.
 */
function withoutFlatRuns(rows: { s: number; v: number }[]): { s: number; v: number }[] {
  return rows.filter((row, i) => i === 0 || i === rows.length - 1 || row.v !== rows[i - 1]!.v || row.v !== rows[i + 1]!.v);
}

/**
 * Panels are named by a title above them rather than a y-axis title: a rotated
 * title longer than a short panel would push the panels apart unevenly.
 * An all-zero series (RPS of a dead API) gets a readable 0..1 axis.
 */
function yEncoding(values: Row[], extra: Record<string, unknown> = {}) {
  const flat = values.every((row) => row.v === 0);
  return { field: 'v', type: 'quantitative', title: null, axis: { tickCount: 3 }, scale: flat ? { zero: true, domain: [0, 1] } : { zero: true }, ...extra } as const;
}

function loadPanel(trial: TrialResult, t: Translate, maxPoints: number): PanelFactory | null {
  const users = series(trial.timeline, 'users', maxPoints);
  const rps = series(trial.timeline, 'rps', maxPoints);
  if (users.length === 0 && rps.length === 0) return null;
  const usersName = t('chart.users'), rpsName = t('chart.rps');
  const color = seriesColor([[usersName, COLORS.users, users], [rpsName, COLORS.rps, rps]]);
  // Users and RPS have different units: two y scales, users on the left.
  return (x) => ({
    title: t('chart.loadPanel'), width: PANEL_WIDTH, height: PANEL_HEIGHT,
    resolve: { scale: { y: 'independent' } },
    layer: [
      { data: { values: users.map((r) => ({ ...r, series: usersName })) }, mark: { type: 'line', interpolate: 'step-after', point: users.length < 3 }, encoding: { x, y: yEncoding(users, { axis: { tickCount: 3, orient: 'left' } }), color } },
      { data: { values: rps.map((r) => ({ ...r, series: rpsName })) }, mark: { type: 'line', point: rps.length < 3 }, encoding: { x, y: yEncoding(rps, { axis: { tickCount: 3, orient: 'right', grid: false } }), color } },
    ],
  });
}

/**
 * p50 and p95 with the SLO limit. A spike (the spawn burst, one stalled
 * request) that would squeeze the rest of the series into the bottom pixels
 * turns the axis logarithmic, and the panel's subtitle says so.
 */
function latencyPanel(points: readonly TimelinePoint[], t: Translate, maxPoints: number, slo: SloSpec | null, f?: Formatters): PanelFactory | null {
  const p50 = t('chart.p50'), p95 = t('chart.p95');
  const p50Rows = series(points, 'p50Ms', maxPoints), p95Rows = series(points, 'p95Ms', maxPoints);
  // Each series against itself: a p95 ten times the p50 is no outlier.
  const outlier = ([[p50, p50Rows], [p95, p95Rows]] as const)
    .map(([name, rows]) => ({ name, spread: spreadOf(rows.map((row) => row.v as number)) }))
    .find(({ spread }) => spread?.outlying === true);
  const spread = outlier?.spread;
  const log = outlier !== undefined;
  // A log axis has no zero; a 0 ms sample (none in practice: Locust rounds up to 1 ms) is left out.
  const keep = (rows: Row[]) => (log ? rows.filter((row) => (row.v as number) > 0) : rows);
  const values = [...keep(p50Rows).map((row) => ({ ...row, series: p50 })), ...keep(p95Rows).map((row) => ({ ...row, series: p95 }))];
  if (values.length === 0) return null;
  const y = log ? { field: 'v', type: 'quantitative', title: null, axis: { tickCount: 3 }, scale: { type: 'log' } } as const : yEncoding(values);
  const title = outlier && spread
    ? { text: t('chart.latencyMs'), subtitle: t('chart.logAxisSeriesNote', { series: outlier.name, max: f?.ms(spread.max) ?? String(spread.max), median: f?.ms(spread.median) ?? String(spread.median) }) }
    : t('chart.latencyMs');
  return (x) => ({
    title, width: PANEL_WIDTH, height: PANEL_HEIGHT,
    layer: [
      {
        data: { values }, mark: { type: 'line', point: values.length < 6 },
        encoding: { x, y, color: seriesColor([[p50, COLORS.p50, p50Rows], [p95, COLORS.p95, p95Rows]]) },
      },
      ...(slo === null ? [] : limitLayers(slo.p95Ms, t('chart.sloP95'), y)),
    ],
  });
}

/** CPU and memory against their limits on one percent axis; memory in MiB when unlimited. */
function resourcePanels(trial: TrialResult, t: Translate, maxPoints: number): (PanelFactory | null)[] {
  // apiCpuPercent and apiMemoryMb are sums over the replicas; the limits are per replica.
  const replicas = Math.max(1, trial.spec.replicas);
  const cpuName = t('chart.apiCpu'), memoryName = t('chart.apiMemory');
  const cpu = series(trial.timeline, 'apiCpuPercent', maxPoints, 1 / replicas).map((row) => ({ ...row, series: cpuName }));
  const limitMb = trial.appliedLimits?.memoryMb ?? null;
  const memory = limitMb === null ? [] : series(trial.timeline, 'apiMemoryMb', maxPoints, 100 / (limitMb * replicas)).map((row) => ({ ...row, series: memoryName }));
  const values = [...cpu, ...memory];
  const color = seriesColor([[cpuName, COLORS.cpu, cpu], [memoryName, COLORS.memory, memory]]);
  const percentPanel: PanelFactory | null = values.length === 0 ? null : (x) => {
    const y = { ...yEncoding(values), scale: { zero: true, domainMax: 100, nice: false } } as const;
    return {
      title: t(replicas > 1 ? 'chart.resourcesPanelReplicas' : 'chart.resourcesPanel', { replicas }), width: PANEL_WIDTH, height: PANEL_HEIGHT,
      layer: [
        { data: { values }, mark: { type: 'line', point: values.length < 6 }, encoding: { x, y, color } },
        ...limitLayers(100, t('chart.limit'), y),
      ],
    };
  };
  const memoryMib = limitMb === null ? series(trial.timeline, 'apiMemoryMb', maxPoints) : [];
  const mibPanel: PanelFactory | null = memoryMib.length === 0 ? null : (x) => ({
    title: t('chart.apiMemoryMib'), width: PANEL_WIDTH, height: PANEL_HEIGHT,
    layer: [{ data: { values: memoryMib }, mark: { type: 'line', color: COLORS.memory, point: memoryMib.length < 3 }, encoding: { x, y: yEncoding(memoryMib) } }],
  });
  return [percentPanel, mibPanel];
}

/** A panel's colour scale and legend: only the series that have points (no "memory" entry without a memory limit). */
function seriesColor(entries: [name: string, color: string, rows: readonly Row[]][]) {
  const drawn = entries.filter(([, , rows]) => rows.length > 0);
  return { field: 'series', type: 'nominal', title: null, scale: { domain: drawn.map(([name]) => name), range: drawn.map(([, color]) => color) } } as const;
}

/**
 * A dashed horizontal line with a label at its right end; none when the axis
 * has a fixed domain that leaves the limit out. That is the 0..1 axis of an
 * all-zero series (e.g. a trial whose API died before answering): a 1000 ms
 * limit would sit 80,000 px below the panel and the SVG would grow to hold it
 * (the deploy trial's chart was 80,315 px tall). Clipping the marks would
 * instead add clip-path ids, which a chart shown twice on the page duplicates.
 */
function limitLayers(value: number, label: string, y: { scale?: { domain?: readonly number[]; [key: string]: unknown } }) {
  const domain = y.scale?.domain;
  if (domain && (value < Math.min(...domain) || value > Math.max(...domain))) return [];
  return [
    { data: { values: [{ v: value }] }, mark: { type: 'rule' as const, color: COLORS.slo, strokeDash: [4, 3] }, encoding: { y } },
    {
      data: { values: [{ v: value, label }] },
      mark: { type: 'text' as const, align: 'right' as const, baseline: 'bottom' as const, dy: -2, fontSize: 10, color: COLORS.slo },
      encoding: { y, x: { value: PANEL_WIDTH }, text: { field: 'label', type: 'nominal' as const } },
    },
  ];
}

const markerLabel = (m: TimelineMarker, t: Translate): string => (m.kind === 'die' ? t('chart.marker.die', { code: m.exitCode ?? '?' }) : t(`chart.marker.${m.kind}`));

/**
 * The text row of each marker's label: the first row whose last label ends
 * before this one starts (OOM kills of a restarting API can be seconds apart).
 */
function labelRows(markers: readonly TimelineMarker[], domain: [number, number], t: Translate): number[] {
  const px = (s: number) => ((s - domain[0]) / Math.max(1e-9, domain[1] - domain[0])) * PANEL_WIDTH;
  const ends: number[] = [];
  return markers.map((m) => {
    const start = px(m.s) + 3;
    let row = ends.findIndex((end) => end + 4 <= start);
    if (row === -1) row = ends.length;
    ends[row] = start + textWidth(markerLabel(m, t), 10, true);
    return row;
  });
}

const MARKER_COLORS: Record<TimelineMarker['kind'], string> = { oom: COLORS.fail, die: COLORS.warn, restart: COLORS.neutral };

/**
 * Adds a vertical rule per container event to a panel, with its label on the
 * top panel only. Fixed colours per kind rather than a colour encoding: a
 * layer shares its colour scale, and the markers must not join the legend of
 * p50/p95 or CPU/memory.
 */
function withMarkers(panel: Panel, markers: TimelineMarker[], x: XEncoding, withLabels: boolean, t: Translate): Panel {
  const layers: object[] = [];
  const rows = withLabels ? labelRows(markers, x.scale.domain, t) : [];
  for (const kind of ['oom', 'die', 'restart'] as const) {
    const values = markers.flatMap((m, i) => (m.kind === kind ? [{ s: m.s, label: markerLabel(m, t), row: rows[i] ?? 0 }] : []));
    if (values.length === 0) continue;
    const color = MARKER_COLORS[kind];
    layers.push({ data: { values }, mark: { type: 'rule', color, strokeWidth: 1.5, strokeDash: [2, 2] }, encoding: { x } });
    if (!withLabels) continue;
    // One text layer per row: a mark's y offset is fixed, not per datum.
    for (const row of new Set(values.map((value) => value.row))) {
      layers.push({
        data: { values: values.filter((value) => value.row === row) }, mark: { type: 'text', color, align: 'left', baseline: 'top', dx: 3, y: 2 + row * 12, fontSize: 10, fontWeight: 'bold' },
        encoding: { x, text: { field: 'label', type: 'nominal' } },
      });
    }
  }
  return layers.length === 0 ? panel : { ...panel, layer: [...panel.layer, ...layers] };
}
