import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LabResult, TrialFiles } from '../../scripts/lib/results/types.ts';
import { timelineChart } from '../../scripts/lib/report/charts/timeline-chart.ts';
import { loadMessages, type Messages } from '../../scripts/lib/report/i18n.ts';
import { CAUSE_IDS, FAILURE_PHASES, MEMORY_VERDICTS, PROBE_CLASS_NAMES, RACE_SIGNALS, SLO_BINDINGS, TRIAL_FLAGS, TRIAL_STATUSES } from '../../scripts/lib/results/known-literals.ts';
import { renderReportHtml } from '../../scripts/lib/report/render-report.ts';
import { formatCommand, shellQuote } from '../../scripts/lib/report/shell-quote.ts';
import { syntheticRun } from '../../scripts/lib/report/synthetic-run.ts';
import { TEMPLATES_DIR } from '../../scripts/lib/report/templates.ts';
import { buildViewModel } from '../../scripts/lib/report/view-model.ts';
import { loadFixture, noCharts } from './report-helpers.ts';
import { stageChecks } from '../../scripts/lib/report/slo-checks.ts';
import { stageGate } from '../../scripts/lib/analyze/stage-gate.ts';
import { createFormatters } from '../../scripts/lib/report/format.ts';

let basic: LabResult;
let smoke: LabResult;
let messages: Messages;
test.before(async () => {
  [basic, smoke, messages] = await Promise.all([loadFixture('basic'), loadFixture('smoke'), loadMessages(TEMPLATES_DIR, 'en')]);
});

const fresh = (): LabResult => structuredClone(basic);
const build = (result: LabResult) => buildViewModel(result, { messages, charts: noCharts(result) });

