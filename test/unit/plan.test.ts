import { test } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPlan } from '../../scripts/lib/plan/build-plan.ts';
import { checkTrialSpec } from '../../scripts/lib/plan/check-trial-spec.ts';
import { parseDurationS, parseMemoryMb } from '../../scripts/lib/plan/parse-units.ts';
import { LabError } from '../../scripts/lib/errors.ts';
import { resolveLabConfig } from '../../scripts/lib/plan/resolve-lab-config.ts';
import type { HostInfo } from '../../scripts/lib/results/types.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const host: HostInfo = { cpus: 2, memoryBytes: 24 * 1024 ** 3, dockerVersion: '20.10', compose: 'docker-compose 1.29.2', locustVersion: null, node: 'v20', os: 'linux', cgroupVersion: 1 };

function refusal(fn: () => unknown): LabError {
  try {
    fn();
  } catch (err) {
    assert.instance(err, LabError);
    return err as LabError;
  }
  throw new Error('expected a refusal');
}

test('memory and durations parse the way compose files and Locust write them', () => {
  assert.is(parseMemoryMb('1300M', 'm'), 1300);
  assert.is(parseMemoryMb('1.5G', 'm'), 1536);
  assert.is(parseMemoryMb('512m', 'm'), 512);
  assert.is(parseMemoryMb('2048', 'm'), 2048);
  assert.is(parseMemoryMb('1GiB', 'm'), 1024);
  assert.is(parseDurationS('150', 'd'), 150);
  assert.is(parseDurationS('2m30s', 'd'), 150);
  assert.is(parseDurationS('1h', 'd'), 3600);
});

test('bad values name the flag and the expected form', () => {
  assert.match(refusal(() => parseMemoryMb('lots', '--memory')).message, /--memory: "lots" is not a memory size/);
  assert.match(refusal(() => parseMemoryMb('0M', '--memory')).message, /greater than zero/);
  assert.match(refusal(() => parseDurationS('soon', '--run-time')).message, /--run-time: "soon" is not a duration/);
  assert.match(refusal(() => buildPlan({ users: 'ten' }, repoRoot)).message, /--users: "ten" is not a whole number/);
  assert.match(refusal(() => buildPlan({ users: '-5' }, repoRoot)).message, /--users: -5 must be greater than zero/);
  assert.match(refusal(() => buildPlan({ profile: 'huge' }, repoRoot)).message, /--profile huge is not a profile/);
  assert.match(refusal(() => buildPlan({ memroy: '1G' }, repoRoot)).message, /Unknown flag --memroy/);
});

test("the capacity plan's crowd: the workshop's 10,000 by default, --target-users otherwise", async () => {
  assert.is((await resolveLabConfig({})).targetUsers, 10_000);
  assert.is((await resolveLabConfig({ profile: 'smoke', 'target-users': '2500' })).targetUsers, 2500);
});

test('the default plan is the quick profile, with a warm-up and the full-size model', () => {
  const [t] = buildPlan({}, repoRoot).trials;
  assert.is(t!.env.MODEL_MB, '1100');
  assert.ok(t!.warmup);
  assert.is(buildPlan({ warmup: false }, repoRoot).trials[0]!.warmup, null);
});

test("guardrails catch the workshop's 500G typo and say what to lower", () => {
  const [t] = buildPlan({ memory: '500G' }, repoRoot).trials;
  const err = refusal(() => checkTrialSpec(t!, host));
  assert.match(err.message, /memory limit 512000 MiB \(500.0 GiB\) does not fit this host/);
  assert.match(err.hint!, /did you mean M instead of G/);
});

test('guardrails refuse more CPUs than the host can spare and runs with no steady phase', () => {
  assert.match(refusal(() => checkTrialSpec(buildPlan({ cpus: 2 }, repoRoot).trials[0]!, host)).hint!, /at most 1.5/);
  const slowSpawn = buildPlan({ users: 100, 'spawn-rate': 1, 'run-time': '60s' }, repoRoot).trials[0]!;
  assert.match(refusal(() => checkTrialSpec(slowSpawn, host)).message, /takes 100 s, longer than the 60 s run/);
  checkTrialSpec(buildPlan({}, repoRoot).trials[0]!, host);
});

test('--engine is recorded in the spec; --replicas puts nginx in front; --swarm-init reaches the plan', () => {
  const plan = buildPlan({ engine: 'swarm', 'swarm-init': true, replicas: 2 }, repoRoot);
  const [spec] = plan.trials;
  assert.is(spec!.engine, 'swarm');
  assert.is(spec!.replicas, 2);
  assert.is(spec!.loadBalancer, true);
  assert.is(plan.swarmInit, true);
  const plain = buildPlan({}, repoRoot);
  assert.is(plain.trials[0]!.engine, 'compose');
  assert.is(plain.trials[0]!.loadBalancer, false);
  assert.is(plain.swarmInit, undefined);
});

test.run();
