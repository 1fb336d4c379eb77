import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LabResult, TrialResult } from '../../scripts/lib/results/types.ts';
import { MAX_TIMELINE_CHARTS, buildChartSpecs, drawnTimelines, timelinePoints } from '../../scripts/lib/report/charts/build-chart-specs.ts';
import { PAGE_WIDTH } from '../../scripts/lib/report/charts/chart-style.ts';
import { memoryFloorChart } from '../../scripts/lib/report/charts/memory-floor-chart.ts';
import { replicasChart } from '../../scripts/lib/report/charts/replicas-chart.ts';
import { sweepChart } from '../../scripts/lib/report/charts/sweep-chart.ts';
import { DEFAULT_TIMELINE_POINTS, timelineChart } from '../../scripts/lib/report/charts/timeline-chart.ts';
import { usersCurveChart } from '../../scripts/lib/report/charts/users-curve-chart.ts';
import { workerSeriesName, workersChart } from '../../scripts/lib/report/charts/workers-chart.ts';
import { createFormatters } from '../../scripts/lib/report/format.ts';
import { loadMessages, type Messages } from '../../scripts/lib/report/i18n.ts';
import { loadStart, timelineMarkers } from '../../scripts/lib/report/load-start.ts';
import { renderSvg } from '../../scripts/lib/report/svg.ts';
import { syntheticRun } from '../../scripts/lib/report/synthetic-run.ts';
import { TEMPLATES_DIR } from '../../scripts/lib/report/templates.ts';
import { loadFixture } from './report-helpers.ts';

let smoke: LabResult;
let messages: Messages;
const f = createFormatters('en-US');
test.before(async () => {
  [smoke, messages] = await Promise.all([loadFixture('smoke'), loadMessages(TEMPLATES_DIR, 'en')]);
});

/** Every inline data row of a spec, wherever it sits. */
function rows(spec: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const values = (node as { data?: { values?: unknown } }).data?.values;
      if (Array.isArray(values)) out.push(...(values as Record<string, unknown>[]));
      Object.values(node).forEach(walk);
    }
  };
  walk(spec);
  return out;
}
const trialOf = (id: string): TrialResult => structuredClone(smoke.trials.find((trial) => trial.spec.id === id)!);

test('chart specs are pure data: inline values only, never a URL', () => {
  const specs = buildChartSpecs(structuredClone(smoke), messages.t, f);
  const json = JSON.stringify(specs);
  assert.not.ok(json.includes('"url"'));
  assert.equal(JSON.parse(JSON.stringify(buildChartSpecs(structuredClone(smoke), messages.t, f))), JSON.parse(json), 'same input, same specs');
});

test('memory floor: one panel per search, floor and recommendation rules, every probe', () => {
  const stage = smoke.stages.memoryFloor!;
  const spec = memoryFloorChart(stage, messages.t) as unknown as { vconcat: unknown[] };
  assert.is(spec.vconcat.length, 2);
  const data = rows(spec);
  assert.is(data.filter((row) => 'order' in row).length, (stage.serve.probes.length + stage.load.probes.length) * 3, 'line, points and labels');
  assert.ok(data.some((row) => row.label === `floor ${stage.load.floorMb} MiB`));
  assert.ok(data.some((row) => row.label === `recommended ${stage.recommendedMb} MiB`));
  assert.ok(data.some((row) => row.outcome === messages.t('probe.oom-at-first-request')));
  assert.is(memoryFloorChart({ ...stage, serve: { ...stage.serve, probes: [] }, load: { ...stage.load, probes: [] } }, messages.t), null);
});

test('sweep: two heatmaps over the same cells, passing cells marked', () => {
  const stage = smoke.stages.sweep!;
  const spec = sweepChart(stage, smoke.slo, messages.t, f) as unknown as { hconcat: unknown[] };
  assert.is(spec.hconcat.length, 2);
  const cells = rows(spec.hconcat[0]).filter((row) => 'pass' in row);
  assert.is(cells.length, stage.cells.length);
  for (const cell of cells) assert.is(String(cell.p95Text).startsWith('✓'), cell.pass, String(cell.p95Text));
  assert.match(JSON.stringify(spec), /"filter":"datum.pass"/);
});

test('workers: grouped bars per crowd, Pareto front starred, SLO lines on p95 and failures', () => {
  const stage = smoke.stages.workers!;
  const spec = workersChart(stage, smoke.slo, messages.t) as unknown as { vconcat: unknown[] };
  assert.is(spec.vconcat.length, 3);
  for (const id of stage.paretoFront) assert.ok(workerSeriesName(stage, id).startsWith('★ '), id);
  const bars = rows(spec.vconcat[0]).filter((row) => 'config' in row);
  assert.is(bars.length, stage.cells.length);
  assert.ok(rows(spec.vconcat[1]).some((row) => row.v === smoke.slo.p95Ms));
  assert.ok(rows(spec.vconcat[2]).some((row) => row.v === smoke.slo.maxFailureRatio * 100));
});

