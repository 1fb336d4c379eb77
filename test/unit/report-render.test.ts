import { cp, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LabResult } from '../../scripts/lib/results/types.ts';
import { fileHref } from '../../scripts/lib/report/file-link.ts';
import { reportDigest } from '../../scripts/lib/report/report-digest.ts';
import { renderReport, renderReportHtml } from '../../scripts/lib/report/render-report.ts';
import { syntheticRun } from '../../scripts/lib/report/synthetic-run.ts';
import { escapeText, fixtureDir, loadFixture, sectionOf } from './report-helpers.ts';
import { trialLabel } from '../../scripts/lib/report/trial-label.ts';
import { loadMessages } from '../../scripts/lib/report/i18n.ts';
import { createFormatters } from '../../scripts/lib/report/format.ts';
import { TEMPLATES_DIR } from '../../scripts/lib/report/templates.ts';

interface Rendered { dir: string; html: string; fixture: LabResult; bytes: number }

async function renderCopy(name: 'basic' | 'smoke'): Promise<Rendered> {
  const dir = await mkdtemp(path.join(tmpdir(), `locust-lab-report-${name}-`));
  await cp(fixtureDir(name), dir, { recursive: true });
  const { htmlPath, bytes } = await renderReport(dir);
  assert.is(htmlPath, path.join(dir, 'index.html'));
  return { dir, html: await readFile(htmlPath, 'utf8'), fixture: await loadFixture(name), bytes };
}

let smoke: Rendered;
let basic: Rendered;
test.before(async () => {
  [smoke, basic] = await Promise.all([renderCopy('smoke'), renderCopy('basic')]);
});
test.after(async () => {
  await Promise.all([smoke, basic].map((r) => rm(r.dir, { recursive: true, force: true })));
});

/** The text between the trials table's tbody tags. */
function trialsTableBody(html: string): string {
  const match = /<table class="trials-table">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html);
  assert.ok(match, 'trials table with a tbody');
  return match[1] ?? '';
}

/** Text content of an HTML fragment, tags dropped and entities of the escaper decoded. */
function textOf(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&#x3D;/g, '=').replace(/&#x60;/g, '`')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
}

test('writes index.html into the run folder and reports its size', async () => {
  const info = await stat(path.join(smoke.dir, 'index.html'));
  assert.is(info.size, smoke.bytes);
  assert.ok(smoke.html.startsWith('<!DOCTYPE html>'));
});

test('golden sample: every stage has its notebook section with narrative, findings and commands', () => {
  const ids = ['stage-publish', 'stage-deploy', 'stage-memory-floor', 'stage-sweep', 'stage-replicas', 'stage-workers', 'stage-max-users'];
  for (const [i, id] of ids.entries()) {
    const section = sectionOf(smoke.html, id);
    assert.ok(section.includes(`<span class="stage-number">${i + 1}</span>`), `${id} number`);
    assert.ok(section.includes('class="narrative"'), `${id} narrative`);
    assert.match(section, /<div class="findings">[\s\S]*?<li>/, `${id} findings`);
    assert.match(section, /<code class="command">/, `${id} commands`);
    assert.ok(smoke.html.includes(`<a href="#${id}">`), `${id} in the contents`);
  }
});

test('golden sample: the summary quotes the numbers of lab-result.json and links to the sections', () => {
  const summary = textOf(sectionOf(smoke.html, 'summary'));
  const { memoryFloor, sweep, workers, maxUsers } = smoke.fixture.stages;
  assert.ok(summary.includes(`${memoryFloor!.serve.floorMb} MiB to start and answer one prediction, ${memoryFloor!.load.floorMb} MiB to stay up under load; set the limit to ${memoryFloor!.recommendedMb} MiB.`));
  assert.ok(summary.includes(`${sweep!.minimum!.cpus} CPU and ${sweep!.minimum!.memoryMb} MiB serve ${sweep!.users} users within the SLO`));
  const best = workers!.configs.find((c) => c.configId === workers!.bestConfigId)!;
  const gain = workers!.bestGain!;
  assert.ok(summary.includes(`${best.label}: +${gain.rpsGainPct!.toFixed(1)}% requests/s and ${gain.p95ChangePct!.toFixed(1)}% p95`), summary);
  assert.ok(summary.includes(`${maxUsers!.lastPassingUsers} users; the next crowd measured, ${maxUsers!.firstFailingUsers} users, misses the SLO`));
  for (const id of ['stage-memory-floor', 'stage-sweep', 'stage-workers', 'stage-max-users']) assert.ok(sectionOf(smoke.html, 'summary').includes(`href="#${id}"`));
  const facts = textOf(sectionOf(smoke.html, 'summary'));
  for (const value of [smoke.fixture.host.dockerVersion, smoke.fixture.host.compose, smoke.fixture.host.locustVersion!, ...smoke.fixture.stages.publish!.images.map((i) => i.digest!)]) {
    assert.ok(facts.includes(value), `fact ${value}`);
  }
});

