#!/usr/bin/env zx
// Renders <run folder>/index.html from its lab-result.json and the raw files next
// to it; needs no Docker. `--lang es` writes the Spanish report. For CI:
// `--summary FILE` appends the markdown summary (e.g. "$GITHUB_STEP_SUMMARY"),
// `--junit FILE` writes the SLO checks as JUnit XML, `--fail-on-slo` exits 3
// when an SLO check failed (after writing everything). `--pdf` also prints the
// page to PDF and the summary to PNG with Chromium (see pdf-flag.mjs).
import { lib, runMain } from './bootstrap.mjs';
import path from 'node:path';
import { checkPdf, printReportPdf } from './pdf-flag.mjs';

// Flags and help: scripts/lib/cli/entries.ts (--lang is checked there).
await runMain(import.meta.url, async ({ flags }) => {
  const pdf = await checkPdf(Boolean(flags.pdf));
  delete flags.pdf;
  const runDir = flags._[0];
  const lang = flags.lang;
  const fileName = flags.file === undefined ? undefined : String(flags.file);
  if (fileName !== undefined && (fileName.includes('/') || fileName.includes('\\') || !fileName.endsWith('.html'))) {
    console.error('error: --file must be a plain file name ending in .html (it is written inside the run folder)');
    return 1;
  }
  const dir = path.resolve(String(runDir));
  const { renderReport } = await lib('report/render-report.ts');
  const { htmlPath, bytes } = await renderReport(dir, { lang, fileName });
  console.error(`wrote ${(bytes / 1024).toFixed(0)} KiB`);
  console.log(htmlPath);
  if (pdf) await printReportPdf(htmlPath);

  const failOnSlo = Boolean(flags['fail-on-slo']);
  if (flags.summary === undefined && flags.junit === undefined && !failOnSlo) return 0;
  const { writeCiArtifacts } = await lib('report/write-ci-artifacts.ts');
  const ci = await writeCiArtifacts(dir, {
    lang,
    ...(flags.summary !== undefined ? { appendSummaryTo: String(flags.summary) } : {}),
    ...(flags.junit !== undefined ? { junitTo: String(flags.junit) } : {}),
  });
  for (const line of ci.failures) console.error(line);
  if (failOnSlo && !ci.sloPassed) {
    console.error('error: the SLO verdict failed (--fail-on-slo)');
    return 3;
  }
  return 0;
});