test('latency against users: the curve, the SLO line, last passing, first failing and knee', () => {
  const stage = smoke.stages.maxUsers!;
  const spec = usersCurveChart(stage, smoke.slo, messages.t);
  const labels = rows(spec).map((row) => row.label);
  assert.ok(labels.includes(`last passing: ${stage.lastPassingUsers}`));
  assert.ok(labels.includes(`first failing: ${stage.firstFailingUsers}`));
  assert.ok(labels.includes(`knee: ${stage.knee}`));
  assert.ok(labels.includes(messages.t('chart.sloP95')));
  assert.is(usersCurveChart({ ...stage, curve: [] }, smoke.slo, messages.t), null);
});

test('replicas: one bar per setup; nothing to draw without numbers', () => {
  const stage = smoke.stages.replicas!;
  const spec = replicasChart(stage, messages.t, f) as unknown as { hconcat: unknown[] };
  assert.is(rows(spec.hconcat[0]).length, 2);
  assert.is(replicasChart({ ...stage, single: null, balanced: null }, messages.t, f), null);
});

test('timeline markers: OOM kills on the timeline clock, estimated without loadStartedAt', () => {
  const trial = trialOf('memory-floor-serve-96m');
  const zero = loadStart(trial)!;
  assert.is(zero.estimated, true);
  assert.is(zero.ms, Date.parse(trial.timing.startedAt) + trial.timing.setupMs);
  const markers = timelineMarkers(trial);
  assert.equal(markers.map((m) => m.kind), ['oom'], 'the die right after the oom is one event');
  trial.timing.loadStartedAt = new Date(zero.ms - 2000).toISOString();
  assert.is(loadStart(trial)!.estimated, false);
  assert.is(timelineMarkers(trial)[0]!.s, Math.round((markers[0]!.s + 2) * 10) / 10);
  const spec = timelineChart(trial, messages.t);
  assert.ok(rows(spec).some((row) => row.label === messages.t('chart.marker.oom')));
});

test('timeline: marker labels a few seconds apart take separate rows instead of overlapping', () => {
  const trial = trialOf('memory-floor-serve-96m');
  const oom = trial.containers[0]!.events.find((event) => event.action === 'oom')!;
  // Three OOM kills 0.5 s apart, then one far later.
  trial.containers[0]!.events = [0, 500, 1000, 30_000].map((dt) => ({ ...oom, t: oom.t + dt }));
  const top = (timelineChart(trial, messages.t) as unknown as { vconcat: { layer: { mark: { type: string; y?: number }; data?: { values: { s: number }[] } }[] }[] }).vconcat[0]!;
  const placed = top.layer.filter((layer) => layer.mark.type === 'text').flatMap((layer) => layer.data!.values.map((value) => [value.s, layer.mark.y]));
  assert.equal(placed.sort((a, b) => a[0]! - b[0]!).map(([, y]) => y), [2, 14, 26, 2], 'three rows, then the first again');
});

test('timeline: series are downsampled with LTTB to the point budget', () => {
  const trial = syntheticRun({ trialCount: 1, seconds: 600 }).trials[0]!;
  const spec = timelineChart(trial, messages.t, { maxPoints: 80 }) as unknown as { vconcat: { layer: { data?: { values?: unknown[] } }[] }[] };
  const latency = spec.vconcat[1]!.layer[0]!.data!.values!;
  assert.ok(latency.length <= 160 && latency.length > 100, `p50 + p95 at 80 points each, got ${latency.length}`);
  assert.is(timelinePoints(10), DEFAULT_TIMELINE_POINTS);
  assert.is(timelinePoints(200), 60);
});

test('timeline: replicas are summed, so the resource panel is per replica', () => {
  const trial = trialOf('replicas-nginx-x2');
  const spec = timelineChart(trial, messages.t) as unknown as { vconcat: { title: string }[] };
  assert.is(spec.vconcat[2]!.title, messages.t('chart.resourcesPanelReplicas', { replicas: 2 }));
});

