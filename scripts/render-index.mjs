#!/usr/bin/env zx
// Writes reports/index.html: every run folder with its date, profile and key answers.
import { lib, repoRoot, runMain } from './bootstrap.mjs';
import path from 'node:path';

await runMain(import.meta.url, async ({ flags, help }) => {
  if (help) {
    console.error('usage: npx zx scripts/render-index.mjs [reports folder] [--lang en|es]');
    return 0;
  }
  const { REPORT_LANGS, isReportLang } = await lib('report/i18n.ts');
  const lang = flags.lang ?? 'en';
  if (!isReportLang(lang)) {
    console.error(`error: --lang ${lang} is not available; use one of ${REPORT_LANGS.join(', ')}`);
    return 1;
  }
  const { renderRunsIndex } = await lib('report/render-index.ts');
  const dir = path.resolve(String(flags._[0] ?? path.join(repoRoot, 'reports')));
  const { htmlPath, runs } = await renderRunsIndex(dir, { lang });
  console.error(`listed ${runs} run(s)`);
  console.log(htmlPath);
  return 0;
});
