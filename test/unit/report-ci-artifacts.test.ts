import { stageGate } from '../../scripts/lib/analyze/stage-gate.ts';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LabResult } from '../../scripts/lib/results/types.ts';
import { ciArtifacts } from '../../scripts/lib/report/ci-artifacts.ts';
import { loadMessages } from '../../scripts/lib/report/i18n.ts';
import { escapeXml } from '../../scripts/lib/report/junit-xml.ts';
import { TEMPLATES_DIR } from '../../scripts/lib/report/templates.ts';
import { loadFixture } from './report-helpers.ts';

let smoke: LabResult;
test.before(async () => {
  smoke = await loadFixture('smoke');
});
const fresh = () => structuredClone(smoke);

/** Tags open and close in order: enough to catch broken XML from a template bug. */
function assertBalanced(xml: string): void {
  const stack: string[] = [];
  for (const [, close, name, selfClosing] of xml.replace(/<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([a-zA-Z-]+)[^>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (close) assert.is(stack.pop(), name, `closing ${name}`);
    else stack.push(name!);
  }
  assert.equal(stack, []);
}

test('one testcase per stage verdict; SLO checks and lab checks in their own suites', () => {
  const { junitXml, checks } = ciArtifacts(fresh());
  assert.is(checks.length, 7);
  assert.is((junitXml.match(/<testcase /g) ?? []).length, 7);
  assert.equal(checks.filter((c) => c.kind === 'slo').map((c) => c.stage), ['sweep', 'workers', 'maxUsers']);
  assert.match(junitXml, /<testsuite name="locust-lab slo · [^"]+" tests="3" failures="0"/);
  assertBalanced(junitXml);
});

test('the golden sample meets the SLO; the hold that moved the answer down is said, not failed', () => {
  const { sloPassed, markdown, checks } = ciArtifacts(fresh());
  assert.ok(sloPassed);
  assert.ok(checks.find((c) => c.stage === 'maxUsers')!.message.includes('was not held steadily'));
  assert.ok(markdown.startsWith('## ✅ '));
  assert.ok(markdown.includes('| How many users fit within the SLO? | 40 users; the next crowd measured, 80 users, misses the SLO'));
});

test('a sweep with no passing cell fails the SLO gate with a JUnit failure', () => {
  const result = fresh();
  result.stages.sweep!.minimum = null;
  for (const cell of result.stages.sweep!.cells) cell.pass = false;
  result.gate = stageGate(result); // the analysis decides the gate, and the artifacts only read it
  const { sloPassed, junitXml, markdown } = ciArtifacts(result);
  assert.not.ok(sloPassed);
  assert.match(junitXml, /<testcase classname="locust-lab\.slo\.sweep"[^>]*>\s*<failure message="None of the 4 cells served 20 users/);
  assert.ok(markdown.startsWith('## ❌ '));
});

test('a lab check failing (OOM not reproduced) does not gate the SLO', () => {
  const result = fresh();
  result.stages.deploy!.reproduced = false;
  result.gate = stageGate(result);
  const { sloPassed, junitXml } = ciArtifacts(result);
  assert.ok(sloPassed);
  assert.match(junitXml, /classname="locust-lab\.lab\.deploy"[^>]*>\s*<failure /);
});

test('a stage error fails its check and is quoted', () => {
  const result = fresh();
  result.stages.workers!.error = 'matrix aborted';
  result.gate = stageGate(result);
  const check = ciArtifacts(result).checks.find((c) => c.stage === 'workers')!;
  assert.not.ok(check.pass);
  assert.ok(check.message.endsWith('The stage reported: matrix aborted'));
});

test('no stage ran: nothing to gate on, and the summary says so', () => {
  const result = fresh();
  result.stages = {};
  const { sloPassed, markdown, junitXml } = ciArtifacts(result);
  assert.ok(sloPassed);
  assert.ok(markdown.includes('No stage verdict was recorded'));
  assertBalanced(junitXml);
});

test('hostile text is escaped in XML and cannot break a markdown table', () => {
  const result = fresh();
  result.runId = '</testsuite><x a="1">&';
  for (const config of result.stages.workers!.configs) config.label = 'a | b\n<script>';
  const { junitXml, markdown } = ciArtifacts(result);
  assert.not.ok(junitXml.includes('</testsuite><x'));
  assert.ok(junitXml.includes(escapeXml(result.runId)));
  assertBalanced(junitXml);
  assert.ok(markdown.includes('a \\| b <script>'), 'pipes escaped and newlines flattened');
  assert.is(escapeXml('a\u0001b"\''), 'ab&quot;&apos;');
});

test('the summary can be written in Spanish', async () => {
  const { markdown } = ciArtifacts(fresh(), await loadMessages(TEMPLATES_DIR, 'es'));
  assert.ok(markdown.includes('se cumple el SLO'));
  assert.ok(markdown.includes('¿Cuánta memoria necesita la API?'));
});

test.run();