test('en.json has a message for every literal of the contract', () => {
  for (const status of TRIAL_STATUSES) assert.ok(messages.has(`status.${status}`), status);
  for (const cause of CAUSE_IDS) assert.ok(messages.has(`cause.${cause}`), cause);
  for (const flag of TRIAL_FLAGS) assert.ok(messages.has(`flag.${flag}`), flag);
  for (const phase of FAILURE_PHASES) assert.ok(messages.has(`phase.${phase}`), phase);
  for (const name of PROBE_CLASS_NAMES) assert.ok(messages.has(`probe.${name}`), name);
  for (const binding of SLO_BINDINGS) assert.ok(messages.has(`binding.${binding}`), binding);
  for (const verdict of MEMORY_VERDICTS) assert.ok(messages.has(`memoryVerdict.${verdict}`), verdict);
  for (const signal of RACE_SIGNALS) assert.ok(messages.has(`stage.workers.signal.${signal}`), signal);
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

test('status and cause come from i18n; the English sentence the lab recorded is not shown', () => {
  const view = build(fresh());
  const oom = view.trials.find((trial) => trial.status.literal === 'oom-killed');
  assert.ok(oom);
  assert.is(oom.status.text, messages.t('status.oom-killed'));
  assert.is(oom.causeText, 'OOM-killed (exit 137) on the first request');
  assert.not.ok('cause' in oom);
  assert.ok(oom.containers.some((container) => container.isOomKilled && container.exitCode === '137'));
});

test('raw file links: only non-null files, relative to the run folder', () => {
  const result = fresh();
  result.trials[0]!.files.statsCsv = null;
  const files = build(result).trials[0]!.files;
  assert.not.ok(files.some((file) => file.label === messages.t('files.statsCsv')));
  assert.ok(files.some((file) => file.href === result.trials[0]!.files.compose));
  assert.is(files.length, Object.values(result.trials[0]!.files).flat().filter((value) => value !== null).length);
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
  assert.is(resources!.answer, `${s.sweep!.minimum!.cpus} CPU and ${s.sweep!.minimum!.memoryMb} MiB serve ${s.sweep!.users} users within the SLO: p95 270 ms.`);
  // Each answer names the setup it applies to; a migrated result has no point, so no verdict line.
  assert.is(resources!.setup, `Setup: ${smoke.trials.find((t) => t.spec.id === s.sweep!.minimum!.trialId)!.spec.label}`);
  assert.equal(resources!.details, []);
  assert.ok(best!.answer.startsWith('optimized · gunicorn ×2 · 1 CPU: +1.5% requests/s and -47.5% p95'), best!.answer);
  assert.is(users!.answer, `${s.maxUsers!.lastPassingUsers} users; the next crowd measured, ${s.maxUsers!.firstFailingUsers} users, misses the SLO (the p95 limit binds).`);
  assert.equal(users!.details, [`A steady hold at ${s.maxUsers!.firstFailingUsers} users did not confirm it, so the answer fell back below it.`]);
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
  const view = buildViewModel(result, { messages, charts: noCharts(result), files: { compose: new Map([[id, compose]]), nginx: new Map(), generatedLocustfile: null, k8s: [] } });
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
  // One line per stored warning (the fixture is migrated: its English lines became message ids).
  assert.is(view.warnings.items.length, smoke.warnings.length + (smoke.finishedAt === null ? 1 : 0));
  assert.ok(smoke.warnings.every((w) => typeof w === 'object' && typeof w.id === 'string'));
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


// Schema 2: points with runs, intervals and verdicts, ties, both replica comparisons,
// the max-users fits, trial measurements and a host calibration (synthetic-run.ts).
const schema2 = (): LabResult => syntheticRun({ trialCount: 200, seconds: 20 });

test('schema 2 summary: each answer names its setup and shows its verdict, interval and runs', async () => {
  const result = schema2();
  const view = build(result);
  const [, resources, best, users] = view.summary.key;
  const minimum = result.stages.sweep!.cells.find((c) => c.trialId === result.stages.sweep!.minimum!.trialId)!;
  assert.is(resources!.setup, `Setup: ${result.trials.find((t) => t.spec.id === minimum.trialId)!.spec.label}`);
  assert.match(resources!.answer, /within the SLO: p95 [\d,]+ ms \([\d,]+–[\d,]+\)\.$/);
  assert.match(resources!.details[0]!, new RegExp(`^meets the SLO over ${minimum.point!.trialIds.length === 1 ? '1 run' : `${minimum.point!.trialIds.length} runs`}; `));
  // Tied setups are one answer, "A = B", with the gain.
  const [a, b] = result.stages.workers!.tiedWithBest.map((id) => result.stages.workers!.configs.find((c) => c.configId === id)!.label);
  assert.ok(best!.answer.startsWith(`${a} = ${b}: +42.5% requests/s and -18.2% p95`), best!.answer);
  assert.ok(best!.details.includes('2 setups tie: their intervals overlap at every crowd, so they are one answer.'), best!.details.join('\n'));
  const mu = result.stages.maxUsers!;
  assert.is(users!.answer, `${mu.lastPassingUsers} users; the next crowd measured, ${mu.firstFailingUsers} users, misses the SLO (the p95 limit binds).`);
  assert.is(users!.setup, `Setup: ${mu.configLabel}`);
  assert.ok(users!.details.includes('The bisection converged to ±5 users.'), users!.details.join('\n'));
  assert.ok(users!.details.some((d) => /^Held steadily for 10\.0 s at \d+ users: (confirmed|not confirmed, so the answer fell back below it)\.$/.test(d)), users!.details.join('\n'));
  assert.ok(users!.details.some((d) => d.startsWith('Operational bound N* ≈ 152.0 users (service demand 20.0 ms, think time 1.5 s)')));
  assert.match(view.summary.host!.text, /^Host speed index 0\.97 \(reference: 17\.9 ms of CPU per request on .+\), drift 5\.9% over the run\.$/);
  assert.is(view.summary.host!.anchor, 'host-calibration');
  assert.is(view.summary.warnings, `${view.warnings.items.length} validity warnings: see the list.`);

  const es = buildViewModel(schema2(), { messages: await loadMessages(TEMPLATES_DIR, 'es'), charts: noCharts(result) });
  const [, resourcesEs, bestEs, usersEs] = es.summary.key;
  assert.match(resourcesEs!.answer, /dentro del SLO: p95 de [\d.]+ ms \([\d.]+–[\d.]+\)\.$/);
  assert.match(resourcesEs!.details[0]!, /^cumple el SLO en \d ejecuci(ón|ones); [\d,]+ pet\/s \([\d,]+–[\d,]+\)$/);
  assert.ok(bestEs!.answer.startsWith(`${a} = ${b}: +42,5`), bestEs!.answer);
  assert.ok(usersEs!.details.includes('La bisección convergió a ±5 usuarios.'));
  assert.match(es.summary.host!.text, /^Índice de velocidad del host 0,97 .*deriva del 5,9\s%/);
});

test('schema 2 sections: verdict, runs and interval per cell; ramp steps are brackets; both replica comparisons', () => {
  const result = schema2();
  const view = build(result);
  const sweep = view.stages.sweep!;
  const cells = sweep.rows.flatMap((row) => row.cells).filter((cell) => !cell.empty);
  assert.ok(cells.some((cell) => /^meets the SLO · (1 run|\d runs)$/.test(cell.verdict)), 'meets with runs');
  assert.ok(cells.some((cell) => /^meets the SLO · 3 runs$/.test(cell.verdict)), 'a cell measured again because its interval straddled the limit');
  assert.ok(cells.some((cell) => cell.verdict === 'misses the SLO (the p95 limit) · 1 run' && !cell.pass));
  assert.ok(cells.every((cell) => /^[\d,]+ ms \([\d,]+–[\d,]+\)$/.test(cell.p95)), cells.map((c) => c.p95).join(' '));
  assert.match(sweep.intervalCaption!, /95% interval: order statistics of the request samples/);
  const undecided = [...cells, ...view.stages.workers!.rows.flatMap((row) => row.cells)].filter((cell) => cell.undecided);
  assert.is(sweep.findings.some((text) => text.includes('stayed undecided after their repeats')), cells.some((cell) => cell.undecided));
  assert.ok(undecided.every((cell) => cell.verdict === 'undecided (the interval straddles a limit) · 5 runs'));

  const workers = view.stages.workers!;
  assert.is(workers.rows.filter((row) => row.tied).length, 1, 'the tied setup is marked, not the best');
  assert.ok(workers.findings.some((text) => text.endsWith('their intervals overlap at every crowd, so they are reported as one answer.')));
  assert.ok(workers.findings.some((text) => /were measured again to tell them apart \(\d runs? each at most\) and still tie/.test(text)), workers.findings.join('\n'));
  assert.ok(workers.rows[0]!.cells.every((cell) => cell.verdict.startsWith('meets the SLO · ')));

  const maxUsers = view.stages.maxUsers!;
  const ramp = maxUsers.points.filter((point) => point.source === 'ramp step');
  assert.is(ramp.length, 4);
  assert.ok(ramp.every((point) => point.verdict === 'bracket only (no verdict)' && point.runs === '—'));
  const probes = maxUsers.points.filter((point) => point.source !== 'ramp step');
  assert.ok(probes.every((point) => /^(meets|misses|undecided)/.test(point.verdict) && /runs?$/.test(point.runs)));
  assert.ok(probes.some((point) => point.p95.startsWith('more than ')), 'censored points are lower bounds');
  assert.ok(probes.some((point) => point.verdict === 'undecided (the interval straddles a limit)' && point.runs === '5 runs'), 'an undecided hold');
  assert.is(maxUsers.points.length, result.stages.maxUsers!.curve.length, 'each measurement once');
  const has = (text: string) => assert.ok(maxUsers.findings.some((f) => f.startsWith(text)), `${text}\n${maxUsers.findings.join('\n')}`);
  has('The bisection converged: the last passing and the first failing crowd are at most 5 users apart.');
  has('Operational bound: with a service demand of 20.0 ms of API CPU per request and 1.5 s of think time, the CPU limit saturates beyond N* ≈ 152.0 users (ceiling 100.0 requests/s)');
  has('Universal Scalability Law fit over ');
  assert.ok(maxUsers.findings.some((f) => f.includes('λ = 0.655 requests/s per user, σ = 0.0123 (contention), κ = 0.000041 (coherence), relative RMS residual 3.4%; the fitted throughput peaks at about 154.2 users.')));

  const replicas = view.stages.replicas!;
  assert.equal(replicas.comparisons.map((c) => c.basis), ['one replica with the same total CPU (2 CPU)', "one replica with one replica's CPU (1 CPU)"]);
  assert.ok(replicas.rows.some((row) => row.loadLimited && row.load === 'limited by the load, not the server'));
  assert.ok(replicas.findings.some((f) => f.startsWith('Against one replica with the same total CPU (2 CPU): 2 replicas behind nginx served 66.7 requests/s against 80.0')));
});

test('on Docker Swarm the port conflict was not run: the finding, the summary and the CI check say so, and no row links a trial', async () => {
  const result = schema2();
  result.stages.replicas!.conflict = { trialId: null, reproduced: false, engineError: null, notApplicable: 'swarm' };
  result.gate = stageGate(result);
  const view = build(result);
  const replicas = view.stages.replicas!;
  assert.ok(replicas.findings[0]!.startsWith("The workshop's port conflict is compose's: on Docker Swarm 2 replicas share a published port"), replicas.findings[0]);
  assert.not.ok(replicas.rows.some((row) => row.setup.includes('fixed host port')), 'no conflict row');
  const answer = view.summary.other.find((k) => k.answer.includes('Docker Swarm'));
  assert.ok(answer, view.summary.other.map((k) => k.answer).join('\n'));
  const es = buildViewModel(result, { messages: await loadMessages(TEMPLATES_DIR, 'es'), charts: noCharts(result) });
  assert.ok(es.stages.replicas!.findings[0]!.startsWith('El conflicto de puerto del taller es de compose'));
  const check = stageChecks(result, messages.t, createFormatters('en-US')).find((c) => c.stage === 'replicas')!;
  assert.is(check.message, 'The port conflict does not arise on Docker Swarm; the nginx run passed.');
});

test('schema 2: two setups whose p95 intervals overlap are a tie, not "faster"', () => {
  const result = schema2();
  const { configs, cells, crowds } = result.stages.workers!;
  const users = Math.max(...crowds);
  const [base, other] = [configs[0]!, configs[2]!];
  for (const config of [base, other]) {
    const point = cells.find((c) => c.configId === config.configId && c.users === users)!.point!;
    point.p95Ms = config === base ? 500 : 450;
    point.p95Interval = { low: config === base ? 440 : 400, high: config === base ? 560 : 470, level: 0.95, method: 'order-statistic' };
  }
  const findings = build(result).stages.workers!.findings;
  assert.ok(findings.includes(`${other.label} and ${base.label} tie at p95: 450 ms (400–470) against 500 ms (440–560) at 1,000 users, intervals that overlap.`), findings.join('\n'));
});

test("the race's signs come from the cells' data, with the numbers of the run that showed each, in both languages", async () => {
  const result = schema2();
  const stage = result.stages.workers!;
  const [lazy, startup] = [stage.configs[0]!, stage.configs[1]!];
  const cellsOf = (id: string) => stage.cells.filter((cell) => cell.configId === id);
  for (const cell of cellsOf(lazy.configId)) cell.raceSignals = ['memory-step-up'];
  cellsOf(lazy.configId)[0]!.raceSignals = ['extra-processes', 'memory-step-up'];
  for (const cell of cellsOf(startup.configId)) cell.raceSignals = [];
  stage.raceSeenIn = [lazy.configId];
  const trial = result.trials.find((t) => t.spec.id === cellsOf(lazy.configId)[0]!.trialId)!;
  trial.loadSignals = { processesMax: 5, processesExpected: 4, memoryAtHealthMb: 111, memoryAfterFirstMb: 756, stepLimitMb: 40, signals: ['extra-processes', 'memory-step-up'] };
  const view = build(result).stages.workers!;
  const sign = 'memory rose from 111 to 756 MiB after the first requests (a step is more than 40 MiB)';
  const row = view.rows.find((r) => r.label === lazy.label)!;
  assert.is(row.raceSigns, `5 processes where its command runs 4; ${sign}`);
  assert.is(view.rows.find((r) => r.label === startup.label)!.raceSigns, '');
  assert.ok(view.findings.includes(`The lazy-loading race showed in ${lazy.label} (5 processes where its command runs 4; ${sign}): the risk the workshop's lock at startup removes.`), view.findings.join('\n'));
  const es = buildViewModel(result, { messages: await loadMessages(TEMPLATES_DIR, 'es'), charts: noCharts(result) }).stages.workers!;
  assert.is(es.rows.find((r) => r.label === lazy.label)!.raceSigns, '5 procesos donde su comando ejecuta 4; la memoria subió de 111 a 756 MiB tras las primeras peticiones (un escalón es más de 40 MiB)');
});

test('schema 2: a voided comparison names the trial and its status', () => {
  const result = schema2();
  const comparison = result.stages.replicas!.comparisons![1]!;
  Object.assign(comparison, { rpsGainPct: null, p95ChangePct: null, voidedBy: { trialId: 'replicas-nginx-x2', status: 'oom-killed' } });
  const replicas = build(result).stages.replicas!;
  assert.is(replicas.comparisons[1]!.voided, 'void: replicas-nginx-x2 ended OOM-killed, so the numbers are not compared');
  assert.ok(replicas.findings.includes("Against one replica with one replica's CPU (1 CPU): the comparison is void, because replicas-nginx-x2 ended OOM-killed."));
});

test('schema 2 trials: stability, censored requests, Little\'s law, demand, p95 interval and host CPU', () => {
  const result = schema2();
  const view = build(result);
  const measures = (id: string) => Object.fromEntries(view.trials.find((t) => t.anchor === `trial-${id}`)!.measures.map((m) => [m.label, m.value]));
  const censoredId = result.trials.find((t) => t.summary?.censored)!.spec.id;
  const censored = measures(censoredId);
  assert.match(censored['p95']!, /^more than [\d,]+ ms: requests that never finished decide it, so it is only a lower bound$/);
  assert.is(censored['Unfinished requests'], '3 never finished (the oldest had waited 9.4 s); counted as failures');
  assert.is(view.trialRows.find((row) => row.anchor === `trial-${censoredId}`)!.p95.startsWith('> '), true);
  const normal = measures(result.stages.sweep!.minimum!.trialId);
  assert.match(normal['p95']!, /^[\d,]+ ms \([\d,]+–[\d,]+\); 95% interval: order statistics of the request samples$/);
  assert.is(normal['Stability'], 'not measured: the window was too short to split into sub-windows');
  assert.match(normal["Little's law"]!, /^[\d,]+ users held; throughput × \(response time \+ think time\) gives [\d,.]+ \([\d.]+% off\)$/);
  assert.is(normal['Service demand and think time'], '20.0 ms of API CPU per request; think time 1.5 s per user');
  assert.match(normal['Host CPU during the load']!, /^\d+(\.\d)?% of the host busy, \d(\.\d)?% by processes outside the lab, steal 0.2%, over 20.0 s$/);
  // Longer windows split into sub-windows.
  const long = syntheticRun({ trialCount: 200, seconds: 60 });
  const stable = buildViewModel(long, { messages, charts: noCharts(long) }).trials.find((t) => t.anchor === `trial-${long.stages.sweep!.minimum!.trialId}`)!;
  assert.is(stable.measures.find((m) => m.label === 'Stability')!.value,
    'stable: the last sub-windows agree within 10% (requests/s spread 6%, p95 spread 8%); 10 sub-windows of 5 s; p95 trend +1% per 10 s');
});

test('schema 2 host section: probes, drift, idle check and run-wide CPU; listed in the contents', () => {
  const result = schema2();
  const view = build(result);
  const host = view.host!;
  assert.is(host.anchor, 'host-calibration');
  assert.equal(host.probes.map((p) => p.point), ['start of the run', 'after Smallest resources for the target crowd', 'after Server setups: workers, gunicorn and model loading', 'end of the run']);
  assert.equal(host.probes.map((p) => [p.demand, p.p50, p.loop, p.speedIndex]), [['18.4', '22.6', '412', '0.97'], ['18.1', '22.3', '418', '0.99'], ['18.6', '22.8', '424', '0.96'], ['19.2', '23.4', '430', '0.93']]);
  const facts = Object.fromEntries(host.facts.map((f) => [f.label, f.value]));
  assert.is(facts['CPU model'], 'Intel(R) Xeon(R) CPU @ 2.20GHz');
  assert.is(facts['Drift of D0'], '5.9%');
  assert.is(facts['Host CPU before the run'], 'quiet: 3% of the host busy, 3% by processes outside the lab, steal 0%, over 5.0 s');
  assert.ok(host.findings.some((f) => f.startsWith("Between the probes at after Server setups: workers, gunicorn and model loading and end of the run, the compute loop's wall time changed by +12%: Maximum users within the SLO")));
  result.calibration = null;
  assert.is(build(result).host, null);
});

test('migrated results show "not measured" for what schema 1 did not record', () => {
  const view = build(structuredClone(smoke));
  const trial = view.trials.find((t) => t.measures.length > 0)!;
  const values = Object.fromEntries(trial.measures.map((m) => [m.label, m.value]));
  for (const label of ['Unfinished requests', 'Stability', "Little's law", 'Service demand and think time', 'Host CPU during the load']) {
    assert.is(values[label], 'not measured', label);
  }
  assert.is(view.host, null);
  assert.is(view.summary.host, null);
});

test('the API under test and a generated locustfile are shown; hostile text stays text', async () => {
  const result = fresh();
  result.plan = { target: { name: 'node-score', image: { ref: 'locust-lab-test/node-score:latest' }, port: 9090, health: { kind: 'http', path: '/healthz', status: 200 }, command: ['node', '/srv/server.cjs', '--port', '9090'], networks: ['proyecto-2_default'] } };
  result.generatedLocustfile = 'generated/locustfile.py';
  const files = { compose: new Map(), nginx: new Map(), generatedLocustfile: { path: 'generated/locustfile.py', text: '"x</pre><script>x</script>"\nclass U: pass\n', missing: null }, k8s: [] };
  const view = buildViewModel(result, { messages, charts: noCharts(result), files });
  assert.equal(view.facts.target.map((r) => r.value), ['node-score', 'locust-lab-test/node-score:latest', '9090', 'GET /healthz answers 200', 'node /srv/server.cjs --port 9090', 'proyecto-2_default']);
  assert.is(view.facts.generatedLocustfile!.href, 'generated/locustfile.py');
  const html = await renderReportHtml(result, { files });
  assert.match(html, 'API under test');
  assert.match(html, '&lt;/pre&gt;&lt;script&gt;');
  assert.not.match(html, '</pre><script>x');
  // Runs from before targets show no target block.
  assert.equal(build(fresh()).facts.target, []);
  assert.is(build(fresh()).facts.imported, null);
});

test("a compose import's notices are listed by kind, in both languages", async () => {
  const result = fresh();
  result.plan = { targetImport: { file: 'docker-compose.yml', service: 'api', notices: [
    { kind: 'refused', field: 'services.api.deploy.resources.limits.memory', value: '500G' },
    { kind: 'ignored', field: 'services.api.container_name', value: 'api-inferencia' },
    { kind: 'noted', field: 'services.api.networks', value: 'proyecto-2_default' },
    { kind: 'no-such-kind', field: 'x', value: null },
  ] } };
  const imported = build(result).facts.imported!;
  assert.is(imported.heading, 'From docker-compose.yml, service api: what the lab did with each field it did not take as written');
  assert.equal(imported.notices.map((n) => `${n.field} ${n.value}: ${n.text}`), [
    "services.api.deploy.resources.limits.memory 500G: refused, the value cannot be used as written; the lab's own value applies",
    'services.api.container_name api-inferencia: ignored, the lab sets it per trial',
    'services.api.networks proyecto-2_default: used, with a note printed on the console',
  ]);
  const es = buildViewModel(result, { messages: await loadMessages(TEMPLATES_DIR, 'es'), charts: noCharts(result) }).facts.imported!;
  assert.is(es.notices[0]!.text, 'rechazado, el valor no sirve tal como está escrito; se aplica el del laboratorio');
  assert.match(await renderReportHtml(result, {}), '<code>services.api.deploy.resources.limits.memory</code> <code>500G</code>: refused');
});

test.run();
