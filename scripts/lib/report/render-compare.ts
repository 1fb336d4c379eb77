import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { compactHtml } from './compact-html.ts';
import { loadMessages, type ReportLang } from './i18n.ts';
import { loadLabResult } from './load-result.ts';
import { emptyRunFiles } from './read-run-files.ts';
import { createReportContext } from './report-context.ts';
import { buildCompareView } from './compare-view.ts';
import { TEMPLATES_DIR, compilePageTemplate } from './templates.ts';

const NO_CHARTS = { stages: { memoryFloor: null, sweep: null, replicas: null, workers: null, maxUsers: null, capacity: null }, timelines: [] };

/**
 * Renders the comparison of two run folders to `outFile`. Links to each
 * run's report are relative to the output file, so the page works wherever
 * the reports folder is copied.
 */
export async function renderComparison(runA: string, runB: string, outFile: string, { lang = 'en' }: { lang?: ReportLang } = {}): Promise<{ htmlPath: string }> {
  const [a, b] = await Promise.all([loadLabResult(runA), loadLabResult(runB)]);
  const messages = await loadMessages(TEMPLATES_DIR, lang);
  const href = (runDir: string) => path.relative(path.dirname(outFile), path.join(runDir, 'index.html')).split(path.sep).map(encodeURIComponent).join('/');
  const view = buildCompareView(
    createReportContext(a, messages, NO_CHARTS, emptyRunFiles()),
    createReportContext(b, messages, NO_CHARTS, emptyRunFiles()),
    { a: href(runA), b: href(runB) },
  );
  const template = await compilePageTemplate('compare', messages);
  await writeFile(outFile, compactHtml(template(view)), 'utf8');
  return { htmlPath: outFile };
}
