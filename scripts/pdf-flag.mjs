// --pdf for every entry that renders a report (render-report.mjs, full-lab.mjs and
// the one-stage scripts through lab-entry.mjs): how it is read and what it prints.
// Its declaration and help line are in scripts/lib/cli/entries.ts.
import path from 'node:path';
import { lib } from './bootstrap.mjs';

/**
 * When --pdf was given (declared in scripts/lib/cli/entries.ts), Chromium is
 * looked for now, so that a long run does not fail at its very end.
 */
export async function checkPdf(wanted) {
  if (wanted) {
    const { findChromium } = await lib('report/print-report.ts');
    findChromium();
  }
  return wanted;
}

/** Prints the rendered page to PDF and the summary to PNG, next to it; says what it wrote on stderr (stdout keeps the page's path alone). */
export async function printReportPdf(htmlPath) {
  const { printReport } = await lib('report/print-report.ts');
  const printed = await printReport(htmlPath);
  console.error(`wrote ${path.basename(printed.pdfPath)} (${printed.pages} pages, ${(printed.bytes / 1024).toFixed(0)} KiB)${printed.summaryPngPath ? ` and ${path.basename(printed.summaryPngPath)}` : ''}`);
  return printed;
}
