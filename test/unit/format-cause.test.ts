import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatCause } from '../../scripts/lib/cli/format-cause.ts';
import { CAUSE_IDS } from '../../scripts/lib/results/known-literals.ts';

test('the console words each cause id with its values and appends outside text as recorded', () => {
  assert.is(formatCause(null), '');
  assert.is(formatCause({ id: 'oom-killed', values: { exit: 137, phase: 'first-request' } }), 'OOM-killed (exit 137, OOMKilled) on the first request');
  assert.is(formatCause({ id: 'exited', values: { exit: null, phase: 'startup' } }), 'The API exited with code unknown while starting, before any load');
  assert.is(formatCause({ id: 'locust-no-stats', values: { exit: 1, detail: 'ZeroDivisionError' } }), 'Locust failed (exit 1) and wrote no statistics: ZeroDivisionError');
  assert.is(formatCause({ id: 'unknown', values: { detail: 'as an older lab wrote it' } }), 'as an older lab wrote it');
  assert.is(CAUSE_IDS.length, 12);
});

test.run();
