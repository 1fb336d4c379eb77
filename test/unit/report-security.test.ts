import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LabResult } from '../../scripts/lib/results/types.ts';
import { embedJson } from '../../scripts/lib/report/embed-json.ts';
import { fileHref } from '../../scripts/lib/report/file-link.ts';
import { renderReport } from '../../scripts/lib/report/render-report.ts';
import { renderSvg } from '../../scripts/lib/report/svg.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/results/basic/', import.meta.url));
const TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const CLOSE = '</script><script>alert(2)</script><!--';
const HOSTILE = `${SCRIPT}${IMG}${CLOSE}`;

/** The fixture with attacker-controlled text in every kind of string the page shows. */
function hostile(result: LabResult): LabResult {
  const copy = structuredClone(result);
  copy.runId = HOSTILE;
  copy.profile = HOSTILE;
  copy.host.os = HOSTILE;
  copy.warnings.push(HOSTILE);
  copy.commands.push({ argv: ['docker', HOSTILE, "it's"], trialId: HOSTILE, exitCode: 1, durationMs: 5 });
  for (const trial of copy.trials) {
    trial.spec.label = `${trial.spec.label} ${HOSTILE}`;
    trial.spec.id = `${trial.spec.id}${IMG}`;
    trial.spec.image = HOSTILE;
    trial.cause = HOSTILE;
    trial.engineError = HOSTILE;
    trial.endpoints.push({
      method: HOSTILE, name: HOSTILE, requests: 1, failures: 1, medianMs: 1, avgMs: 1, minMs: 1, maxMs: 1,
      rps: 1, failuresPerS: 1, percentiles: { '95%': 1 },
    });
    trial.failures.push({ method: 'GET', name: HOSTILE, error: HOSTILE, occurrences: 1, firstSeen: null, lastSeen: null });
    for (const container of trial.containers) {
      container.name = HOSTILE;
      container.logTail.push(HOSTILE, IMG);
      container.events.push({ t: 0, action: HOSTILE });
    }
    trial.files.apiLog = 'javascript:alert(1)';
    trial.files.locustLog = 'https://evil.example/log';
    trial.files.historyCsv = '../../etc/passwd';
  }
  return copy;
}

let html = '';
let expected: LabResult;
let dir = '';
test.before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'locust-lab-hostile-'));
  await cp(FIXTURE, dir, { recursive: true });
  const file = path.join(dir, 'lab-result.json');
  expected = hostile(JSON.parse(await readFile(file, 'utf8')) as LabResult);
  await writeFile(file, JSON.stringify(expected));
  html = await readFile((await renderReport(dir)).htmlPath, 'utf8');
});
test.after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('hostile strings render as text, never as markup', () => {
  assert.not.match(html, /<script>alert/i);
  assert.not.match(html, /<img/i);
  assert.not.match(html, /onerror=alert\(1\)>/);
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the script tag is shown as text');
  assert.ok(html.includes(Handlebars.escapeExpression(IMG)), 'the img payload is shown as text');
});

test('a </script> inside the data does not end the embedded JSON', () => {
  assert.is((html.match(/<script\b/gi) ?? []).length, 1);
  assert.is((html.match(/<\/script/gi) ?? []).length, 1);
  const match = /<script type="application\/json" id="lab-result">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(match);
  assert.equal(JSON.parse(match[1] ?? ''), expected);
  assert.not.ok((match[1] ?? '').includes('<'), 'no raw < inside the script element');
});

test('hostile file paths are shown but not linked', () => {
  assert.not.match(html, /href="(?:javascript|https?):/i);
  assert.not.match(html, /href="[^"]*\.\.\//);
  assert.ok(html.includes('javascript:alert(1)'), 'the path is still shown as text');
});

test('fileHref only links plain relative paths', () => {
  assert.is(fileHref('trials/a b/x#1.csv'), 'trials/a%20b/x%231.csv');
  for (const bad of ['javascript:alert(1)', 'https://x.test/a', '//x.test/a', '/etc/passwd', '../x', 'a/../../x', 'C:\\x', '']) {
    assert.is(fileHref(bad), null, bad);
  }
});

test('embedJson escapes < > & and round-trips', () => {
  const value = { s: `${CLOSE}&\u2028` };
  const text = embedJson(value);
  assert.not.match(text, /[<>&\u2028]/);
  assert.equal(JSON.parse(text), value);
});

test('Vega escapes hostile titles and data strings in the SVG', async () => {
  const svg = await renderSvg({
    title: HOSTILE,
    data: { values: [{ x: 1, y: 2, k: HOSTILE }, { x: 2, y: 3, k: HOSTILE }] },
    mark: 'line',
    encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, color: { field: 'k', type: 'nominal' } },
  });
  assert.ok(svg.includes('&lt;script&gt;'), 'the title is there, escaped');
  assert.not.match(svg, /<script|<img|<\/svg>[\s\S]+/i);
});

test('the SVG renderer refuses to load data from a URL', async () => {
  try {
    await renderSvg({ data: { url: 'https://example.com/data.json' }, mark: 'point' });
    assert.unreachable('should have refused');
  } catch (error) {
    assert.instance(error, Error);
    assert.match((error as Error).message, /refused to load/);
  }
});

test('templates use triple-stash only for the chart SVG and the pre-escaped JSON', async () => {
  const files = ['report.hbs', ...(await readdir(path.join(TEMPLATES, 'partials'))).map((name) => `partials/${name}`)];
  const raw: string[] = [];
  for (const file of files) {
    const source = await readFile(path.join(TEMPLATES, file), 'utf8');
    raw.push(...[...source.matchAll(/\{\{\{\s*([^}\s]+)\s*\}\}\}|\{\{&\s*([^}\s]+)/g)].map((m) => m[1] ?? m[2] ?? ''));
  }
  assert.equal(raw.sort(), ['chartSvg', 'resultJson']);
});

test.run();
