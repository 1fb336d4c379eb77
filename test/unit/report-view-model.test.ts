import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LabResult, TrialFiles } from '../../scripts/lib/results/types.ts';
import { timelineChart } from '../../scripts/lib/report/charts/timeline-chart.ts';
import { loadMessages, type Messages } from '../../scripts/lib/report/i18n.ts';
import { FAILURE_PHASES, TRIAL_FLAGS, TRIAL_STATUSES } from '../../scripts/lib/report/known-literals.ts';
import { renderReportHtml } from '../../scripts/lib/report/render-report.ts';
import { formatCommand, shellQuote } from '../../scripts/lib/report/shell-quote.ts';
import { TEMPLATES_DIR } from '../../scripts/lib/report/templates.ts';
import { buildViewModel } from '../../scripts/lib/report/view-model.ts';

const FIXTURE_FILE = fileURLToPath(new URL('../fixtures/results/basic/lab-result.json', import.meta.url));

let fixture: LabResult;
let messages: Messages;
test.before(async () => {
  fixture = JSON.parse(await readFile(FIXTURE_FILE, 'utf8')) as LabResult;
  messages = await loadMessages(TEMPLATES_DIR, 'en');
});

const fresh = (): LabResult => structuredClone(fixture);
const build = (result: LabResult) => buildViewModel(result, { messages, chartSvgs: result.trials.map(() => null) });

test('en.json has a message for every status, flag, failure phase and file kind', () => {
  for (const status of TRIAL_STATUSES) assert.ok(messages.has(`status.${status}`), status);
  for (const flag of TRIAL_FLAGS) assert.ok(messages.has(`flag.${flag}`), flag);
  for (const phase of FAILURE_PHASES) assert.ok(messages.has(`phase.${phase}`), phase);
  const fileKeys: (keyof TrialFiles)[] = ['compose', 'trialJson', 'statsCsv', 'historyCsv', 'failuresCsv', 'exceptionsCsv', 'statsNdjson', 'apiInspect', 'locustLog', 'apiLog'];
  for (const key of fileKeys) assert.ok(messages.has(`files.${key}`), key);
});

test('a missing message key fails loudly', () => {
  assert.throws(() => messages.t('no.such.key'), /no\.such\.key/);
});

test('numbers are formatted: RPS one decimal, ms grouped integers, percentages', () => {
  const result = fresh();
  const summary = result.trials[0]!.summary!;
  Object.assign(summary, { rps: 1234.56, p50Ms: 12.4, p95Ms: 12345.6, p99Ms: null, failures: 3, failureRatio: 0.0123 });
  const row = build(result).trialRows[0]!;
  assert.is(row.rps, '1,234.6');
  assert.is(row.p50, '12');
  assert.is(row.p95, '12,346');
  assert.is(row.p99, '—');
  assert.is(row.failures, '3');
  assert.is(row.failureRatio, '1.23%');
});

test('limits: missing appliedLimits shows a dash, a null limit shows unlimited', () => {
  const result = fresh();
  result.trials[0]!.appliedLimits = null;
  result.trials[1]!.appliedLimits = { cpus: null, memoryMb: 256, memorySwapMb: null };
  const [first, second] = build(result).trialRows;
  assert.is(first!.cpuLimit, '—');
  assert.is(first!.memoryLimit, '—');
  assert.is(second!.cpuLimit, messages.t('common.unlimited'));
  assert.is(second!.memoryLimit, '256');
});

test('status text comes from i18n; cause and phase are carried', () => {
  const view = build(fresh());
  const oom = view.trials.find((trial) => trial.status.literal === 'oom-killed');
  assert.ok(oom);
  assert.is(oom.status.text, messages.t('status.oom-killed'));
  assert.is(oom.status.className, 'status-oom-killed');
  assert.is(oom.phase, messages.t('phase.first-request'));
  assert.ok(oom.containers.some((container) => container.isOomKilled && container.exitCode === '137'));
});

test('raw file links: only non-null files, relative to the run folder', () => {
  const result = fresh();
  result.trials[0]!.files.statsCsv = null;
  const files = build(result).trials[0]!.files;
  assert.not.ok(files.some((file) => file.label === messages.t('files.statsCsv')));
  assert.ok(files.some((file) => file.href === result.trials[0]!.files.compose));
  assert.is(files.length, Object.values(result.trials[0]!.files).filter((value) => value !== null).length);
});

test('commands are shell-quoted for display only where needed', () => {
  assert.is(shellQuote('docker'), 'docker');
  assert.is(shellQuote('--format={{json .}}'), "'--format={{json .}}'");
  assert.is(shellQuote("it's"), `'it'\\''s'`);
  assert.is(shellQuote(''), "''");
  assert.is(formatCommand(['docker', 'compose', '-f', 'a b.yaml', 'up']), "docker compose -f 'a b.yaml' up");
  const view = build(fresh());
  assert.is(view.commands.length, fixture.commands.length);
  assert.is(view.commands[0]!.line, formatCommand(fixture.commands[0]!.argv));
});

test('an unfinished run says so instead of a date', () => {
  const result = fresh();
  result.finishedAt = null;
  const view = build(result);
  assert.is(view.run.finishedAt, messages.t('run.inProgress'));
  assert.is(view.run.finishedAtIso, null);
});

test('timeline chart: panels share one x axis; empty timeline gives null', () => {
  const trial = fresh().trials[0]!;
  const spec = timelineChart(trial, messages.t) as { vconcat: { title?: unknown }[] };
  assert.ok(spec && Array.isArray(spec.vconcat));
  const titles = spec.vconcat.map((panel) => panel.title);
  assert.equal(titles.slice(0, 3), [messages.t('chart.users'), messages.t('chart.rps'), messages.t('chart.latencyMs')]);
  assert.ok(!JSON.stringify(spec).includes('"url"'), 'data is inline');
  trial.timeline = [];
  assert.is(timelineChart(trial, messages.t), null);
});

test('timeline chart: only panels with data are drawn', () => {
  const trial = fresh().trials[0]!;
  trial.timeline = trial.timeline.map((point) => ({ ...point, apiCpuPercent: null, apiMemoryMb: null }));
  const spec = timelineChart(trial, messages.t) as { vconcat: unknown[] };
  assert.is(spec.vconcat.length, 3);
});

test('a trial with no timeline shows the i18n "no data" note instead of a chart', async () => {
  const result = fresh();
  for (const trial of result.trials) trial.timeline = [];
  const html = await renderReportHtml(result);
  assert.not.match(html, /<svg/);
  assert.is(html.split(messages.t('trial.noTimeline')).length - 1, result.trials.length);
});

test.run();
