import type { TopLevelSpec } from 'vega-lite';
import type { ChartSpecs, ChartSvgs, StageChartKey } from './charts/build-chart-specs.ts';
import { scopeSvgIds } from './scope-svg-ids.ts';
import { renderSvg } from './svg.ts';

/**
 * Renders every spec to SVG. Sequential on purpose: Vega views are CPU-bound,
 * and one at a time keeps memory flat for runs with many trials.
 */
export async function renderCharts(specs: ChartSpecs, locale?: string): Promise<ChartSvgs> {
  let count = 0;
  const render = async (spec: TopLevelSpec | null) => (spec === null ? null : scopeSvgIds(await renderSvg(spec, locale), `c${count++}-`));
  const stages = {} as Record<StageChartKey, string | null>;
  for (const [key, spec] of Object.entries(specs.stages) as [StageChartKey, TopLevelSpec | null][]) stages[key] = await render(spec);
  const timelines: (string | null)[] = [];
  for (const spec of specs.timelines) timelines.push(await render(spec));
  return { stages, timelines };
}
