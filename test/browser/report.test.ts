// Opens the rendered golden sample in a real headless Chromium (Debian's package,
// driven by playwright-core) and checks what only a browser can: no console
// errors, no request leaving the page, charts actually laid out and visible.
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderReport } from '../../scripts/lib/report/render-report.ts';
import { guardSetup } from '../guard-setup.ts';

const SAMPLE = fileURLToPath(new URL('../../reports/sample/', import.meta.url));
const OUTPUT = fileURLToPath(new URL('../output/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let browser: Browser;
let dir = '';
const pages: { en: string; es: string } = { en: '', es: '' };

test.before(guardSetup(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  dir = await mkdtemp(path.join(tmpdir(), 'locust-lab-browser-'));
  await cp(SAMPLE, dir, { recursive: true });
  pages.en = (await renderReport(dir)).htmlPath;
  pages.es = (await renderReport(dir, { lang: 'es', fileName: 'index.es.html' })).htmlPath;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, timeout: 60_000 });
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
  const charts = page.locator('figure.chart svg');
  const count = await charts.count();
  assert.ok(count >= 10, `charts: ${count}`);
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

test('it prints: a PDF comes out and print CSS unfolds the scroll boxes', async () => {
  const { page } = await open(pages.en);
  await page.emulateMedia({ media: 'print' });
  const maxHeight = await page.locator('#stage-sweep .scroll-box').first().evaluate((el) => getComputedStyle(el).maxHeight);
  assert.is(maxHeight, 'none');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  assert.ok(pdf.byteLength > 50_000 && pdf.subarray(0, 4).toString() === '%PDF');
  await page.context().close();
});

test.run();