test('golden sample: every chart is a non-empty inline SVG with marks', () => {
  const svgs = smoke.html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
  const withTimeline = smoke.fixture.trials.filter((trial) => trial.timeline.length > 0).length;
  const deployTimeline = smoke.fixture.trials.find((t) => t.spec.id === smoke.fixture.stages.deploy!.trialId)!.timeline.length > 0 ? 1 : 0;
  // Five stage charts, the deploy trial's timeline in its section, and one timeline per trial with data.
  assert.is(svgs.length, 5 + deployTimeline + withTimeline);
  for (const svg of svgs) {
    assert.match(svg, /<path d="M[^"]{4,}"/, 'drawn paths');
    assert.ok(svg.length > 2000, 'not an empty frame');
  }
  for (const id of ['stage-memory-floor', 'stage-sweep', 'stage-replicas', 'stage-workers', 'stage-max-users']) {
    assert.match(sectionOf(smoke.html, id), /<figure class="chart" aria-label="[^"]+">\s*<svg/, `${id} chart`);
  }
});

test('golden sample: the compose file of a representative trial is shown in full', async () => {
  const id = smoke.fixture.stages.sweep!.minimum!.trialId;
  const compose = await readFile(path.join(smoke.dir, 'trials', id, 'compose.yaml'), 'utf8');
  const section = sectionOf(smoke.html, 'stage-sweep');
  assert.ok(section.includes(`<pre class="config">${escapeText(compose)}</pre>`));
  assert.ok(section.includes(`href="trials/${id}/compose.yaml"`));
  const replicas = sectionOf(smoke.html, 'stage-replicas');
  assert.ok(replicas.includes('upstream api_replicas'), 'the nginx config of the balanced trial');
});

