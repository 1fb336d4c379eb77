import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile } from 'node:fs/promises';
import { causeFromSentence, migrateV3 } from '../../scripts/lib/results/migrate-v3.ts';
import { validateLabResult } from '../../scripts/lib/report/load-result.ts';
import { formatCause } from '../../scripts/lib/cli/format-cause.ts';
import type { TrialCause } from '../../scripts/lib/results/types.ts';

// Every form analyze/classify-trial.ts wrote in schema 3, and the cause it stands for now.
const SENTENCES: [string, TrialCause][] = [
  ['The engine refused to start the API: Bind for 127.0.0.1:18000 failed: port is already allocated\nEncountered errors while bringing up the project.',
    { id: 'engine-refused', values: { detail: 'Bind for 127.0.0.1:18000 failed: port is already allocated\nEncountered errors while bringing up the project.' } }],
  ['The OOM killer killed a process of the API under load; the container kept running with the processes left', { id: 'oom-killed-process', values: { phase: 'under-load' } }],
  ['The API was killed from outside (signal 9, e.g. docker kill) under load; exit 137', { id: 'killed-by-signal', values: { signal: 9, exit: 137, phase: 'under-load' } }],
  ['The API was killed from outside (signal 15, e.g. docker kill) after the load ended; exit unknown', { id: 'killed-by-signal', values: { signal: 15, exit: null, phase: 'after-load' } }],
  ['OOM-killed (exit 137, OOMKilled) on the first request', { id: 'oom-killed', values: { exit: 137, phase: 'first-request' } }],
  ['OOM-killed (exit 137 (SIGKILL), OOMKilled not reported) while starting, before any load', { id: 'oom-suspected', values: { exit: 137, phase: 'startup' } }],
  ['The API exited with code 3 under load', { id: 'exited', values: { exit: 3, phase: 'under-load' } }],
  ['/health did not answer within 60 s', { id: 'never-healthy', values: { timeoutS: 60 } }],
  ['Locust did not stop by itself after its 150 s cap and was killed', { id: 'locust-timeout', values: { runTimeS: 150 } }],
  ['Locust failed (exit 2)', { id: 'locust-failed', values: { exit: 2, detail: null } }],
  ['Locust failed (exit none) and wrote no statistics: RuntimeError: boom', { id: 'locust-no-stats', values: { exit: null, detail: 'RuntimeError: boom' } }],
  ['Locust could not reach its target: ConnectionRefusedError(111)', { id: 'locust-unreachable', values: { detail: 'ConnectionRefusedError(111)' } }],
  ['Locust could not reach its target', { id: 'locust-unreachable', values: { detail: null } }],
];

test('every sentence schema 3 wrote becomes its message id and values', () => {
  for (const [sentence, cause] of SENTENCES) assert.equal(causeFromSentence(sentence, null), cause, sentence);
});

test('the console words a migrated cause as schema 3 did', () => {
  for (const [sentence, cause] of SENTENCES) assert.is(formatCause(cause), sentence);
});

test("schema 1's shorter OOM sentence and the recorded phase are read too; an unknown sentence is kept as detail", () => {
  assert.equal(causeFromSentence('OOM-killed (exit 137) on the first request', null), { id: 'oom-killed', values: { exit: 137, phase: 'first-request' } });
  assert.equal(causeFromSentence('The API exited with code 1 sometime', 'under-load'), { id: 'unknown', values: { detail: 'The API exited with code 1 sometime' } });
  assert.equal(causeFromSentence('Something new went wrong', 'startup'), { id: 'unknown', values: { detail: 'Something new went wrong' } });
});

test('a schema-3 file loads as schema 4 with every cause as an id (the committed quick sample)', async () => {
  const text = await readFile('test/fixtures/results/v3-sample.json', 'utf8');
  const before = JSON.parse(text) as { schemaVersion: number; trials: { cause: string | null; status: string }[] };
  assert.is(before.schemaVersion, 3);
  const result = validateLabResult(JSON.parse(text), 'v3-sample.json');
  assert.is(result.schemaVersion, 4);
  result.trials.forEach((trial, i) => {
    assert.is(trial.cause === null, before.trials[i]!.cause === null, trial.spec.id);
    assert.ok(trial.cause === null || trial.cause.id !== 'unknown', `${trial.spec.id}: ${before.trials[i]!.cause}`);
    if (trial.cause) assert.is(formatCause(trial.cause), before.trials[i]!.cause);
  });
  const ids = new Set(result.trials.flatMap((trial) => (trial.cause ? [trial.cause.id] : [])));
  assert.equal([...ids].sort(), ['engine-refused', 'oom-killed', 'oom-killed-process']);
});

test('migrateV3 leaves a cause that is already data and a passed trial alone', () => {
  const cause: TrialCause = { id: 'exited', values: { exit: 1, phase: 'startup' } };
  const data = migrateV3({ schemaVersion: 3, trials: [{ cause }, { cause: null }] });
  assert.equal(data, { schemaVersion: 4, trials: [{ cause }, { cause: null }] });
});

test.run();
