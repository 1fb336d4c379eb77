import { trialLabel } from './trial-label.ts';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LabResult } from '../results/types.ts';
import { compactHtml } from './compact-html.ts';
import { buildChartSpecs } from './charts/build-chart-specs.ts';
import { createFormatters } from './format.ts';
import { loadMessages, type ReportLang } from './i18n.ts';
import { loadLabResult } from './load-result.ts';
import { emptyRunFiles, readRunFiles, type RunFiles } from './read-run-files.ts';
import { renderCharts } from './render-charts.ts';
import { allShownFileTrials } from './sections/shown-files.ts';
import { TEMPLATES_DIR, compilePageTemplate } from './templates.ts';
import { buildViewModel } from './view-model.ts';

export interface RenderReportOptions {
  lang?: ReportLang;
  /** File name inside the run folder; default `index.html` (e.g. `index.es.html` for a second language). */
  fileName?: string;
}

/** The page's file name inside the run folder. */
export const REPORT_FILE = 'index.html';

/**
 * Reads `<runDir>/lab-result.json` (and the compose files the sections show)
 * and writes `<runDir>/index.html`. Throws `ReportError` (see errors.ts) for a
 * missing, malformed or unsupported result; its message is meant to be shown as is.
 */
export async function renderReport(runDir: string, options: RenderReportOptions = {}): Promise<{ htmlPath: string; bytes: number }> {
  const result = await loadLabResult(runDir);
  const files = await readRunFiles(runDir, result, allShownFileTrials(result));
  const html = await renderReportHtml(result, { ...options, files });
  const htmlPath = path.join(runDir, options.fileName ?? REPORT_FILE);
  // Write then rename, so a browser or CI artifact step never sees half a page.
  const partial = `${htmlPath}.${process.pid}.tmp`;
  await writeFile(partial, html, 'utf8');
  await rename(partial, htmlPath);
  return { htmlPath, bytes: Buffer.byteLength(html, 'utf8') };
}

/** Renders a validated result to the HTML string, without touching the run folder. */
export async function renderReportHtml(result: LabResult, { lang = 'en', files = emptyRunFiles() }: RenderReportOptions & { files?: RunFiles } = {}): Promise<string> {
  const messages = await loadMessages(TEMPLATES_DIR, lang);
  const f = createFormatters(messages.locale);
  const specs = buildChartSpecs(result, messages.t, f, (trial) => trialLabel(trial.spec, messages, f));
  const [template, charts] = await Promise.all([compilePageTemplate('report', messages), renderCharts(specs, messages.locale)]);
  return compactHtml(template(buildViewModel(result, { messages, charts, files })));
}
