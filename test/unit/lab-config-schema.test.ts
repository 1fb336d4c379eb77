import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as v from 'valibot';
import { LabError } from '../../scripts/lib/errors.ts';
import { LabConfigSchema, PlanFileSchema } from '../../scripts/lib/plan/lab-config-schema.ts';
import { PROFILES } from '../../scripts/lib/plan/lab-config.ts';
import { resolveLabConfig } from '../../scripts/lib/plan/resolve-lab-config.ts';

test('every profile satisfies the schema the plan files are checked with', () => {
  for (const [name, profile] of Object.entries(PROFILES)) {
    const parsed = v.safeParse(LabConfigSchema, profile);
    assert.ok(parsed.success, `${name}: ${parsed.issues?.map((i) => `${v.getDotPath(i)} ${i.message}`).join('; ')}`);
    assert.equal(parsed.output, profile, name);
  }
});

test('a plan file is any part of the config: sections are partial, lists and values whole', () => {
  assert.ok(v.is(PlanFileSchema, {}));
  assert.ok(v.is(PlanFileSchema, { sweep: { users: 5 }, host: { busyHost: 'warn' } }));
  assert.not.ok(v.is(PlanFileSchema, { sweep: { cpus: [] } }), 'a list replaces the profile\'s, so it must hold a value');
  assert.not.ok(v.is(PlanFileSchema, { sweep: [5] }), 'a section is an object, not a list');
  assert.equal(v.parse(PlanFileSchema, { deploy: { memoryMb: '1.5G' } }), { deploy: { memoryMb: 1536 } });
});

async function refusal(yaml: string): Promise<LabError> {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'plan-')), 'plan.yaml');
  await writeFile(file, yaml);
  try {
    await resolveLabConfig({ profile: 'smoke', plan: file });
  } catch (err) {
    assert.instance(err, LabError);
    return err as LabError;
  }
  throw assert.unreachable(yaml);
}

test('a YAML plan is refused naming the file and the key, with the profile\'s value as the fix', async () => {
  const cases: [string, RegExp, RegExp][] = [
    ['maxUsers:\n  steps: [10, many]\n', /plan\.yaml: maxUsers\.steps\[1\] must be a number, got string "many"/, /like the profile's value: 10/],
    ['host:\n  busyWaitS: -5\n', /plan\.yaml: host\.busyWaitS must be zero or more, got -5/, /zero or a positive value/],
    ['host:\n  busyHost: sometimes\n', /plan\.yaml: host\.busyHost: "sometimes" is not one of the known names/, /wait, refuse, warn/],
    ['workers:\n  perWorkerMb: 0\n', /plan\.yaml: workers\.perWorkerMb must be greater than zero, got 0/, /positive value, like the profile's 224/],
    ['replicas:\n  memoryMb: plenty\n', /plan\.yaml: replicas\.memoryMb: "plenty" is not a memory size/, /1300M/],
    ['deploy: 5\n', /plan\.yaml: deploy must be an object, got number 5/, /deploy like the profile's value/],
    ['slo:\n  p99Ms: 10\n', /plan\.yaml: unknown key "slo\.p99Ms"/, /Known keys here: p95Ms, maxFailureRatio/],
  ];
  for (const [yaml, message, hint] of cases) {
    const error = await refusal(yaml);
    assert.match(error.message, message, yaml);
    assert.match(error.hint ?? '', hint, yaml);
  }
});

test.run();
