// Real engine, real images, real Locust, on Docker Swarm: one trial of the demo
// API with 2 replicas behind nginx, on a single-node swarm that the lab creates
// because the test asks it to (--swarm-init), and leaves at the end.
import { formatCause } from '../../scripts/lib/cli/format-cause.ts';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPlan } from '../../scripts/lib/plan/build-plan.ts';
import { runOneTrial } from '../../scripts/lib/lab/run-one-trial.ts';
import { engine } from '../../scripts/lib/docker/engine.ts';
import { labFilter } from '../../scripts/lib/docker/labels.ts';
import type { LabEvent, LabOutcome } from '../../scripts/lib/lab/lab-events.ts';
import type { TrialResult } from '../../scripts/lib/results/types.ts';
import { guardSetup } from '../guard-setup.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const swarmState = async () => String((await engine().info()).Swarm?.LocalNodeState ?? 'inactive');
const hasGwbridge = () => engine().getNetwork('docker_gwbridge').inspect().then(() => true, () => false);

let outcome: LabOutcome;
let trial: TrialResult;
const events: LabEvent[] = [];
let gwbridgeBefore = false;

test.before(guardSetup(async () => {
  const state = await swarmState();
  if (state !== 'inactive') throw new Error(`this test needs an engine outside any swarm (it checks the lab leaves it so); found "${state}". Leave it with \`docker swarm leave --force\` if it is yours.`);
  gwbridgeBefore = await hasGwbridge();
  const plan = buildPlan({
    profile: 'smoke', id: 'swarm-x2', engine: 'swarm', 'swarm-init': true, replicas: 2, cpus: 0.5, memory: '512M', 'model-mb': 64,
    users: 10, 'spawn-rate': 10, 'run-time': '20s',
  }, repoRoot);
  outcome = await runOneTrial(plan, {
    repoRoot, reportsDir: await mkdtemp(path.join(os.tmpdir(), 'locust-lab-swarm-')), onEvent: (e) => events.push(e),
  });
  trial = outcome.result.trials[0]!;
}));

test('the trial ran on a swarm the lab created, and passed', () => {
  const swarm = events.find((e) => e.type === 'swarm');
  assert.ok(swarm && swarm.type === 'swarm' && swarm.initialised, 'the lab says it created the swarm');
  assert.ok(swarm.nodes.length >= 1 && swarm.nodes.every((n) => n.cpus > 0 && n.memoryBytes > 0), 'the preflight lists nodes with CPUs and memory');
  assert.is(trial.spec.engine, 'swarm');
  assert.is(trial.status, 'passed', formatCause(trial.cause));
  assert.ok(outcome.result.commands.some((c) => c.argv.join(' ').includes('swarm init')), 'swarm init recorded');
  assert.ok(outcome.result.commands.some((c) => c.argv.join(' ').includes('stack deploy')), 'stack deploy recorded');
});

test('limits are read back from the engine on each replica', async () => {
  assert.equal({ cpus: trial.appliedLimits?.cpus, memoryMb: trial.appliedLimits?.memoryMb }, { cpus: 0.5, memoryMb: 512 });
  assert.equal(trial.containers.map((c) => c.name), ['api-1', 'api-2']);
  const stack = await readFile(path.join(outcome.runDir, trial.files.compose), 'utf8');
  assert.match(stack, /endpoint_mode: dnsrr/);
  assert.match(stack, /replicas: 2/);
  assert.match(stack, /cpus: "0.5"/);
});

test('both replicas served requests behind nginx', async () => {
  // `docker service logs` prefixes each line with its task: api.1 and api.2 both answered predictions.
  const log = await readFile(path.join(outcome.runDir, trial.files.apiLog!), 'utf8');
  const served = new Set(log.split('\n').filter((l) => l.includes('POST /predict')).map((l) => /_api\.(\d+)\./.exec(l)?.[1]).filter(Boolean));
  assert.equal([...served].sort(), ['1', '2'], 'requests in both tasks\' logs');
  const samples = (await readFile(path.join(outcome.runDir, trial.files.statsNdjson!), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
  for (const name of ['api-1', 'api-2', 'lb', 'locust']) assert.ok(samples.some((s) => s.container === name), `stats of ${name}`);
});

test('the swarm is left as found, and nothing of the lab remains', async () => {
  assert.is(await swarmState(), 'inactive');
  assert.is(await hasGwbridge(), gwbridgeBefore, 'docker_gwbridge as before');
  const filters = labFilter({ runId: outcome.result.runId });
  assert.is((await engine().listContainers({ all: true, filters })).length, 0);
  assert.is((await engine().listNetworks({ filters })).length, 0);
});

test.run();
