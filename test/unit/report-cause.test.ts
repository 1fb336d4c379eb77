import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadMessages, type Messages } from '../../scripts/lib/report/i18n.ts';
import { TEMPLATES_DIR } from '../../scripts/lib/report/templates.ts';
import { causeDetail, localizedCause } from '../../scripts/lib/report/trial-view.ts';
import { CAUSE_IDS } from '../../scripts/lib/results/known-literals.ts';
import type { TrialCause, TrialResult } from '../../scripts/lib/results/types.ts';
import { loadFixture } from './report-helpers.ts';

let en: Messages;
let es: Messages;
let trial: TrialResult;
test.before(async () => {
  [en, es] = await Promise.all([loadMessages(TEMPLATES_DIR, 'en'), loadMessages(TEMPLATES_DIR, 'es')]);
  trial = (await loadFixture('basic')).trials.find((t) => t.status === 'oom-killed')!;
});

// One cause of each id, with values as classify-trial writes them.
const CAUSES: Record<TrialCause['id'], TrialCause> = {
  'engine-refused': { id: 'engine-refused', values: { detail: 'port is already allocated' } },
  'oom-killed-process': { id: 'oom-killed-process', values: { phase: 'under-load' } },
  'killed-by-signal': { id: 'killed-by-signal', values: { signal: 9, exit: 137, phase: 'under-load' } },
  'oom-killed': { id: 'oom-killed', values: { exit: 137, phase: 'first-request' } },
  'oom-suspected': { id: 'oom-suspected', values: { exit: 137, phase: 'startup' } },
  exited: { id: 'exited', values: { exit: null, phase: 'after-load' } },
  'never-healthy': { id: 'never-healthy', values: { timeoutS: 60 } },
  'locust-timeout': { id: 'locust-timeout', values: { runTimeS: 150 } },
  'locust-failed': { id: 'locust-failed', values: { exit: 2, detail: 'Traceback (most recent call last)' } },
  'locust-no-stats': { id: 'locust-no-stats', values: { exit: null, detail: null } },
  'locust-unreachable': { id: 'locust-unreachable', values: { detail: 'ConnectionRefusedError(111)' } },
  unknown: { id: 'unknown', values: { detail: 'Something an older lab wrote' } },
};

const word = (cause: TrialCause, messages: Messages) => localizedCause({ ...trial, status: 'crashed', cause }, messages)!;

test('every cause id has a message in both languages, with every placeholder filled', () => {
  for (const id of CAUSE_IDS) {
    for (const messages of [en, es]) {
      assert.ok(messages.has(`cause.${id}`), `${messages.lang}: cause.${id}`);
      const text = word(CAUSES[id], messages);
      assert.not.match(text, /[{}]/, `${messages.lang}: ${text}`);
    }
  }
});

test('the report words a cause from its values, in English and Spanish', () => {
  assert.is(word(CAUSES['oom-killed'], en), 'OOM-killed (exit 137) on the first request');
  assert.is(word(CAUSES['oom-killed'], es), 'muerta por falta de memoria (OOM, código 137) en la primera petición');
  assert.is(word(CAUSES['killed-by-signal'], en), 'killed from outside (signal 9) under load; exit code 137');
  assert.is(word(CAUSES['killed-by-signal'], es), 'terminada desde fuera (señal 9) bajo carga; código 137');
  assert.is(word(CAUSES.exited, en), 'exited with code ? after the load stopped');
  assert.is(word(CAUSES['never-healthy'], es), 'no estuvo lista en 60 s');
  assert.is(word(CAUSES['locust-timeout'], en), 'Locust outlived its 150 s limit and was stopped');
});

test("outside text stays out of our sentence and is shown apart, as recorded; the engine's refusal has its own row", () => {
  for (const messages of [en, es]) {
    assert.not.ok(word(CAUSES['locust-failed'], messages).includes('Traceback'));
    assert.not.ok(word(CAUSES.unknown, messages).includes('older lab wrote'));
  }
  assert.is(causeDetail(CAUSES['locust-failed']), 'Traceback (most recent call last)');
  assert.is(causeDetail(CAUSES.unknown), 'Something an older lab wrote');
  assert.is(causeDetail(CAUSES['engine-refused']), null);
  assert.is(causeDetail(CAUSES['oom-killed']), null);
  assert.is(causeDetail(null), null);
});

test('a passed trial has no cause; a failed one without a recorded cause reads as its status', () => {
  assert.is(localizedCause({ ...trial, status: 'passed', cause: null }, en), null);
  assert.is(localizedCause({ ...trial, status: 'unhealthy', cause: null }, es), es.t('status.unhealthy'));
});

test.run();
