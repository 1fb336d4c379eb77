#!/usr/bin/env zx
// Compares two run folders: key answers side by side and each stage's numbers with
// the change in percent (B against A). Writes an HTML page; needs no Docker.
import { lib, runMain } from './bootstrap.mjs';
import path from 'node:path';

await runMain(import.meta.url, async ({ flags, help }) => {
  const [a, b] = flags._;
  if (!a || !b || help) {
    console.error('usage: npx zx scripts/compare-runs.mjs <run folder A> <run folder B> [--out file.html] [--lang en|es]');
    return help ? 0 : 1;
  }
  const { REPORT_LANGS, isReportLang } = await lib('report/i18n.ts');
  const lang = flags.lang ?? 'en';
  if (!isReportLang(lang)) {
    console.error(`error: --lang ${lang} is not available; use one of ${REPORT_LANGS.join(', ')}`);
    return 1;
  }
  const runA = path.resolve(String(a));
  const runB = path.resolve(String(b));
  // Next to the runs by default, so its links to both reports stay short and relative.
  const out = path.resolve(String(flags.out ?? path.join(path.dirname(runB), `compare-${path.basename(runA)}-vs-${path.basename(runB)}.html`)));
  const { renderComparison } = await lib('report/render-compare.ts');
  const { htmlPath } = await renderComparison(runA, runB, out, { lang });
  console.log(htmlPath);
  return 0;
});
