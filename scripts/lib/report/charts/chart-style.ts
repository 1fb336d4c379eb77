import type { Config } from 'vega-lite';
import { textWidth } from '../text-width.ts';

/** Vega-Lite schema every spec names; the renderer never fetches it. */
export const VL_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * One look for every chart. `aria: false` drops Vega's per-mark ARIA
 * descriptions: each chart sits in a `<figure>` with its own label and
 * caption, and per-point descriptions would double the SVG size of a long
 * timeline for no reader.
 */
export const CHART_CONFIG: Config = {
  font: 'sans-serif',
  aria: false,
  view: { stroke: '#e5e5e5' },
  // Subtitles carry axis notes (a log scale, a cut axis): small, grey, one short line each.
  title: { anchor: 'start', frame: 'group', fontSize: 11, fontWeight: 'bold', offset: 4, subtitleFontSize: 10, subtitleColor: '#5f6368' },
  // No tick marks or domain lines: the grid carries the scale, at a third of the SVG.
  axis: { labelFontSize: 10, titleFontSize: 11, grid: true, gridColor: '#eeeeee', labelOverlap: true, ticks: false, domain: false, labelPadding: 4 },
  legend: { labelFontSize: 10, titleFontSize: 10, titleLimit: 320, orient: 'right' },
  header: { labelFontSize: 11, titleFontSize: 11 },
};

/**
 * The widest a chart is drawn, axes and legend included, in CSS px: the text
 * width of A4 (210 mm less 2 × 11 mm margins is 710 px at 96 px an inch). A
 * chart this wide prints at full size, so its 10 px labels stay 10 px; a
 * wider one would be scaled down to fit (`.chart svg { max-width: 100% }`).
 */
export const PAGE_WIDTH = 700;

/**
 * Width a right-hand legend takes beside its plot, in px: its widest label
 * after the symbol, or its bold title, plus the gap to the plot. Plot widths
 * subtract it, so a longer Spanish label narrows the plot, not widens the page.
 */
export function legendWidth(labels: readonly string[], title: string | null): number {
  const fontSize = CHART_CONFIG.legend!.labelFontSize as number;
  const widest = Math.max(0, ...labels.map((label) => textWidth(label, fontSize) + 22), title === null ? 0 : textWidth(title, fontSize, true));
  return Math.ceil(widest) + 20;
}

/** Colours shared across charts, so "pass" and "OOM" look the same everywhere. */
export const COLORS = {
  pass: '#1e7b34',
  fail: '#a4161a',
  warn: '#b36b00',
  neutral: '#6b6b6b',
  users: '#6b6b6b',
  rps: '#1f77b4',
  p50: '#2ca02c',
  p95: '#ff7f0e',
  cpu: '#d62728',
  memory: '#9467bd',
  slo: '#a4161a',
  knee: '#1f5fa8',
} as const;

/** Common top-level fields of a spec. */
export function chartFrame(description: string) {
  return { $schema: VL_SCHEMA, description, background: 'white', padding: 8, config: CHART_CONFIG } as const;
}
