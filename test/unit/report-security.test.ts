import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Handlebars from 'handlebars';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LabResult } from '../../scripts/lib/results/types.ts';
import { embedJson } from '../../scripts/lib/report/embed-json.ts';
import { fileHref } from '../../scripts/lib/report/file-link.ts';
import { renderReport } from '../../scripts/lib/report/render-report.ts';
import { renderSvg } from '../../scripts/lib/report/svg.ts';
import { TEMPLATES_DIR } from '../../scripts/lib/report/templates.ts';
import { fixtureDir, sectionOf } from './report-helpers.ts';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const CLOSE = '</script><script>alert(2)</script><!--';
const HOSTILE = `${SCRIPT}${IMG}${CLOSE}`;
const SECRET = 's3cr3t-value-never-shown';

/** The golden sample with attacker-controlled text in every kind of string the page shows, and secrets. */
function hostile(result: LabResult): LabResult {
  const copy = structuredClone(result);
  copy.runId = HOSTILE;
  copy.profile = HOSTILE;
  copy.host.os = HOSTILE;
  copy.warnings.push({ id: 'stage-error', severity: 'high', stage: HOSTILE, message: HOSTILE });
  copy.plan = { env: { API_KEY: SECRET, NOTE: HOSTILE } };
  copy.commands.push(
    { argv: ['docker', HOSTILE, "it's"], trialId: HOSTILE, exitCode: 1, durationMs: 5 },
    { argv: ['docker', 'push', `https://bob:${SECRET}@registry.example/x`], trialId: null, exitCode: 0, durationMs: 5 },
    { argv: ['docker', 'login', '--password', SECRET, 'registry.example'], trialId: null, exitCode: 0, durationMs: 5 },
    { argv: ['docker', 'run', '-e', `API_TOKEN=${SECRET}`, `--secret=${SECRET}`, 'img'], trialId: copy.trials[0]!.spec.id, exitCode: 0, durationMs: 5 },
  );
  for (const trial of copy.trials) {
    trial.spec.label = `${trial.spec.label} ${HOSTILE}`;
    trial.spec.image = HOSTILE;
    trial.spec.command = [...trial.spec.command, `--token=${SECRET}`];
    trial.cause = { id: 'locust-failed', values: { exit: 2, detail: HOSTILE } };
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
  const { stages } = copy;
  stages.publish!.registry = HOSTILE;
  stages.publish!.images[0]!.reference = HOSTILE;
  stages.maxUsers!.configLabel = HOSTILE;
  stages.maxUsers!.error = HOSTILE;
  stages.replicas!.conflict.engineError = HOSTILE;
  for (const config of stages.workers!.configs) config.label = `${config.label} ${HOSTILE}`;
  return copy;
}

let html = '';
let expected: LabResult;
let dir = '';
test.before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'locust-lab-hostile-'));
  await cp(fixtureDir('smoke'), dir, { recursive: true });
  const file = path.join(dir, 'lab-result.json');
  expected = hostile(JSON.parse(await readFile(file, 'utf8')) as LabResult);
  await writeFile(file, JSON.stringify(expected));
  // A compose file as another tool might have written it: hostile text and secrets in every form.
  const sweepTrial = expected.stages.sweep!.minimum!.trialId;
  await writeFile(path.join(dir, 'trials', sweepTrial, 'compose.yaml'), [
    'services:', '  api:', `    image: "${HOSTILE}"`, '    environment:', `      DB_PASSWORD: "${SECRET}"`, `      - AWS_SECRET_ACCESS_KEY=${SECRET}`,
    `    command: ["--api-key=${SECRET}", "serve"]`, '    x-private:', `      PRIVATE_KEY: |`, `        ${SECRET}`, `        ${SECRET}`, '      NEXT: visible', '',
  ].join('\n'));
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

test('hostile strings in stage sections (config labels, errors, engine messages) stay text', () => {
  for (const id of ['stage-publish', 'stage-replicas', 'stage-workers', 'stage-max-users']) {
    const section = sectionOf(html, id);
    assert.ok(section.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), `${id} shows the hostile text`);
    assert.not.match(section, /<script|<img/i);
  }
});

test('a hostile compose file renders as text inside its <pre>', () => {
  const section = sectionOf(html, 'stage-sweep');
  assert.ok(section.includes(`image: &quot;${Handlebars.escapeExpression(HOSTILE).replace(/^&quot;|&quot;$/g, '')}`) || section.includes('image: &quot;&lt;script&gt;'));
  assert.not.match(section, /<script|<img/i);
});

test('secret-looking values are redacted in compose files, commands, API commands and the plan', () => {
  assert.not.ok(html.includes(SECRET), 'the secret appears nowhere in the page');
  const sweep = sectionOf(html, 'stage-sweep');
  assert.ok(sweep.includes('DB_PASSWORD: &quot;***redacted***&quot;'));
  assert.ok(sweep.includes('AWS_SECRET_ACCESS_KEY&#x3D;***redacted***'));
  assert.ok(sweep.includes('--api-key&#x3D;***redacted***'));
  assert.ok(sweep.includes('NEXT: visible'), 'the block after a redacted multi-line value is kept');
  const commands = sectionOf(html, 'commands');
  // Shell-quoted for display: `*` is not a safe shell character.
  assert.ok(commands.includes('&#x27;API_TOKEN&#x3D;***redacted***&#x27;'));
  assert.ok(commands.includes('--password &#x27;***redacted***&#x27;'));
  assert.ok(commands.includes('bob:***redacted***@registry.example'));
});

test('a </script> inside the data does not end the embedded JSON', () => {
  assert.is((html.match(/<script\b/gi) ?? []).length, 1);
  assert.is((html.match(/<\/script/gi) ?? []).length, 1);
  const match = /<script type="application\/json" id="lab-result">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(match);
  const digest = JSON.parse(match[1] ?? '') as { runId: string; trials: { label: string }[] };
  assert.is(digest.runId, HOSTILE);
  assert.is(digest.trials[0]!.label, expected.trials[0]!.spec.label);
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
  const pages = (await readdir(TEMPLATES_DIR)).filter((name) => name.endsWith('.hbs'));
  const files = [...pages, ...(await readdir(path.join(TEMPLATES_DIR, 'partials'))).map((name) => `partials/${name}`)];
  const raw = new Set<string>();
  for (const file of files) {
    const source = await readFile(path.join(TEMPLATES_DIR, file), 'utf8');
    for (const m of source.matchAll(/\{\{\{\s*([^}\s]+)\s*\}\}\}|\{\{&\s*([^}\s]+)/g)) raw.add(m[1] ?? m[2] ?? '');
  }
  assert.equal([...raw].sort(), ['chartSvg', 'resultJson']);
});

test.run();
