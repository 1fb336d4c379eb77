import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parsePlanYaml } from '../../scripts/lib/plan/parse-plan-yaml.ts';
import { resolveLabConfig } from '../../scripts/lib/plan/resolve-lab-config.ts';
import { LabError } from '../../scripts/lib/errors.ts';

test('plan YAML: nested maps, flow and block lists, scalars, comments', () => {
  const doc = parsePlanYaml(
    [
      '# my plan',
      'slo:',
      '  p95Ms: 500      # stricter',
      '  maxFailureRatio: 0.02',
      'sweep:',
      '  users: 50',
      '  cpus: [0.5, 1]',
      '  memoryMb:',
      '    - 1408',
      '    - "1.5G"',
      'workers:',
      '  servers:',
      '    - kind: uvicorn',
      '      workers: 2',
      '    - kind: gunicorn',
      '      workers: 2',
      'network: proyecto-2_default',
      "registry: 'docker.io/me#not-a-comment'",
      'locustfile: null',
    ].join('\n'),
    'plan.yaml',
  );
  assert.equal(doc, {
    slo: { p95Ms: 500, maxFailureRatio: 0.02 },
    sweep: { users: 50, cpus: [0.5, 1], memoryMb: [1408, '1.5G'] },
    workers: { servers: [{ kind: 'uvicorn', workers: 2 }, { kind: 'gunicorn', workers: 2 }] },
    network: 'proyecto-2_default',
    registry: 'docker.io/me#not-a-comment',
    locustfile: null,
  });
});

test('plan YAML: flow mappings and anchors are YAML too (a real parser reads them)', () => {
  assert.equal(parsePlanYaml('sweep: {users: 50, cpus: [1]}\nbase: &b 1408\nmemory: *b\n', 'plan.yaml'), { sweep: { users: 50, cpus: [1] }, base: 1408, memory: 1408 });
  assert.equal(parsePlanYaml('# only a comment\n', 'plan.yaml'), {});
});

test('plan YAML: errors are refused with the file and the line', () => {
  for (const [text, message] of [
    ['sweep:\n  users: 50\n    cpus: [1]', /^plan\.yaml line 2: Nested mappings/],
    ['sweep:\n  users: 50\n  users: 60', /^plan\.yaml line 3: Map keys must be unique/],
    ['sweep: [1, 2\nslo: 1', /^plan\.yaml line \d: /],
    ['just text', /^plan\.yaml: a plan file must be a mapping of keys .*not the value "just text"/],
    ['- 1\n- 2', /not a list/],
  ] as const) {
    try {
      parsePlanYaml(text, 'plan.yaml');
      assert.unreachable(text);
    } catch (err) {
      assert.instance(err, LabError);
      assert.match((err as Error).message, message);
    }
  }
});

test('a .yaml plan file overrides the profile like a JSON one', async () => {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'plan-')), 'plan.yaml');
  await writeFile(file, 'sweep:\n  users: 50\n  memoryMb: [1408, 1.5G]\n');
  const config = await resolveLabConfig({ plan: file });
  assert.is(config.sweep.users, 50);
  assert.equal(config.sweep.memoryMb, [1408, 1536]);
});

test.run();