test('the page loads nothing from outside; links stay inside the run folder', () => {
  for (const { html } of [smoke, basic]) {
    const external = /\b(?:src|href|xlink:href|action|srcset|poster|data)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|\/\/)/gi;
    assert.equal(html.match(external), null);
    // Only fragment references inside the page's own SVG (gradients), never a URL.
    assert.not.match(html, /url\((?!#c\d+-)|@import/i);
    assert.is((html.match(/<script\b/gi) ?? []).length, 1, 'only the JSON data island');
    for (const [, target] of html.matchAll(/\b(?:href|src)="([^"]*)"/g)) {
      if (target!.startsWith('#')) continue;
      assert.is(fileHref(decodeURIComponent(target!)), target!.split('/').map((s) => encodeURIComponent(decodeURIComponent(s))).join('/'), `link ${target}`);
    }
  }
});

test('SVG ids are unique across the page, so each chart paints with its own gradients', () => {
  const ids = [...smoke.html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
  assert.is(new Set(ids).size, ids.length);
  for (const [, ref] of smoke.html.matchAll(/url\(#([^)]+)\)/g)) assert.ok(ids.includes(ref), `reference ${ref}`);
});

test('the embedded JSON is the result digest and parses back', () => {
  const match = /<script type="application\/json" id="lab-result">([\s\S]*?)<\/script>/.exec(smoke.html);
  assert.ok(match);
  assert.equal(JSON.parse(match[1] ?? ''), JSON.parse(JSON.stringify(reportDigest(smoke.fixture))));
});

test('the trials table lists every trial by label with its status', async () => {
  const messages = await loadMessages(TEMPLATES_DIR, 'en');
  const f = createFormatters(messages.locale);
  for (const { html, fixture } of [smoke, basic]) {
    const body = trialsTableBody(html);
    assert.is((body.match(/<tr\b/g) ?? []).length, fixture.trials.length);
    for (const trial of fixture.trials) {
      const label = trialLabel(trial.spec, messages, f);
      assert.ok(body.includes(`>${escapeText(label)}</a>`), `label ${label}`);
      assert.ok(body.includes(`status-${trial.status}`), `status ${trial.status}`);
    }
  }
});

test('the table shows RPS with one decimal and p95 as grouped integer ms', () => {
  const body = trialsTableBody(smoke.html);
  for (const trial of smoke.fixture.trials.filter((t) => t.summary !== null)) {
    const rps = trial.summary!.rps.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    assert.ok(body.includes(`<td class="num">${rps}</td>`), `RPS ${rps}`);
  }
});

test('an older result without stages still renders its trials, with no stage sections', () => {
  assert.not.match(basic.html, /<section id="stage-/);
  const failed = basic.fixture.trials.find((trial) => trial.summary === null && trial.cause !== null)!;
  const row = trialsTableBody(basic.html).split('</tr>').find((chunk) => chunk.includes(`status-${failed.status}`)) ?? '';
  assert.ok(row.includes('OOM-killed (exit 137) on the first request'));
  assert.ok(row.includes('<td class="num">—</td>'));
});

test('per-trial sections show the container outcome, log tail and only non-null raw files', () => {
  for (const trial of basic.fixture.trials) {
    const section = sectionOf(basic.html, `trial-${trial.spec.id}`);
    for (const container of trial.containers) {
      assert.ok(section.includes(escapeText(container.name)));
      if (container.exitCode !== null) assert.ok(section.includes(`<dd>${container.exitCode}</dd>`));
      const lastLine = container.logTail.at(-1);
      if (lastLine !== undefined) assert.ok(section.includes(escapeText(lastLine)), 'last log line inside <pre>');
    }
    for (const [key, files] of Object.entries(trial.files)) {
      for (const file of [files].flat()) assert.is(section.includes(`href="${file}"`), file !== null, `link for ${key}`);
    }
  }
});

test('the commands section shows every command, shell-quoted where needed', () => {
  const section = sectionOf(smoke.html, 'commands');
  assert.is((section.match(/<code class="command">/g) ?? []).length, smoke.fixture.commands.length);
  assert.ok(section.includes('docker-compose -p '));
});

test('print CSS: A4, no forced page breaks, details open, scroll boxes unfold (the PDF itself: test/browser)', () => {
  assert.match(smoke.html, /@page \{ size: A4;/);
  assert.not.match(smoke.html, /break-before: page/, 'a forced break leaves the blank tail of the page before');
  assert.match(smoke.html, /@media print \{\s*@supports selector\(::details-content\) \{\s*details::details-content \{ content-visibility: visible; display: block; \}/);
  assert.match(smoke.html, /@media print \{[\s\S]*?pre\.config, \.scroll-box, \.scroll-box\.tall \{ max-height: none; overflow: visible; \}/);
});

/** Text a reader sees outside data blocks: no SVG, script, style or pre (configs, logs, the plan), tags dropped, entities decoded. */
function visibleText(html: string): string {
  return textOf(html.replace(/<svg[\s\S]*?<\/svg>/g, ' ').replace(/<(script|style|pre)\b[\s\S]*?<\/\1>/g, ' '));
}

test('schema 2 renders the new columns and lines in both languages', async () => {
  const result = syntheticRun({ trialCount: 200, seconds: 20 });
  const [en, es] = await Promise.all([renderReportHtml(structuredClone(result)), renderReportHtml(structuredClone(result), { lang: 'es' })]);
  const tied = result.stages.workers!.tiedWithBest.map((id) => result.stages.workers!.configs.find((c) => c.configId === id)!.label).join(' = ');
  const cases = [
    { html: en, words: [
      tied, 'Setup: ', 'The bisection converged to ±5 users.', 'Host speed index 0.97', 'validity warnings: see the list.',
      'meets the SLO · 1 run', 'bracket only (no verdict)', 'steady hold', 'Universal Scalability Law fit over',
      'one replica with the same total CPU (2 CPU)', "one replica with one replica's CPU (1 CPU)", 'limited by the load, not the server',
      'Stability', "Little's law", 'Unfinished requests', 'Service demand and think time', 'Host CPU during the load', 'more than 1,',
      'Host speed and noise', 'Calibration probes', 'after Smallest resources for the target crowd',
      'On the reference host (speed index 0.97): ',
    ] },
    { html: es, words: [
      tied, 'Configuración: ', 'La bisección convergió a ±5 usuarios.', 'Índice de velocidad del host 0,97', 'avisos de validez: consulte la lista.',
      'cumple el SLO · 1 ejecución', 'solo acota (sin veredicto)', 'carga sostenida', 'Ajuste de la ley de escalabilidad universal',
      'una réplica con la misma CPU total (2 CPU)', 'una réplica con la CPU de una réplica (1 CPU)', 'la carga, no el servidor',
      'Estabilidad', 'Ley de Little', 'Peticiones sin terminar', 'Demanda de servicio y tiempo de espera', 'CPU del host durante la carga', 'más de 1',
      'Velocidad y ruido del host', 'Sondas de calibración', 'después de Recursos mínimos para la carga objetivo',
      'En el equipo de referencia (índice de velocidad 0,97): ',
    ] },
  ];
  for (const { html, words } of cases) {
    const text = visibleText(html);
    for (const word of words) assert.ok(text.includes(word), `missing: ${word}`);
    assert.ok(html.includes('<a href="#host-calibration">'), 'the host section is in the contents');
    assert.match(sectionOf(html, 'host-calibration'), /<table class="probes-table">[\s\S]*?(<tr>[\s\S]*?){5}/);
    assert.not.match(text, /\b(null|undefined|NaN)\b/);
  }
});

test('migrated results render the new fields as "not measured", never as null', async () => {
  const text = visibleText(smoke.html);
  assert.ok(text.includes('not measured'));
  assert.not.match(text, /\b(null|undefined|NaN)\b/);
  assert.not.ok(smoke.html.includes('id="host-calibration"'), 'no host section without a calibration');
  const es = visibleText(await renderReportHtml(structuredClone(smoke.fixture), { lang: 'es' }));
  assert.ok(es.includes('no medido'));
  assert.not.match(es, /\b(null|undefined|NaN)\b/);
});

test.run();
