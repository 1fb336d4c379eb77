import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { LabError } from '../errors.ts';

/** Where Chromium is looked for when CHROMIUM_PATH is not set (Debian's package first, as the browser test). */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome'] as const;
/** Headless, no sandbox (containers, root), and nothing that reaches the network by itself. */
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] as const;

/** Chromium's path: CHROMIUM_PATH when set, else the first candidate that exists. Throws a LabError naming the fix. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, exists: (file: string) => boolean = existsSync): string {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) {
    if (exists(fromEnv)) return fromEnv;
    throw new LabError(`CHROMIUM_PATH is ${fromEnv}, but there is no such file.`, 'Point CHROMIUM_PATH at a Chromium or Chrome binary, or unset it to use /usr/bin/chromium.');
  }
  const found = CHROMIUM_CANDIDATES.find((file) => exists(file));
  if (found) return found;
  throw new LabError(
    `Chromium was not found (looked for ${CHROMIUM_CANDIDATES.join(', ')}); --pdf prints the report with it.`,
    'Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.',
  );
}

/** The files a printed report becomes, next to its page: index.html -> index.pdf + summary.png, index.es.html -> index.es.pdf + summary.es.png. */
export function printedFileNames(htmlPath: string): { pdfPath: string; summaryPngPath: string } {
  const dir = path.dirname(htmlPath);
  const stem = path.basename(htmlPath).replace(/\.html?$/i, '');
  const png = stem === 'index' ? 'summary.png' : stem.startsWith('index.') ? `summary.${stem.slice('index.'.length)}.png` : `${stem}.summary.png`;
  return { pdfPath: path.join(dir, `${stem}.pdf`), summaryPngPath: path.join(dir, png) };
}

/** Pages in a PDF that Chromium wrote (its page objects are never packed into object streams). */
export function countPdfPages(pdf: Uint8Array): number {
  return (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
}

export interface PrintReportOptions {
  /** Default: from `printedFileNames`. */
  pdfPath?: string;
  /** Default: from `printedFileNames`; `null` skips the screenshot. */
  summaryPngPath?: string | null;
  /** Default: `findChromium()`. */
  executablePath?: string;
  /** Bound on the whole print (launch, load, PDF, screenshot); default 120 s. */
  timeoutMs?: number;
}

export interface PrintedReport {
  pdfPath: string;
  pages: number;
  bytes: number;
  summaryPngPath: string | null;
}

/**
 * Prints a rendered report page with headless Chromium: the PDF at the size
 * report.css asks for (A4), with every <details> opened first (report.css
 * opens them for any print too; this does not depend on the browser's support
 * for ::details-content), and a PNG of the summary section as the screen shows
 * it, for sharing. The page needs no network: any request that is not a file
 * is refused. Files are written whole (write, then rename).
 */
export async function printReport(htmlPath: string, options: PrintReportOptions = {}): Promise<PrintedReport> {
  const names = printedFileNames(htmlPath);
  const pdfPath = options.pdfPath ?? names.pdfPath;
  const summaryPngPath = options.summaryPngPath === undefined ? names.summaryPngPath : options.summaryPngPath;
  const executablePath = options.executablePath ?? findChromium();
  const timeoutMs = options.timeoutMs ?? 120_000;
  if (!existsSync(htmlPath)) throw new LabError(`${htmlPath} does not exist.`, 'Render the report first (npx zx scripts/render-report.mjs <run folder>).');

  let playwright: typeof import('playwright-core');
  try {
    playwright = await import('playwright-core');
  } catch (cause) {
    throw new LabError('playwright-core is not installed; --pdf drives Chromium with it.', 'Run npm ci (it is one of the dev dependencies).', { cause });
  }
  let browser: Browser | null = null;
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => (timedOut = true, reject(new LabError(`Printing ${path.basename(htmlPath)} took more than ${timeoutMs / 1000} s.`, 'Check that Chromium starts (chromium --headless --version) and try again.'))), timeoutMs);
  });
  const work = async (): Promise<PrintedReport> => {
    try {
      browser = await playwright.chromium.launch({ executablePath, args: [...CHROMIUM_FLAGS], timeout: Math.min(60_000, timeoutMs) });
    } catch (cause) {
      throw new LabError(`Chromium at ${executablePath} did not start: ${(cause as Error).message.split('\n')[0]}`, 'Check the binary (chromium --headless --version) or set CHROMIUM_PATH to another one.', { cause });
    }
    if (timedOut) {
      // The race is over and its `finally` has run: close what it could not see.
      await browser.close();
      throw new LabError('timed out', null);
    }
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 2 });
    page.setDefaultTimeout(Math.min(60_000, timeoutMs));
    await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    await page.goto(pathToFileURL(path.resolve(htmlPath)).href, { waitUntil: 'load' });
    if (summaryPngPath !== null) {
      // Before the details open: the summary as a reader first sees it.
      const png = await page.locator('#summary').screenshot();
      await writeWhole(summaryPngPath, png);
    }
    // A string, not a function: tsx would wrap a function's inner names in a helper the page does not have.
    await page.evaluate("for (const d of document.querySelectorAll('details')) d.open = true");
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
    await writeWhole(pdfPath, pdf);
    return { pdfPath, pages: countPdfPages(pdf), bytes: pdf.byteLength, summaryPngPath };
  };
  try {
    return await Promise.race([work(), timeout]);
  } finally {
    clearTimeout(timer);
    await (browser as Browser | null)?.close().catch(() => undefined);
  }
}

async function writeWhole(file: string, data: Uint8Array): Promise<void> {
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, data);
  await rename(partial, file);
}
