import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LabResult, TrialFiles } from '../../scripts/lib/results/types.ts';
import { timelineChart } from '../../scripts/lib/report/charts/timeline-chart.ts';
import { loadMessages, type Messages } from '../../scripts/lib/report/i18n.ts';
import { FAILURE_PHASES, MEMORY_VERDICTS, PROBE_CLASS_NAMES, SLO_BINDINGS, TRIAL_FLAGS, TRIAL_STATUSES } from '../../scripts/lib/report/known-literals.ts';
import { renderReportHtml } from '../../scripts/lib/report/render-report.ts';
import { formatCommand, shellQuote } from '../../scripts/lib/report/shell-quote.ts';
import { TEMPLATES_DIR } from '../../scripts/lib/report/templates.ts';
import { buildViewModel } from '../../scripts/lib/report/view-model.ts';
import { loadFixture, noCharts } from './report-helpers.ts';

let basic: LabResult;
let smoke: LabResult;
let messages: Messages;
test.before(async () => {
  [basic, smoke, messages] = await Promise.all([loadFixture('basic'), loadFixture('smoke'), loadMessages(TEMPLATES_DIR, 'en')]);
});

const fresh = (): LabResult => structuredClone(basic);
const build = (result: LabResult) => buildViewModel(result, { messages, charts: noCharts(result) });

test('en.json has a message for every literal of the contract', () => {
  for (const status of TRIAL_STATUSES) assert.ok(messages.has(`status.${status}`) && (status === 'passed' || messages.has(`cause.${status}`)), status);
  for (const flag of TRIAL_FLAGS) assert.ok(messages.has(`flag.${flag}`), flag);
  for (const phase of FAILURE_PHASES) assert.ok(messages.has(`phase.${phase}`), phase);
  for (const name of PROBE_CLASS_NAMES) assert.ok(messages.has(`probe.${name}`), name);
  for (const binding of SLO_BINDINGS) assert.ok(messages.has(`binding.${binding}`), binding);
  for (const verdict of MEMORY_VERDICTS) assert.ok(messages.has(`memoryVerdict.${verdict}`), verdict);
  const fileKeys: (keyof TrialFiles)[] = ['compose', 'trialJson', 'statsCsv', 'historyCsv', 'failuresCsv', 'exceptionsCsv', 'statsNdjson', 'apiInspect', 'locustLog', 'apiLog'];
  for (const key of fileKeys) assert.ok(messages.has(`files.${key}`), key);
});

test('a missing message key fails loudly', () => {
  assert.throws(() => messages.t('no.such.key'), /no\.such\.key/);
});

test('numbers are formatted: RPS one decimal, ms grouped integers, percentages', () => {
  const result = fresh();
  Object.assign(result.trials[0]!.summary!, { rps: 1234.56, p50Ms: 12.4, p95Ms: 12345.6, p99Ms: null, failures: 3, failureRatio: 0.0123 });
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
  assert.is(second!.cpuLimit, messages.t('common.unlimited'));
  assert.is(second!.memoryLimit, '256');
});

test('status and cause come from i18n; the recorded cause is kept as data', () => {
  const view = build(fresh());
  const oom = view.trials.find((trial) => trial.status.literal === 'oom-killed');
  assert.ok(oom);
  assert.is(oom.status.text, messages.t('status.oom-killed'));
  assert.is(oom.causeText, 'OOM-killed (exit 137) on the first request');
  assert.ok(oom.cause && oom.cause.length > 0);
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
  assert.is(view.commands.length, basic.commands.length);
  assert.is(view.commands[0]!.line, formatCommand(basic.commands[0]!.argv));
});

test('an unfinished run says so instead of a date, and warns', () => {
  const result = fresh();
  result.finishedAt = null;
  const view = build(result);
  assert.is(view.run.finishedAt, messages.t('run.inProgress'));
  assert.ok(view.warnings.items.some((item) => item.text === messages.t('warnings.unfinished')));
});

test('a result from before the stages has no stage sections and no answers', () => {
  const view = build(fresh());
  assert.equal(view.toc, []);
  assert.ok(Object.values(view.stages).every((stage) => stage === null));
  assert.ok(view.summary.key.every((answer) => answer.state === 'absent' && answer.anchor === null));
});

test('the smoke run gets one section per stage, in the workshop order', () => {
  const view = build(structuredClone(smoke));
  assert.equal(view.toc.map((entry) => entry.anchor), [
    'stage-publish', 'stage-deploy', 'stage-memory-floor', 'stage-sweep', 'stage-replicas', 'stage-workers', 'stage-max-users',
  ]);
  assert.equal(view.toc.map((entry) => entry.number), ['1', '2', '3', '4', '5', '6', '7']);
});

test('summary answers quote the verdicts and link to their sections', () => {
  const view = build(structuredClone(smoke));
  const [floor, resources, best, users] = view.summary.key;
  const s = smoke.stages;
  assert.is(floor!.anchor, 'stage-memory-floor');
  assert.is(floor!.answer, `${s.memoryFloor!.serve.floorMb} MiB to start and answer one prediction, ${s.memoryFloor!.load.floorMb} MiB to stay up under load; set the limit to ${s.memoryFloor!.recommendedMb} MiB.`);
  assert.is(resources!.answer, `${s.sweep!.minimum!.cpus} CPU and ${s.sweep!.minimum!.memoryMb} MiB serve ${s.sweep!.users} users within the SLO (p95 270 ms).`);
  assert.ok(best!.answer.startsWith('optimized · gunicorn ×2 · 1 CPU: +1.5% requests/s and -47.5% p95'), best!.answer);
  assert.is(users!.answer, `${s.maxUsers!.lastPassingUsers} users; ${s.maxUsers!.firstFailingUsers} users already miss it (the p95 limit is the limit that binds).`);
  assert.ok(view.summary.key.every((answer) => answer.state === 'ok'));
});

