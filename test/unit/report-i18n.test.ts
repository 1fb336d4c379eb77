import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LabResult } from '../../scripts/lib/results/types.ts';
import { REPORT_LANGS, type MessageTree } from '../../scripts/lib/report/i18n.ts';
import { renderReportHtml } from '../../scripts/lib/report/render-report.ts';
import { syntheticRun } from '../../scripts/lib/report/synthetic-run.ts';
import { TEMPLATES_DIR } from '../../scripts/lib/report/templates.ts';
import { loadFixture } from './report-helpers.ts';

/**
 * Keys whose Spanish text is rightly the same as the English one: units,
 * symbols, product names and templates made only of placeholders.
 */
const SAME_IN_BOTH = new Set([
  'common.none', 'common.no', 'facts.slo', 'host.compose', 'host.locust', 'host.node', 'warnings.stageError',
  'stage.deploy.limitsValue', 'stage.sweep.cellP95', 'stage.workers.resources', 'stage.maxUsers.slo', 'trials.column.slo',
  'trials.column.p50', 'trials.column.p95', 'trials.column.p99', 'trial.oomKilled', 'trial.eventAt', 'trial.endpointsHeading',
  'endpoint.p95', 'endpoint.p99', 'endpoint.percentile', 'endpoint.seenAt', 'endpoint.error', 'chart.p50', 'chart.p95', 'chart.p95Ms', 'chart.apiCpu', 'chart.sweepP95',
  'chart.cpuCores', 'chart.mib',
  // Measurements: units and placeholders only.
  'measure.ms', 'measure.msInterval', 'measure.atLeastShort', 'measure.ratioInterval', 'measure.verdictRuns', 'verdict.missesBy',
  'stage.sweep.cellName', 'stage.replicas.p95Column', 'stage.maxUsers.p95Column', 'trial.p95', 'trial.p95WithNote', 'hostSection.demand', 'hostSection.p50', 'hostSection.idleValue',
]);

async function messagesOf(lang: string): Promise<Map<string, string>> {
  const tree = JSON.parse(await readFile(path.join(TEMPLATES_DIR, 'i18n', `${lang}.json`), 'utf8')) as MessageTree;
  const flat = new Map<string, string>();
  const walk = (node: MessageTree, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string') flat.set(prefix + key, value);
      else walk(value, `${prefix}${key}.`);
    }
  };
  walk(tree, '');
  return flat;
}

let en: Map<string, string>;
let es: Map<string, string>;
let smoke: LabResult;
test.before(async () => {
  [en, es, smoke] = await Promise.all([messagesOf('en'), messagesOf('es'), loadFixture('smoke')]);
});

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('every language has a message file', () => {
  assert.equal([...REPORT_LANGS], ['en', 'es']);
});

test('es.json has exactly the keys of en.json, with the same placeholders', () => {
  assert.equal([...es.keys()].filter((key) => !en.has(key)), [], 'keys only in es');
  assert.equal([...en.keys()].filter((key) => !es.has(key)), [], 'keys missing in es');
  for (const [key, text] of en) assert.equal(placeholders(es.get(key)!), placeholders(text), `placeholders of ${key}`);
});

test('Spanish messages differ from English ones except where the text is a unit or a name', () => {
  const same = [...en].filter(([key, text]) => key !== 'meta.locale' && es.get(key) === text).map(([key]) => key);
  assert.equal(same.filter((key) => !SAME_IN_BOTH.has(key)), [], 'untranslated keys');
  assert.equal([...SAME_IN_BOTH].filter((key) => !same.includes(key)), [], 'stale entries in SAME_IN_BOTH');
});

test('the Spanish report of the golden sample has no English template text left', async () => {
  await assertNoEnglishLeft(structuredClone(smoke));
});

test('the Spanish report of a schema-2 run (points, fits, calibration) has no English template text left', async () => {
  await assertNoEnglishLeft(syntheticRun({ trialCount: 200, seconds: 20 }));
});

/** Renders `smoke` in Spanish and fails on any English message text left in the page. */
async function assertNoEnglishLeft(smoke: LabResult): Promise<void> {
  const html = await renderReportHtml(structuredClone(smoke), { lang: 'es' });
  assert.match(html, /<html lang="es">/);
  // Page text outside data: drop SVGs (their labels are checked through the messages), code, pre and the JSON island.
  let text = html
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ').replace(/<(pre|code|script|style)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, '\n').replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&#x3D;/g, '=').replace(/&[#\w]+;/g, ' ');
  // Strings recorded from outside or by the lab as it ran (causes' details, engine errors, stage errors) are data, shown as recorded.
  const recorded = [
    ...smoke.warnings.map((w) => (w.id === 'stage-error' ? w.message : w.id === 'host-probe-missed' ? w.error : null)),
    ...smoke.trials.flatMap((trial) => [trial.cause && 'detail' in trial.cause.values ? trial.cause.values.detail : null, trial.engineError, trial.summary?.window]),
    ...Object.values(smoke.stages).map((stage) => stage?.error),
  ].filter((value): value is string => typeof value === 'string' && value.length > 0);
  for (const value of recorded.sort((a, b) => b.length - a.length)) text = text.split(value).join(' ');
  // An English message shows up in the page only as itself, so look for its fixed words
  // (the longest run of text between placeholders) rather than the whole sentence.
  const leftovers: string[] = [];
  for (const [key, message] of en) {
    if (SAME_IN_BOTH.has(key) || key === 'meta.locale') continue;
    const fixed = message.split(/\{\w+\}/).map((part) => part.trim()).sort((a, b) => b.length - a.length)[0] ?? '';
    if (fixed.length < 12 || es.get(key)!.includes(fixed)) continue;
    if (text.includes(fixed)) leftovers.push(`${key}: ${fixed}`);
  }
  assert.equal(leftovers, []);
  assert.ok(text.includes('Memoria mínima') && text.includes('Hallazgos'), 'Spanish headings are there');
}

test('Spanish numbers use the Spanish locale', async () => {
  const html = await renderReportHtml(structuredClone(smoke), { lang: 'es' });
  assert.ok(html.includes('23,5'), 'decimal comma for the host memory');
  assert.match(html, /\+70,2\s%/, 'signed percent with a comma and a (non-breaking) space');
});

test.run();