test('timeline: a limit outside a fixed axis is left out, so the chart keeps its size', async () => {
  const trial = structuredClone(smoke.trials[0]!);
  // An API that never answered: all-zero latencies get a fixed 0..1 axis, far below a 1000 ms SLO.
  trial.timeline = trial.timeline.map((point) => ({ ...point, p50Ms: 0, p95Ms: 0 }));
  const svg = await renderSvg(timelineChart(trial, messages.t, { slo: { ...smoke.slo, p95Ms: 1000 } })!);
  const height = Number(/<svg[^>]* height="([\d.]+)"/.exec(svg)?.[1]);
  assert.ok(height > 100 && height < 1000, `timeline height ${height}`);
  assert.not.match(svg, /clip-path|id="/, 'no ids: a chart may be shown twice on a page');
});

test('a large run draws at most MAX_TIMELINE_CHARTS timelines, answers and failures first', () => {
  const run = syntheticRun({ trialCount: 200, seconds: 20 });
  const drawn = drawnTimelines(run);
  assert.is(drawn.size, MAX_TIMELINE_CHARTS);
  assert.ok(drawn.has(run.stages.deploy!.trialId), 'the failed deploy trial');
  assert.ok(drawn.has(run.stages.sweep!.minimum!.trialId), 'the sweep answer');
  assert.is(drawnTimelines(smoke).size, smoke.trials.length, 'a small run draws them all');
});

test('every stage chart of the golden sample renders to SVG with its labels', async () => {
  // The fixture predates the capacity plan; the synthetic run stores one as the lab would.
  const run = { ...structuredClone(smoke), capacity: syntheticRun({ trialCount: 200, seconds: 20 }).capacity! };
  const specs = buildChartSpecs(run, messages.t, f);
  for (const [key, spec] of Object.entries(specs.stages)) {
    assert.ok(spec, key);
    const svg = await renderSvg(spec);
    assert.match(svg, /<path d="M/, `${key} draws`);
  }
  const floor = await renderSvg(specs.stages.memoryFloor!);
  assert.ok(floor.includes(`floor ${smoke.stages.memoryFloor!.load.floorMb} MiB`));
  const capacity = await renderSvg(specs.stages.capacity!);
  assert.ok(run.capacity.replicas, `the synthetic run has a plan (${run.capacity.verdict})`);
  assert.ok(capacity.includes(`${run.capacity.replicas!.count} replicas`), 'the plan\'s replica count is drawn');
});

test('every chart of the golden sample fits the width of A4 (PAGE_WIDTH) in both languages, so it prints at full size', async () => {
  // Spanish labels are longer: the legends widen and the plots narrow.
  const es = await loadMessages(TEMPLATES_DIR, 'es');
  for (const [t, formats] of [[messages.t, f], [es.t, createFormatters('es-ES')]] as const) {
    const specs = buildChartSpecs(structuredClone(smoke), t, formats);
    for (const spec of [...Object.values(specs.stages), ...specs.timelines]) {
      if (spec === null) continue;
      const width = Number(/<svg[^>]* width="([\d.]+)"/.exec(await renderSvg(spec))?.[1]);
      assert.ok(width > 0 && width <= PAGE_WIDTH, `${spec.description}: ${width} px`);
    }
  }
  // Axis notes (subtitles) stay within the page too, in Spanish.
  const fes = createFormatters('es-ES');
  const workers = structuredClone(smoke.stages.workers!);
  workers.cells = workers.cells.map((cell, i) => ({ ...cell, p95Ms: i === 0 ? 60_000 : 300 + i }));
  const replicas = structuredClone(smoke.stages.replicas!);
  // The chart reads these fields of a run.
  replicas.runs = [1, 1, 2].map((n, i) => ({ replicas: n, cpus: 0.5 + i, rps: 20 + i, p95Ms: [90_000, 500, 300][i]! })) as unknown as typeof replicas.runs;
  const spiky = trialOf('replicas-nginx-x2');
  spiky.timeline = spiky.timeline.map((point, i) => ({ ...point, p50Ms: i === 5 ? 4000 : 20, p95Ms: 40 }));
  for (const spec of [workersChart(workers, smoke.slo, es.t, fes), replicasChart(replicas, es.t, fes), timelineChart(spiky, es.t, { f: fes })]) {
    const svg = await renderSvg(spec!, 'es-ES');
    assert.match(svg, /eje cortado|escala logarítmica/);
    const width = Number(/<svg[^>]* width="([\d.]+)"/.exec(svg)?.[1]);
    assert.ok(width <= PAGE_WIDTH, `${spec!.description}: ${width} px`);
  }
  // A wider sweep than the sample's: five CPU limits still sit side by side within the page.
  const sweep = structuredClone(smoke.stages.sweep!);
  sweep.cells = [0.25, 0.5, 1, 1.5, 2].flatMap((cpus) => sweep.cells.map((cell) => ({ ...cell, cpus })));
  const svg = await renderSvg(sweepChart(sweep, smoke.slo, messages.t, f)!);
  assert.ok(Number(/<svg[^>]* width="([\d.]+)"/.exec(svg)?.[1]) <= PAGE_WIDTH, 'five CPU limits');
});

test('legends list only what occurred: probe outcomes, curve sources, setups, timeline series', () => {
  const floor = memoryFloorChart(smoke.stages.memoryFloor!, messages.t);
  const classes = new Set([smoke.stages.memoryFloor!.serve, smoke.stages.memoryFloor!.load].flatMap((search) => search.probes.map((probe) => messages.t(`probe.${probe.class}`))));
  const floorDomain = /"field":"outcome"[^}]*"scale":\{"domain":(\[[^\]]*\])/.exec(JSON.stringify(floor))![1]!;
  assert.equal(new Set(JSON.parse(floorDomain)), classes);

  const stage = smoke.stages.maxUsers!;
  const onlyRamp = { ...stage, curve: stage.curve.filter((point) => point.source === 'ramp') };
  const shapeDomain = /"field":"source"[^}]*"scale":\{"domain":(\[[^\]]*\])/.exec(JSON.stringify(usersCurveChart(onlyRamp, smoke.slo, messages.t)))![1]!;
  assert.equal(JSON.parse(shapeDomain), [messages.t('chart.curveSource.ramp')]);

  const workers = smoke.stages.workers!;
  const oneSetup = { ...workers, cells: workers.cells.filter((cell) => cell.configId === workers.cells[0]!.configId) };
  const setupDomain = /"field":"config"[^}]*"scale":\{"domain":(\[[^\]]*\])/.exec(JSON.stringify(workersChart(oneSetup, smoke.slo, messages.t)))![1]!;
  assert.equal(JSON.parse(setupDomain), [workerSeriesName(workers, workers.cells[0]!.configId)]);

  // Without a memory limit the resource panel draws CPU only, and its legend says so.
  const trial = trialOf('replicas-nginx-x2');
  trial.appliedLimits = null;
  const json = JSON.stringify(timelineChart(trial, messages.t));
  assert.ok(json.includes(`"domain":[${JSON.stringify(messages.t('chart.apiCpu'))}]`), 'CPU alone');
  assert.not.ok(json.includes(JSON.stringify(messages.t('chart.apiMemory'))));
});