test('findings are sentences with the numbers of the verdicts', () => {
  const view = build(structuredClone(smoke));
  const findings = Object.values(view.stages).flatMap((stage) => stage?.findings ?? []);
  const has = (text: string) => assert.ok(findings.includes(text), `missing finding: ${text}\n${findings.join('\n')}`);
  has('With 160 MiB and 0.5 CPU the API started and answered /health, then was OOM-killed (exit 137) on the first request, as in the workshop.');
  has('The API needs at least 192 MiB to start and answer one prediction, and 192 MiB to stay up under 10 users for 8 s.');
  has('Below that, at 160 MiB, it was OOM-killed on the first request.');
  has('Recommended limit: 256 MiB, that is 15% headroom over the under-load floor of 192 MiB, rounded up.');
  has('1 CPU and 256 MiB is the smallest setup that serves 20 users within the SLO: p95 270 ms, 50.8 requests/s, 0% failed.');
  has('Behind nginx, 2 replicas served 55.8 requests/s against 32.8 for one (+70.2%), with p95 95 ms against 660 ms (-85.6%).');
  has('40 users is the largest crowd within the SLO for optimized · gunicorn ×2 · 1 CPU; 80 users miss it, bound by the p95 limit.');
  has('The latency curve bends at about 20 users: beyond it requests queue and p95 climbs fast.');
  assert.ok(findings.some((text) => /^optimized · uvicorn ×2 · 1 CPU is \d+(\.\d)?% (faster|slower) at p95 than optimized · uvicorn ×1 · 1 CPU/.test(text)));
  // The baseline with 2 workers was OOM-killed: its p95 is not compared, the finding says why.
  has('baseline · uvicorn ×2 · 1 CPU ended OOM-killed at 10 users, so its p95 is left out of the comparisons.');
});

test('each stage shows the commands of its trials; publish shows tag, push and registry commands', () => {
  const view = build(structuredClone(smoke));
  const sweep = view.stages.sweep!;
  const sweepIds = new Set(smoke.stages.sweep!.trialIds);
  assert.is(sweep.commands.length, smoke.commands.filter((c) => c.trialId !== null && sweepIds.has(c.trialId)).length);
  const publish = view.stages.publish!;
  assert.ok(publish.commands.length >= 4);
  assert.ok(publish.commands.every((c) => /\b(push|tag)\b|registry/.test(c.line)), publish.commands.map((c) => c.line).join('\n'));
});

test('sections show a representative compose file from the run files, redacted', () => {
  const result = structuredClone(smoke);
  const id = result.stages.sweep!.minimum!.trialId;
  const compose = { path: `trials/${id}/compose.yaml`, text: 'services:\n  api:\n    environment:\n      API_TOKEN: "s3cret"\n', missing: null };
  const view = buildViewModel(result, { messages, charts: noCharts(result), files: { compose: new Map([[id, compose]]), nginx: new Map() } });
  const file = view.stages.sweep!.files[0]!;
  assert.is(file.href, `trials/${id}/compose.yaml`);
  assert.ok(file.text!.includes('API_TOKEN: "***redacted***"'));
  assert.not.ok(file.text!.includes('s3cret'));
  const missing = view.stages.deploy!.files[0]!;
  assert.is(missing.text, null);
  assert.is(missing.note, messages.t('stage.fileMissing.not-found'));
});

test('warnings are grouped by kind; expected failures of the searches are not warnings', () => {
  const view = build(structuredClone(smoke));
  const texts = view.warnings.items.map((item) => item.text);
  assert.ok(texts.some((text) => text.startsWith(messages.t('flag.short-steady-window'))));
  // The memory probes below the floor and the deploy OOM are the stages' point, not doubts.
  assert.not.ok(texts.some((text) => text.includes('memory-floor-serve-96m failed')));
  assert.is(view.warnings.recorded.length, smoke.warnings.length);
});

test('timeline chart: three panels on one x axis; empty timeline gives null', () => {
  const trial = structuredClone(smoke.trials.find((t) => t.spec.id === 'replicas-single')!);
  const spec = timelineChart(trial, messages.t) as unknown as { vconcat: { title?: unknown }[] };
  assert.equal(spec.vconcat.map((panel) => panel.title), [messages.t('chart.loadPanel'), messages.t('chart.latencyMs'), messages.t('chart.resourcesPanel')]);
  assert.ok(!JSON.stringify(spec).includes('"url"'), 'data is inline');
  trial.timeline = [];
  assert.is(timelineChart(trial, messages.t), null);
});

test('timeline chart: only panels with data are drawn', () => {
  const trial = structuredClone(smoke.trials.find((t) => t.spec.id === 'replicas-single')!);
  trial.timeline = trial.timeline.map((point) => ({ ...point, apiCpuPercent: null, apiMemoryMb: null }));
  const spec = timelineChart(trial, messages.t) as unknown as { vconcat: unknown[] };
  assert.is(spec.vconcat.length, 2);
});

test('a trial with no timeline shows the i18n "no data" note instead of a chart', async () => {
  const result = fresh();
  for (const trial of result.trials) trial.timeline = [];
  const html = await renderReportHtml(result);
  assert.not.match(html, /<svg/);
  assert.is(html.split(messages.t('trial.noTimeline')).length - 1, result.trials.length);
});

test.run();
