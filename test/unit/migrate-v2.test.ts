import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile } from 'node:fs/promises';
import { migrateV2 } from '../../scripts/lib/results/migrate-v2.ts';
import { validateLabResult } from '../../scripts/lib/report/load-result.ts';

const sample = async () => JSON.parse(await readFile('test/fixtures/results/v2-sample.json', 'utf8')) as Record<string, unknown>;

test('schema 2 English warning lines become message ids with their numbers', async () => {
  const data = await sample();
  const lines = data.warnings as string[];
  const result = validateLabResult(migrateV2(data), 'v2-sample.json');
  assert.is(result.schemaVersion, 4);
  // Each schema-2 flag line ("N trials: <text> (ids).") has its warning, with the same trials.
  const flagLines = lines.filter((line) => /^\d+ trials?: /.test(line));
  const flagWarnings = result.warnings.filter((w) => w.id === 'trial-flag');
  assert.is(flagWarnings.length, flagLines.length);
  for (const w of flagWarnings) {
    assert.ok(lines.some((line) => line.startsWith(`${w.trialIds.length} trial`) && line.includes(`(${w.trialIds.join(', ')}).`)), `no line for ${w.flag}`);
  }
  assert.ok(result.warnings.every((w) => typeof w.id === 'string' && (w.severity === 'high' || w.severity === 'normal')));
});

test('a stage that threw keeps its recorded error', async () => {
  const data = await sample();
  data.warnings = ['Stage max-users reached no verdict: even 25 users missed the SLO'];
  const migrated = migrateV2(data);
  const warnings = migrated.warnings as { id: string; stage?: string; message?: string }[];
  assert.ok(warnings.some((w) => w.id === 'stage-error' && w.stage === 'maxUsers' && w.message === 'even 25 users missed the SLO'));
});

test.run();
