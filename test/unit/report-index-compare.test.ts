import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LabResult } from '../../scripts/lib/results/types.ts';
import { buildCompareView } from '../../scripts/lib/report/compare-view.ts';
import { loadMessages, type Messages } from '../../scripts/lib/report/i18n.ts';
import { emptyRunFiles } from '../../scripts/lib/report/read-run-files.ts';
import { renderComparison } from '../../scripts/lib/report/render-compare.ts';
import { renderRunsIndex } from '../../scripts/lib/report/render-index.ts';
import { createReportContext } from '../../scripts/lib/report/report-context.ts';
import { TEMPLATES_DIR } from '../../scripts/lib/report/templates.ts';
import { fixtureDir, loadFixture, noCharts } from './report-helpers.ts';

let smoke: LabResult;
let messages: Messages;
let dir = '';
test.before(async () => {
  [smoke, messages] = await Promise.all([loadFixture('smoke'), loadMessages(TEMPLATES_DIR, 'en')]);
  dir = await mkdtemp(path.join(tmpdir(), 'locust-lab-index-'));
  // Three run folders: the sample, a slower copy of it, and one whose result is cut short.
  await cp(fixtureDir('smoke'), path.join(dir, smoke.runId), { recursive: true });
  const slower = structuredClone(smoke);
  slower.runId = '2026-11-29T10-00-00Z-quick';
  slower.startedAt = '2026-11-29T10:00:00.000Z';
  slower.profile = 'quick';
  slower.stages.sweep!.cells[2]!.p95Ms = 540;
  slower.stages.maxUsers!.lastPassingUsers = 30;
  await mkdir(path.join(dir, slower.runId));
  await writeFile(path.join(dir, slower.runId, 'lab-result.json'), JSON.stringify(slower));
  await mkdir(path.join(dir, 'broken-run'));
  await writeFile(path.join(dir, 'broken-run', 'lab-result.json'), '{"schemaVersion": 1, "runId": ');
  await mkdir(path.join(dir, 'not-a-run'));
});
test.after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ctx = (result: LabResult) => createReportContext(result, messages, noCharts(result), emptyRunFiles());

test('the runs index lists every run folder, newest first, with key answers and links', async () => {
  const { htmlPath, runs } = await renderRunsIndex(dir);
  assert.is(runs, 3);
  const html = await readFile(htmlPath, 'utf8');
  const order = ['2026-11-29T10-00-00Z-quick', smoke.runId].map((id) => html.indexOf(id));
  assert.ok(order[0]! > 0 && order[0]! < order[1]!, 'newest first');
  assert.ok(html.includes('192 / 192 MiB (set 256)'));
  assert.ok(html.includes('30 users') && html.includes('40 users'));
  assert.ok(html.includes(`href="${smoke.runId}/lab-result.json"`));
  assert.ok(html.includes('broken-run') && html.includes('not valid JSON'), 'an unreadable result is listed with the reason');
  assert.not.ok(html.includes('not-a-run'));
  assert.not.match(html, /\b(?:src|href)="(?:[a-z]+:|\/\/)/i);
});

test('compare: answers side by side and per-stage differences in percent', () => {
  const b = structuredClone(smoke);
  b.stages.sweep!.cells.find((c) => c.trialId === b.stages.sweep!.minimum!.trialId)!.p95Ms = 540;
  b.stages.maxUsers!.lastPassingUsers = 30;
  const view = buildCompareView(ctx(structuredClone(smoke)), ctx(b), { a: 'a/index.html', b: 'b/index.html' });
  assert.is(view.answers.length, 7);
  const sweep = view.stages.find((stage) => stage.anchor === 'stage-sweep')!;
  const cell = sweep.rows.find((row) => row.metric === 'p95 at 1 CPU, 256 MiB (ms)')!;
  assert.equal([cell.a, cell.b, cell.change, cell.direction], ['270', '540', '+100%', 'up']);
  const users = view.stages.find((stage) => stage.anchor === 'stage-max-users')!.rows.find((row) => row.metric === 'last passing users')!;
  assert.equal([users.a, users.b, users.change], ['40', '30', '-25%']);
  const same = view.stages.find((stage) => stage.anchor === 'stage-memory-floor')!.rows[0]!;
  assert.equal([same.change, same.direction], ['0%', 'same']);
});

test('compare: a stage only one run has is left out; its answer says it did not run', () => {
  const b = structuredClone(smoke);
  delete b.stages.workers;
  const view = buildCompareView(ctx(structuredClone(smoke)), ctx(b), { a: 'a', b: 'b' });
  assert.not.ok(view.stages.some((stage) => stage.anchor === 'stage-workers'));
  assert.is(view.answers.find((answer) => answer.question === messages.t('summary.question.bestSetup'))!.b, messages.t('summary.notRun'));
});

test('compare page: written next to the runs, links to both reports', async () => {
  const out = path.join(dir, 'compare.html');
  await renderComparison(path.join(dir, smoke.runId), path.join(dir, '2026-11-29T10-00-00Z-quick'), out);
  const html = await readFile(out, 'utf8');
  assert.ok(html.includes(`href="${smoke.runId}/index.html"`));
  assert.ok(html.includes('+100%') || html.includes('-25%'));
  assert.is((html.match(/<script\b/g) ?? []).length, 0);
});

test.run();
