// Which locustfile a lab run's trials use, and the one it writes for a target
// without its own (lab/prepare-target.ts's locustfileFor; no Docker: the
// OpenAPI fetch is handed in).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATED_LOCUSTFILE, locustfileFor } from '../../scripts/lib/lab/prepare-target.ts';
import { resolveLabConfig } from '../../scripts/lib/plan/resolve-lab-config.ts';
import type { LabConfig } from '../../scripts/lib/plan/lab-config.ts';
import { LabError } from '../../scripts/lib/errors.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtureDir = path.join(repoRoot, 'test/fixtures/targets/node-score');
const noFetch = async (): Promise<string> => {
  throw new Error('the API must not be asked');
};

async function nodeScore(): Promise<LabConfig> {
  return resolveLabConfig({ profile: 'smoke', plan: path.join(fixtureDir, 'target.yaml') });
}

test("--locustfile wins, then the target's own file; nothing is generated", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'locustfile-for-'));
  const c = await nodeScore();
  assert.equal(await locustfileFor(c, repoRoot, dir, noFetch), { file: path.join(fixtureDir, 'locustfile.py'), generated: false });
  assert.equal(await locustfileFor({ ...c, locustfile: 'locust/locustfile.py' }, repoRoot, dir, noFetch), { file: path.join(repoRoot, 'locust/locustfile.py'), generated: false });
  const demo = await resolveLabConfig({ profile: 'smoke' });
  assert.equal(await locustfileFor(demo, repoRoot, dir, noFetch), { file: path.join(repoRoot, 'locust/locustfile.py'), generated: false });
});

test("without a locustfile the lab writes one into the run folder from the target's request and body file", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'locustfile-for-'));
  const c = await nodeScore();
  const target = { ...c.target, locust: { ...c.target.locust, file: null } };
  const out = await locustfileFor({ ...c, target }, repoRoot, dir, noFetch);
  assert.equal(out, { file: path.join(dir, GENERATED_LOCUSTFILE), generated: true });
  const text = readFileSync(out.file, 'utf8');
  assert.match(text, 'POST /score');
  assert.match(text, 'node-score');
  assert.match(text, 'user_id');
});

test('an OpenAPI body served by the API is asked for only then, at its path', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'locustfile-for-'));
  const c = await nodeScore();
  const asked: string[] = [];
  const doc = readFileSync(path.join(repoRoot, 'test/fixtures/openapi/demo-openapi.json'), 'utf8');
  const target = { ...c.target, locust: { ...c.target.locust, file: null, request: { method: 'POST' as const, path: '/predict', body: { kind: 'openapi' as const, file: null, apiPath: '/openapi.json' }, thinkTimeS: { min: 1, max: 2 } } } };
  const out = await locustfileFor({ ...c, target }, repoRoot, dir, async (apiPath) => {
    asked.push(apiPath);
    return doc;
  });
  assert.equal(asked, ['/openapi.json']);
  assert.match(readFileSync(out.file, 'utf8'), "/openapi.json");
});

test('a target with neither a locustfile nor a request is refused with the fix', async () => {
  const c = await nodeScore();
  const target = { ...c.target, locust: { file: null, env: {}, request: null } };
  try {
    await locustfileFor({ ...c, target }, repoRoot, os.tmpdir(), noFetch);
    assert.unreachable('expected a refusal');
  } catch (err) {
    assert.instance(err, LabError);
    assert.match((err as LabError).hint!, /--locustfile/);
  }
});

test.run();
