// Opens the rendered golden sample in a real headless Chromium (Debian's package,
// driven by playwright-core) and checks what only a browser can: no console
// errors, no request leaving the page, charts actually laid out and visible.
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CHROMIUM_FLAGS, findChromium, printReport } from '../../scripts/lib/report/print-report.ts';
import { renderReport } from '../../scripts/lib/report/render-report.ts';
import { guardSetup } from '../guard-setup.ts';
import { pdfPages, pdfText, squeeze } from './pdf-facts.ts';

const SAMPLE = fileURLToPath(new URL('../../reports/sample/', import.meta.url));
const OUTPUT = fileURLToPath(new URL('../output/', import.meta.url));
// The same Chromium and flags as --pdf (CHROMIUM_PATH, else /usr/bin/chromium ...).
let CHROMIUM = '';

let browser: Browser;
let dir = '';
const pages: { en: string; es: string } = { en: '', es: '' };

test.before(guardSetup(async () => {
  CHROMIUM = findChromium(); // throws with the fix: apt-get install -y chromium, or set CHROMIUM_PATH
  dir = await mkdtemp(path.join(tmpdir(), 'locust-lab-browser-'));
  await cp(SAMPLE, dir, { recursive: true });
  pages.en = (await renderReport(dir)).htmlPath;
  pages.es = (await renderReport(dir, { lang: 'es', fileName: 'index.es.html' })).htmlPath;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_FLAGS], timeout: 60_000 });
}));
test.after(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Opens a page with every non-file request refused and recorded, and console errors collected. */
async function open(file: string, options: { javaScriptEnabled?: boolean } = {}): Promise<{ page: Page; errors: string[]; blocked: string[]; requests: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 2000 }, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  const blocked: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 30_000 });
  return { page, errors, blocked, requests };
}

test('the report opens with no console errors and no request leaving the page', async () => {
  for (const file of [pages.en, pages.es]) {
    const { page, errors, blocked, requests } = await open(file);
    assert.equal(errors, [], `console errors in ${path.basename(file)}`);
    assert.equal(blocked, [], 'requests that tried to leave the page');
    assert.equal(requests, [pathToFileURL(file).href], 'the page is self-contained: one document, nothing else');
    await page.context().close();
  }
});

test('every chart is laid out and visible; the summary and sections are there', async () => {
  const { page } = await open(pages.en);
  // Trial timelines sit in folded trial sections: a trial a link points at shows open.
  const trialChart = page.locator('section.trial figure.chart svg').first();
  assert.not.ok(await trialChart.isVisible(), 'a trial section is folded until opened');
  const trialId = await page.locator('section.trial:has(figure.chart svg)').first().getAttribute('id');
  await page.goto(`${page.url().split('#')[0]}#${trialId}`);
  assert.ok(await trialChart.isVisible(), `#${trialId}: the trial a link points at shows open`);
  assert.ok(await page.locator('section.trial figure.chart svg').count() >= 5, 'trial timelines are drawn');
  await page.goto(`${page.url().split('#')[0]}#summary`);
  const charts = page.locator('section.stage figure.chart svg');
  const count = await charts.count();
  assert.ok(count >= 5, `stage charts: ${count}`);
  for (let i = 0; i < count; i++) {
    const chart = charts.nth(i);
    assert.ok(await chart.isVisible(), `chart ${i} visible`);
    const box = await chart.boundingBox();
    assert.ok(box && box.width > 150 && box.height > 80, `chart ${i} has a size`);
  }
  assert.ok(await page.locator('#summary .answer').first().isVisible());
  for (const id of ['stage-memory-floor', 'stage-sweep', 'stage-workers', 'stage-max-users']) {
    assert.ok(await page.locator(`#${id} figure.chart svg`).first().isVisible(), id);
  }
  const digest = await page.evaluate(() => JSON.parse(document.getElementById('lab-result')!.textContent ?? 'null') as { kind: string });
  assert.is(digest.kind, 'locust-lab-report-digest');
  await mkdir(OUTPUT, { recursive: true });
  await page.screenshot({ path: path.join(OUTPUT, 'report.png') });
  await page.locator('#stage-sweep').screenshot({ path: path.join(OUTPUT, 'report-sweep.png') });
  await page.context().close();
});

test('with JavaScript off the charts are still there (they are static SVG)', async () => {
  const { page } = await open(pages.en, { javaScriptEnabled: false });
  assert.ok(await page.locator('#stage-max-users figure.chart svg').isVisible());
  await page.context().close();
});

/** A4's printable width at report.css's margins (210 mm - 2 x 11 mm), in CSS px. */
const A4_CONTENT_PX = Math.floor(((210 - 22) / 25.4) * 96);

test('on paper: A4, collapsed details print open, all columns fit, about 30 pages', async () => {
  for (const [file, lang] of [[pages.en, 'en'], [pages.es, 'es']] as const) {
    const { page } = await open(file);
    // What Ctrl-P prints: no script opens anything. Unique text goes into every closed <details>.
    const probes = await page.evaluate(`[...document.querySelectorAll('details:not([open])')].map((d, i) => {
      const p = document.createElement('p');
      p.textContent = 'PRINTPROBE' + i + 'X';
      d.appendChild(p);
      return p.textContent;
    })`) as string[];
    assert.ok(probes.length >= 2, `closed details in ${lang}: the plan and the recorded warnings (${probes.length})`);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const { count, widthMm, heightMm } = pdfPages(pdf);
    assert.ok(Math.abs(widthMm - 210) < 1 && Math.abs(heightMm - 297) < 1, `${lang}: A4 by default, got ${widthMm} x ${heightMm} mm`);
    assert.ok(count <= 35, `${lang}: ${count} A4 pages (at most about 30)`);
    const text = pdfText(pdf);
    for (const probe of probes) assert.ok(text.includes(probe), `${lang}: ${probe} from a closed details is printed`);
    assert.ok(text.includes(squeeze(await page.locator('.trials-table thead th').last().innerText())), `${lang}: the last column of "All trials" is printed`);
    // Nothing is wider than the page: Chromium would otherwise shrink every page to fit it.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: A4_CONTENT_PX, height: 1000 });
    const width = await page.evaluate('document.documentElement.scrollWidth') as number;
    assert.ok(width <= A4_CONTENT_PX + 1, `${lang}: the printed page is ${width} px wide, A4 holds ${A4_CONTENT_PX}`);
    await page.context().close();
  }
});

test('--pdf writes index.pdf (A4, details open) and summary.png beside the page', async () => {
  const printed = await printReport(pages.en, { executablePath: CHROMIUM });
  assert.is(printed.pdfPath, path.join(dir, 'index.pdf'));
  const pdf = await readFile(printed.pdfPath);
  assert.ok(pdf.subarray(0, 4).toString() === '%PDF' && printed.pages === pdfPages(pdf).count && printed.pages <= 35, `pages ${printed.pages}`);
  assert.ok(pdfText(pdf).includes(squeeze('"maxFailureRatio"')), 'the plan (a closed details) is printed');
  const png = await readFile(path.join(dir, 'summary.png'));
  assert.equal([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(png.byteLength > 20_000, 'a picture of the summary, not a blank');
});

test.run();
