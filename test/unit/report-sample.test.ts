// The committed sample (reports/sample/, a real quick-profile run) renders as
// a complete notebook: the README links it, so it must stay true to its data.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderReport } from '../../scripts/lib/report/render-report.ts';
import { loadLabResult } from '../../scripts/lib/report/load-result.ts';
import type { LabResult } from '../../scripts/lib/results/types.ts';
import { sectionOf } from './report-helpers.ts';

const SAMPLE = fileURLToPath(new URL('../../reports/sample/', import.meta.url));
let dir: string;
let html: string;
let result: LabResult;

test.before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'locust-lab-sample-'));
  await cp(SAMPLE, dir, { recursive: true });
  html = await readFile((await renderReport(dir)).htmlPath, 'utf8');
  result = await loadLabResult(dir);
});
test.after(() => rm(dir, { recursive: true, force: true }));

const text = (fragment: string) => fragment.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

test('the sample is a quick-profile run with every stage verdict', () => {
  assert.is(result.profile, 'quick');
  for (const key of ['publish', 'deploy', 'memoryFloor', 'sweep', 'replicas', 'workers', 'maxUsers'] as const) assert.ok(result.stages[key], key);
});

test('every stage section is there, with findings and a chart where the stage has one', () => {
  for (const id of ['stage-publish', 'stage-deploy', 'stage-memory-floor', 'stage-sweep', 'stage-replicas', 'stage-workers', 'stage-max-users']) {
    assert.match(sectionOf(html, id), /<div class="findings">[\s\S]*?<li>/, id);
  }
  for (const id of ['stage-memory-floor', 'stage-sweep', 'stage-replicas', 'stage-workers', 'stage-max-users']) {
    assert.match(sectionOf(html, id), /<svg[\s\S]*?<path d="M[^"]{4,}"/, `${id} chart`);
  }
});

test('the summary states the numbers of lab-result.json', () => {
  const summary = text(sectionOf(html, 'summary'));
  const { memoryFloor, sweep, maxUsers } = result.stages;
  // A stage may end without an answer (an undecided or missed SLO): its numbers are then absent.
  const numbers = [memoryFloor!.serve.floorMb, memoryFloor!.load.floorMb, memoryFloor!.recommendedMb, sweep!.minimum?.memoryMb, maxUsers!.lastPassingUsers, maxUsers!.firstFailingUsers];
  for (const n of numbers.filter((x): x is number => x != null)) {
    assert.ok(summary.includes(n.toLocaleString('en-US')), `summary lacks ${n}`);
  }
});

test('nothing is loaded from outside the run folder', () => {
  for (const [, url] of html.matchAll(/(?:src|href)="([^"]*)"/g)) {
    assert.not.match(url!, /^(https?:)?\/\//, url);
  }
});

test.run();
