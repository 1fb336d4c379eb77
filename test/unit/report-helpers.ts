// Shared by the report-*.test.ts files (not a test file itself: uvu runs `*.test.ts` only).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { LabResult } from '../../scripts/lib/results/types.ts';
import type { ChartSvgs } from '../../scripts/lib/report/charts/build-chart-specs.ts';
import { validateLabResult } from '../../scripts/lib/report/load-result.ts';

/** `test/fixtures/results/<name>/`. */
export const fixtureDir = (name: 'basic' | 'smoke'): string => fileURLToPath(new URL(`../fixtures/results/${name}/`, import.meta.url));

/** A fixture's result, validated (older fixtures get their defaults) and fresh for each caller. */
export async function loadFixture(name: 'basic' | 'smoke'): Promise<LabResult> {
  const file = `${fixtureDir(name)}lab-result.json`;
  return validateLabResult(JSON.parse(await readFile(file, 'utf8')), file);
}

/** No rendered charts: view-model tests do not need Vega. */
export function noCharts(result: LabResult): ChartSvgs {
  return {
    stages: { memoryFloor: null, sweep: null, replicas: null, workers: null, maxUsers: null, capacity: null },
    timelines: result.trials.map(() => null),
  };
}

/** Escapes text the way Handlebars does, to find data strings in the page. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;').replace(/`/g, '&#x60;').replace(/=/g, '&#x3D;');
}

/** The HTML of `<section id="…">` up to its end (sections do not nest). */
export function sectionOf(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}"`);
  if (start < 0) throw new Error(`no section ${id}`);
  return html.slice(start, html.indexOf('</section>', start));
}