test('timeline: a latency spike far above its series turns the axis logarithmic, and the panel says so', async () => {
  const trial = trialOf('replicas-nginx-x2');
  trial.timeline = trial.timeline.map((point, i) => ({ ...point, p50Ms: i === 5 ? 4000 : 20, p95Ms: 40 }));
  const spec = timelineChart(trial, messages.t, { f }) as unknown as { vconcat: { title: unknown; layer: { encoding?: { y?: { scale?: { type?: string } } } }[] }[] };
  const latency = spec.vconcat[1]!;
  assert.is(latency.layer[0]!.encoding!.y!.scale!.type, 'log');
  assert.equal(latency.title, { text: messages.t('chart.latencyMs'), subtitle: messages.t('chart.logAxisSeriesNote', { series: 'p50', max: '4,000', median: '20' }) });
  assert.match(await renderSvg(spec as never), /log scale/);
  // p95 at ten times p50 is two series apart, not an outlier.
  trial.timeline = trial.timeline.map((point) => ({ ...point, p50Ms: 20, p95Ms: 400 }));
  const plain = timelineChart(trial, messages.t, { f }) as unknown as { vconcat: { title: unknown }[] };
  assert.is(plain.vconcat[1]!.title, messages.t('chart.latencyMs'));
});

test('workers: one p95 far above the others cuts the axis at a stated value and names the cut bar', async () => {
  const stage = structuredClone(smoke.stages.workers!);
  stage.cells = stage.cells.map((cell, i) => ({ ...cell, p95Ms: i === 0 ? 60_000 : 300 + i }));
  const spec = workersChart(stage, smoke.slo, messages.t, f)!;
  const json = JSON.stringify(spec);
  assert.match(json, /"domain":\[0,2000\],"clamp":true/, 'cut at 2,000 ms: above 3 × the median and 1.2 × the 1,000 ms SLO');
  const svg = await renderSvg(spec);
  assert.ok(svg.includes('axis cut at 2,000 ms'));
  assert.ok(svg.includes('60,000 ms'), 'the cut bar keeps its value in the note');
  assert.not.match(JSON.stringify(workersChart(smoke.stages.workers!, smoke.slo, messages.t, f)), /"clamp":true/, 'no cut without an outlier');
});

test.run();
