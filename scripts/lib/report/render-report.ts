import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LabResult } from '../results/types.ts';
import { timelineChart } from './charts/timeline-chart.ts';
import { loadMessages, type Messages, type ReportLang } from './i18n.ts';
import { loadLabResult } from './load-result.ts';
import { renderSvg } from './svg.ts';
import { TEMPLATES_DIR, compileReportTemplate } from './templates.ts';
import { buildViewModel } from './view-model.ts';

export interface RenderReportOptions {
  lang?: ReportLang;
}

/** The page's file name inside the run folder. */
export const REPORT_FILE = 'index.html';

/**
 * Reads `<runDir>/lab-result.json` and writes `<runDir>/index.html`.
 * Throws `ReportError` (see errors.ts) for a missing, malformed or
 * unsupported result; its message is meant to be shown as is.
 */
export async function renderReport(runDir: string, options: RenderReportOptions = {}): Promise<{ htmlPath: string; bytes: number }> {
  const result = await loadLabResult(runDir);
  const html = await renderReportHtml(result, options);
  const htmlPath = path.join(runDir, REPORT_FILE);
  // Write then rename, so a browser or CI artifact step never sees half a page.
  const partial = `${htmlPath}.${process.pid}.tmp`;
  await writeFile(partial, html, 'utf8');
  await rename(partial, htmlPath);
  return { htmlPath, bytes: Buffer.byteLength(html, 'utf8') };
}

/** Renders a validated result to the HTML string, without touching the run folder. */
export async function renderReportHtml(result: LabResult, { lang = 'en' }: RenderReportOptions = {}): Promise<string> {
  const messages = await loadMessages(TEMPLATES_DIR, lang);
  const [template, chartSvgs] = await Promise.all([compileReportTemplate(messages), renderCharts(result, messages)]);
  return template(buildViewModel(result, { messages, chartSvgs }));
}

async function renderCharts(result: LabResult, messages: Messages): Promise<(string | null)[]> {
  // Sequential on purpose: Vega views are CPU-bound, and one at a time keeps
  // memory flat for runs with many trials.
  const svgs: (string | null)[] = [];
  for (const trial of result.trials) {
    const spec = timelineChart(trial, messages.t);
    svgs.push(spec === null ? null : await renderSvg(spec));
  }
  return svgs;
}
