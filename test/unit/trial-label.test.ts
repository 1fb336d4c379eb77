import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { trialLabel } from '../../scripts/lib/report/trial-label.ts';
import { loadMessages } from '../../scripts/lib/report/i18n.ts';
import { createFormatters } from '../../scripts/lib/report/format.ts';
import { TEMPLATES_DIR } from '../../scripts/lib/report/templates.ts';
import type { TrialSpec } from '../../scripts/lib/results/types.ts';

const [en, es] = await Promise.all([loadMessages(TEMPLATES_DIR, 'en'), loadMessages(TEMPLATES_DIR, 'es')]);
const label = (spec: Partial<TrialSpec>, messages = en) => trialLabel({
  label: 'recorded', setup: 'baseline · uvicorn ×1', cpus: 0.75, memoryMb: 1536, replicas: 1, loadBalancer: false, ramp: null, users: 100, ...spec,
} as TrialSpec, messages, createFormatters(messages.locale));

test('the setup stays as named; limits, replicas and the crowd follow the language', () => {
  assert.is(label({}), 'baseline · uvicorn ×1 · 0.75 CPU · 1,536 MiB · 100 users');
  assert.is(label({}, es), 'baseline · uvicorn ×1 · 0,75 CPU · 1536 MiB · 100 usuarios');
  assert.is(label({ replicas: 2, loadBalancer: true }, es), 'baseline · uvicorn ×1 · 0,75 CPU · 1536 MiB · ×2 detrás de nginx · 100 usuarios');
  assert.is(label({ replicas: 2 }), 'baseline · uvicorn ×1 · 0.75 CPU · 1,536 MiB · ×2 · 100 users');
  assert.is(label({ ramp: { steps: [12, 25, 50], stepS: 15 } }), 'baseline · uvicorn ×1 · 0.75 CPU · 1,536 MiB · ramp 12→25→50 users');
});

test('one user is singular (Intl.PluralRules)', () => {
  assert.is(label({ users: 1 }), 'baseline · uvicorn ×1 · 0.75 CPU · 1,536 MiB · 1 user');
  assert.is(label({ users: 1 }, es), 'baseline · uvicorn ×1 · 0,75 CPU · 1536 MiB · 1 usuario');
});

test('older results: the setup is read off a label of the lab\'s shape; any other label is shown as recorded', () => {
  assert.is(label({ setup: undefined, label: 'optimized · gunicorn ×2 · 1 CPU · 2816 MiB · 100 users' }, es), 'optimized · gunicorn ×2 · 0,75 CPU · 1536 MiB · 100 usuarios');
  assert.is(label({ setup: undefined, label: 'my hand-made trial' }), 'my hand-made trial');
});

test.run();
