import { cp, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LabResult } from '../../scripts/lib/results/types.ts';
import { renderReport } from '../../scripts/lib/report/render-report.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/results/basic/', import.meta.url));

async function renderFixtureCopy(): Promise<{ dir: string; html: string; fixture: LabResult; bytes: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'locust-lab-report-'));
  await cp(FIXTURE, dir, { recursive: true });
  const fixture = JSON.parse(await readFile(path.join(dir, 'lab-result.json'), 'utf8')) as LabResult;
  const { htmlPath, bytes } = await renderReport(dir);
  assert.is(htmlPath, path.join(dir, 'index.html'));
  return { dir, html: await readFile(htmlPath, 'utf8'), fixture, bytes };
}

let rendered: Awaited<ReturnType<typeof renderFixtureCopy>>;
test.before(async () => {
  rendered = await renderFixtureCopy();
});
test.after(async () => {
  await rm(rendered.dir, { recursive: true, force: true });
});

/** The text between the trials table's tbody tags. */
function trialsTableBody(html: string): string {
  const match = /<table class="trials-table">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html);
  assert.ok(match, 'trials table with a tbody');
  return match[1] ?? '';
}

test('writes index.html into the run folder and reports its size', async () => {
  const info = await stat(path.join(rendered.dir, 'index.html'));
  assert.is(info.size, rendered.bytes);
  assert.ok(rendered.html.startsWith('<!DOCTYPE html>'));
});

test('the trials table lists every trial by label with its status', () => {
  const body = trialsTableBody(rendered.html);
  const rows = body.match(/<tr\b/g) ?? [];
  assert.is(rows.length, rendered.fixture.trials.length);
  for (const trial of rendered.fixture.trials) {
    assert.ok(body.includes(`>${escapeText(trial.spec.label)}</a>`), `label ${trial.spec.label}`);
    assert.ok(body.includes(`status-${trial.status}`), `status ${trial.status}`);
  }
});

test('the table shows RPS with one decimal and p95 as grouped integer ms', () => {
  const body = trialsTableBody(rendered.html);
  const withSummary = rendered.fixture.trials.filter((trial) => trial.summary !== null);
  assert.ok(withSummary.length > 0, 'fixture has a trial with a summary');
  for (const trial of withSummary) {
    const summary = trial.summary!;
    const rps = summary.rps.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    assert.ok(body.includes(`<td class="num">${rps}</td>`), `RPS ${rps}`);
    if (summary.p95Ms !== null) {
      const p95 = Math.round(summary.p95Ms).toLocaleString('en-US');
      assert.ok(body.includes(`<td class="num">${p95}</td>`), `p95 ${p95}`);
    }
  }
});

test('a trial without a summary shows the cause and placeholders, not numbers', () => {
  const failed = rendered.fixture.trials.find((trial) => trial.summary === null && trial.cause !== null);
  assert.ok(failed, 'fixture has a failed trial');
  const body = trialsTableBody(rendered.html);
  const row = body.split('</tr>').find((chunk) => chunk.includes(`status-${failed.status}`)) ?? '';
  assert.ok(row.includes(escapeText(failed.cause!)));
  assert.ok(row.includes('<td class="num">—</td>'));
});

test('each trial with a timeline gets an inline SVG chart with marks', () => {
  const svgs = rendered.html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
  const withTimeline = rendered.fixture.trials.filter((trial) => trial.timeline.length > 0);
  assert.is(svgs.length, withTimeline.length);
  for (const svg of svgs) {
    assert.ok(svg.includes('class="mark-'), 'vega marks');
    assert.ok(svg.includes('<path'), 'drawn paths');
  }
});

test('per-trial sections show the container outcome, log tail and only non-null raw files', () => {
  for (const trial of rendered.fixture.trials) {
    const section = sectionOf(rendered.html, `trial-${trial.spec.id}`);
    for (const container of trial.containers) {
      assert.ok(section.includes(escapeText(container.name)));
      if (container.exitCode !== null) assert.ok(section.includes(`<dd>${container.exitCode}</dd>`));
      const lastLine = container.logTail.at(-1);
      if (lastLine !== undefined) assert.ok(section.includes(escapeText(lastLine)), 'last log line inside <pre>');
    }
    for (const [key, file] of Object.entries(trial.files)) {
      assert.is(section.includes(`href="${file}"`), file !== null, `link for ${key}`);
    }
  }
});

test('the commands section shows every command, shell-quoted where needed', () => {
  const section = /<section id="commands"[\s\S]*?<\/section>/.exec(rendered.html)?.[0] ?? '';
  const rows = section.match(/<code class="command">/g) ?? [];
  assert.is(rows.length, rendered.fixture.commands.length);
  assert.ok(section.includes('docker-compose -p '));
});

test('the page loads nothing from outside: no external src/href, no url() or @import', () => {
  const external = /\b(?:src|href|xlink:href|action|srcset)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|\/\/)/gi;
  assert.equal(rendered.html.match(external), null);
  assert.not.match(rendered.html, /url\(|@import/i);
  assert.is((rendered.html.match(/<script\b/gi) ?? []).length, 1, 'only the JSON data island');
});

test('the embedded JSON parses back to the same object', () => {
  const match = /<script type="application\/json" id="lab-result">([\s\S]*?)<\/script>/.exec(rendered.html);
  assert.ok(match);
  assert.equal(JSON.parse(match[1] ?? ''), rendered.fixture);
});

function sectionOf(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}"`);
  assert.ok(start >= 0, `section ${id}`);
  return html.slice(start, html.indexOf('</section>', start));
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
}

test.run();
