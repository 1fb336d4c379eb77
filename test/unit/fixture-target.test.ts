import { test } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parsePlanYaml } from '../../scripts/lib/plan/parse-plan-yaml.ts';
import { readTarget } from '../../scripts/lib/target/read-target.ts';
import { checkTarget } from '../../scripts/lib/target/check-target.ts';
import { DEMO_TARGET } from '../../scripts/lib/target/demo-target.ts';
import { fillCommand } from '../../scripts/lib/target/fill-command.ts';
import { resolveLabConfig } from '../../scripts/lib/plan/resolve-lab-config.ts';
import { estimateRun } from '../../scripts/lib/plan/estimate-run.ts';
import { checkLabConfig } from '../../scripts/lib/plan/check-lab-config.ts';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/targets/node-score');
const planFile = path.join(dir, 'target.yaml');
const plan = parsePlanYaml(readFileSync(planFile, 'utf8'), planFile) as { target: unknown };
const target = readTarget(plan.target, dir);

test("the fixture's plan file reads, in the plan's YAML subset, as a valid target whose files exist", () => {
  checkTarget(target);
  for (const file of [target.image.build!.context, path.join(target.image.build!.context, 'Dockerfile'), target.warmup!.bodyFile!, target.locust.file!]) {
    assert.ok(existsSync(file), file);
  }
});

test('it differs from the demo in every way issue 10 names', () => {
  const dockerfile = readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
  // Another language and framework.
  assert.match(dockerfile, /apt-get install -y --no-install-recommends nodejs/);
  assert.match(dockerfile, /^FROM debian:bookworm-slim$/m);
  assert.is(target.command![0], 'node');
  // Another port, another health path, another POST endpoint with its own payload.
  assert.is(target.port, 9090);
  assert.is.not(target.port, DEMO_TARGET.port);
  assert.equal(target.health, { kind: 'http', path: '/healthz', status: 200, timeoutS: 30 });
  assert.is(target.warmup!.path, '/score');
  assert.is.not(target.warmup!.path, DEMO_TARGET.warmup!.path);
  const payload = JSON.parse(readFileSync(target.warmup!.bodyFile!, 'utf8'));
  assert.equal(Object.keys(payload), ['user_id', 'features', 'threshold']);
  // Memory set from the environment, so the floor is known in advance.
  assert.is(target.env.BALLAST_MB, '96');
  assert.match(readFileSync(path.join(dir, 'server.cjs'), 'utf8'), /Buffer\.alloc\(BALLAST_MB \* 1024 \* 1024\)/);
  // Its own setups: node:cluster processes, each with its own ballast.
  assert.equal(fillCommand(target.setups[0]!.command, { workers: 2, port: target.port }), ['node', '/srv/server.cjs', '--port', '9090', '--workers', '2']);
});

test("the fixture's server and locustfile are valid source (node --check, python3 ast)", () => {
  execFileSync('nice', ['-n', '19', process.execPath, '--check', path.join(dir, 'server.cjs')]);
  execFileSync('nice', ['-n', '19', 'python3', '-c', 'import ast,sys; ast.parse(open(sys.argv[1]).read())', target.locust.file!]);
});

test("its plan file keeps the smoke lab within the integration test's budget, and fits a 2-core host", async () => {
  const config = await resolveLabConfig({ profile: 'smoke', plan: planFile });
  const seconds = estimateRun(config).reduce((sum, e) => sum + e.seconds, 0);
  assert.ok(seconds < 7 * 60, `estimated ${seconds} s`);
  checkLabConfig(config, { cpus: 2, memoryBytes: 24 * 1024 ** 3, dockerVersion: '', compose: '', locustVersion: null, node: '', os: '', cgroupVersion: 1 }, path.resolve(dir, '../../../..'));
});

test.run();
