import { access, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createFormatters } from './format.ts';
import { loadMessages, type ReportLang } from './i18n.ts';
import { RESULT_FILE, loadLabResult } from './load-result.ts';
import { compactHtml } from './compact-html.ts';
import { buildRunsIndex, type RunEntry } from './runs-index-view.ts';
import { TEMPLATES_DIR, compilePageTemplate } from './templates.ts';

/**
 * Writes `<reportsDir>/index.html`: every run folder (one with a
 * `lab-result.json`) with its date, profile and key answers, linked to its
 * report. A folder whose result cannot be read is listed with the reason.
 */
export async function renderRunsIndex(reportsDir: string, { lang = 'en' }: { lang?: ReportLang } = {}): Promise<{ htmlPath: string; runs: number }> {
  const entries: RunEntry[] = [];
  for (const dirent of await readdir(reportsDir, { withFileTypes: true })) {
    if (!dirent.isDirectory()) continue;
    const runDir = path.join(reportsDir, dirent.name);
    if (!(await exists(path.join(runDir, RESULT_FILE)))) continue;
    const hasReport = await exists(path.join(runDir, 'index.html'));
    try {
      entries.push({ dir: dirent.name, result: await loadLabResult(runDir), error: null, hasReport });
    } catch (error) {
      entries.push({ dir: dirent.name, result: null, error: (error as Error).message, hasReport });
    }
  }
  const messages = await loadMessages(TEMPLATES_DIR, lang);
  const template = await compilePageTemplate('runs-index', messages);
  const html = compactHtml(template(buildRunsIndex(entries, messages, createFormatters(messages.locale))));
  const htmlPath = path.join(reportsDir, 'index.html');
  const partial = `${htmlPath}.${process.pid}.tmp`;
  await writeFile(partial, html, 'utf8');
  await rename(partial, htmlPath);
  return { htmlPath, runs: entries.length };
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
