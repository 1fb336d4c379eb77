import type { TopLevelSpec } from 'vega-lite';
import type { MemoryFloorStage, MemorySearchRecord, ProbeClassName } from '../../results/types.ts';
import type { Translate } from '../i18n.ts';
import { COLORS, PAGE_WIDTH, chartFrame, legendWidth } from './chart-style.ts';

/** Every probe class, in the order from worst to healthy; fixes colours across runs. */
export const PROBE_CLASSES: readonly ProbeClassName[] = [
  'never-healthy', 'oom-at-start', 'oom-at-first-request', 'oom-under-load', 'crashed', 'inconclusive', 'healthy',
];
const CLASS_COLORS = ['#6b6b6b', '#7f0000', '#d62728', '#ff7f0e', '#8c564b', '#bcbd22', COLORS.pass];

/**
 * The memory searches as the bisection walked them: one panel per predicate
 * (serve one request, survive load), x = the probe's memory limit, y = the
 * order it ran in (first at the top), colour = outcome class, a thin path
 * joining the probes in order, and a vertical rule at the floor each search
 * found. The recommended limit is a second rule on the under-load panel.
 */
export function memoryFloorChart(stage: MemoryFloorStage, t: Translate): TopLevelSpec | null {
  const searches = [stage.serve, stage.load].filter((search) => search.probes.length > 0);
  if (searches.length === 0) return null;
  const limits = searches.flatMap((search) => search.probes.map((probe) => probe.memoryMb));
  if (stage.recommendedMb !== null) limits.push(stage.recommendedMb);
  const domain: [number, number] = [0, Math.max(...limits) * 1.05];
  // The legend lists the outcomes that occurred, each in its fixed colour.
  const occurred = new Set(searches.flatMap((search) => search.probes.map((probe) => probe.class)));
  const shown = PROBE_CLASSES.flatMap((name, i) => (occurred.has(name) ? [{ name: t(`probe.${name}`), color: CLASS_COLORS[i]! }] : []));
  const x = { field: 'memoryMb', type: 'quantitative', title: t('chart.memoryLimitMib'), scale: { domain } } as const;
  return {
    ...chartFrame(t('chart.memoryFloorDescription')),
    spacing: 12,
    resolve: { legend: { color: 'shared' } },
    // PAGE_WIDTH less the y axis (about 60 px) and the legend.
    vconcat: searches.map((search) => panel(search, search === stage.load ? stage.recommendedMb : null, x, shown, t, PAGE_WIDTH - 60 - legendWidth(shown.map((c) => c.name), t('chart.outcome')))),
  } as TopLevelSpec;
}

const ROW = 18;

function panel(search: MemorySearchRecord, recommendedMb: number | null, x: object, shown: { name: string; color: string }[], t: Translate, width: number) {
  const values = search.probes.map((probe) => ({
    memoryMb: probe.memoryMb, order: probe.order, outcome: t(`probe.${probe.class}`),
    label: `${probe.memoryMb}`,
  }));
  const rules = [
    ...(search.floorMb === null ? [] : [{ v: search.floorMb, label: t('chart.floorAt', { mb: search.floorMb }), color: COLORS.pass }]),
    ...(recommendedMb === null ? [] : [{ v: recommendedMb, label: t('chart.recommendedAt', { mb: recommendedMb }), color: COLORS.knee }]),
  ];
  // Rows of ROW px, one per probe, and a band above the first for the rule labels,
  // which would otherwise sit on the first probe's label (both name the floor's MiB).
  const headroom = rules.length * 12 / ROW;
  const orders = search.probes.map((probe) => probe.order);
  const y = {
    field: 'order', type: 'quantitative', title: t('chart.probeOrder'),
    scale: { reverse: true, domain: [0.5 - headroom, search.probes.length + 0.5], nice: false }, axis: { values: orders, format: 'd' },
  } as const;
  return {
    title: t(`chart.memorySearch.${search.predicate}`),
    width,
    height: Math.max(60, Math.round((search.probes.length + headroom) * ROW)),
    layer: [
      { data: { values }, mark: { type: 'line', color: '#bbbbbb', strokeWidth: 1 }, encoding: { x, y, order: { field: 'order' } } },
      {
        data: { values }, mark: { type: 'point', filled: true, size: 90, opacity: 1 },
        encoding: { x, y, color: { field: 'outcome', type: 'nominal', title: t('chart.outcome'), scale: { domain: shown.map((c) => c.name), range: shown.map((c) => c.color) }, legend: { labelLimit: 260 } } },
      },
      { data: { values }, mark: { type: 'text', dx: 8, align: 'left', fontSize: 9, color: '#444' }, encoding: { x, y, text: { field: 'label' } } },
      // One line per rule label: the floor and the recommendation are often a few MiB apart.
      ...rules.flatMap((rule, i) => [
        { data: { values: [rule] }, mark: { type: 'rule', strokeDash: [5, 3], color: rule.color, strokeWidth: 1.5 }, encoding: { x: { field: 'v', type: 'quantitative' } } },
        { data: { values: [rule] }, mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, y: 2 + i * 12, fontSize: 10, color: rule.color }, encoding: { x: { field: 'v', type: 'quantitative' }, text: { field: 'label' } } },
      ]),
    ],
  };
}
