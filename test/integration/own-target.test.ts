// The whole workshop on a target that is not the demo (issue 10): the Node.js
// scorer of test/fixtures/targets/node-score, from its plan file, with the
// smoke profile kept small by that plan. Its image is built by the lab from
// the target's build section (FROM debian:bookworm-slim, apt's nodejs). Every
// stage must reach a verdict or say why it skipped, the API must join the
// user's network, and the memory floor must land within one resolution step
// of the floor known from BALLAST_MB.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatCause } from '../../scripts/lib/cli/format-cause.ts';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveLabConfig } from '../../scripts/lib/plan/resolve-lab-config.ts';
import { runLab, type LabOutcome } from '../../scripts/lib/lab/run-lab.ts';
import { engine } from '../../scripts/lib/docker/engine.ts';
import { labFilter, labLabels } from '../../scripts/lib/docker/labels.ts';
import { runCommand } from '../../scripts/lib/docker/run-command.ts';
import { toStatsSample, type RawDockerStats } from '../../scripts/lib/docker/stats-formula.ts';
import { guardSetup } from '../guard-setup.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const planFile = path.join(repoRoot, 'test/fixtures/targets/node-score/target.yaml');
/** A network the user's project would own; the test makes it and removes it. */
const NETWORK = `locust-lab-test-own-target-${process.pid}`;
let lab: LabOutcome;
let startedAt = 0;
let tookS = 0;

test.before(guardSetup(async () => {
  startedAt = Date.now();
  await engine().createNetwork({ Name: NETWORK, Labels: labLabels('own-target-test') });
  const reportsDir = await mkdtemp(path.join(os.tmpdir(), 'locust-lab-own-target-'));
  const config = await resolveLabConfig({ profile: 'smoke', plan: planFile, network: NETWORK });
  lab = await runLab(config, { repoRoot, reportsDir, onEvent: (e) => (e.type === 'stage-error' ? console.error(`stage ${e.stage}: ${e.message}`) : undefined) });
  tookS = (Date.now() - startedAt) / 1000;
  console.error(`own target: the lab ran in ${tookS.toFixed(0)} s`);
}));

test.after(async () => {
  await engine().getNetwork(NETWORK).remove().catch(() => undefined);
});

test('every stage reached a verdict or stated why it skipped', () => {
  const { stages, warnings } = lab.result;
  for (const key of ['publish', 'deploy', 'memoryFloor', 'sweep', 'replicas', 'workers', 'maxUsers'] as const) {
    const stage = stages[key];
    const skipped = warnings.find((w) => w.id === 'stage-error' && w.stage === key && w.message.length > 10);
    assert.ok(stage || skipped, `${key}: neither a verdict nor a stated reason`);
  }
});

test("trials ran the target: its image, command, port, health path, and the user's network beside the trial's own", () => {
  const trials = lab.result.trials;
  assert.ok(trials.length >= 10);
  const deploy = trials.find((t) => t.spec.stage === 'deploy')!;
  assert.is(deploy.spec.image, 'locust-lab-test/node-score:latest');
  assert.equal(deploy.spec.command, ['node', '/srv/server.cjs', '--port', '9090']);
  assert.is(deploy.spec.port, 9090);
  assert.equal(deploy.spec.health, { kind: 'http', path: '/healthz', status: 200 });
  assert.equal(deploy.spec.warmup?.path, '/score');
  const passed = trials.find((t) => t.status === 'passed' && t.spec.stage === 'sweep')!;
  assert.ok(passed, 'no sweep trial passed');
  assert.ok(passed.summary!.rps > 0 && passed.endpoints.some((e) => e.name === '/score'), JSON.stringify(passed.endpoints.map((e) => e.name)));
  const inspect = JSON.parse(readFileSync(path.join(lab.runDir, passed.files.apiInspect!), 'utf8'));
  const joined = Object.keys(inspect.NetworkSettings.Networks);
  assert.ok(joined.includes(NETWORK), joined.join(', '));
  assert.ok(joined.some((n) => n.endsWith('_default')), joined.join(', '));
  const compose = readFileSync(path.join(lab.runDir, passed.files.compose), 'utf8');
  assert.match(compose, /- "127\.0\.0\.1::9090"/);
  assert.match(compose, /- http:\/\/api:9090/);
});

test('memory floor: within one resolution step of BALLAST_MB plus what node needs without it', async () => {
  const m = lab.result.stages.memoryFloor!;
  assert.ok(m, 'no memory-floor verdict');
  assert.ok(m.load.floorMb !== null, m.load.verdict);
  // What node itself holds: the same image, BALLAST_MB=0, its resident size as the cgroup counts it.
  const baseMb = await residentMb('0');
  const knownMb = baseMb + 96;
  assert.ok(Math.abs(m.load.floorMb! - knownMb) <= m.load.resolutionMb, `floor ${m.load.floorMb} MiB, known ${knownMb.toFixed(0)} MiB (node ${baseMb.toFixed(0)} + ballast 96), resolution ${m.load.resolutionMb}`);
});

test("workers: the target's setup at 1 and 2 processes, memory grown from the measured floor", () => {
  const w = lab.result.stages.workers!;
  assert.ok(w, 'no workers verdict');
  assert.equal(w.configs.map((k) => k.configId), ['node-cluster-w1-1cpu', 'node-cluster-w2-1cpu']);
  assert.equal(w.configs.map((k) => k.memorySource), ['floor', 'floor']);
  assert.ok(w.configs[1]!.memoryMb > w.configs[0]!.memoryMb);
  assert.equal(w.configs[1]!.command, ['node', '/srv/server.cjs', '--port', '9090', '--workers', '2']);
  assert.is(w.referenceConfigId, 'node-cluster-w1-1cpu');
});

test('replicas and max users ran on the target', () => {
  const r = lab.result.stages.replicas!;
  assert.ok(r.conflict.reproduced, r.conflict.engineError ?? 'no engine error');
  const balanced = lab.result.trials.find((t) => t.spec.id === r.balanced!.trialId)!;
  assert.is(balanced.status, 'passed', formatCause(balanced.cause));
  const u = lab.result.stages.maxUsers;
  const reason = lab.result.warnings.find((w) => w.id === 'stage-error' && w.stage === 'maxUsers');
  assert.ok(u ? u.lastPassingUsers !== null || (u.error ?? '').length > 10 : reason, JSON.stringify(u?.curve ?? reason));
});

test('the report shows the target, and nothing of the lab is left', async () => {
  assert.ok(lab.htmlPath && existsSync(lab.htmlPath));
  const html = readFileSync(lab.htmlPath, 'utf8');
  assert.match(html, 'locust-lab-test/node-score:latest');
  assert.match(html, 'GET /healthz answers 200');
  const filters = labFilter({ runId: lab.result.runId });
  assert.is((await engine().listContainers({ all: true, filters })).length, 0);
  assert.is((await engine().listNetworks({ filters })).length, 0);
});

test('it stays well inside the CI budget', () => {
  assert.ok(tookS < 8 * 60, `took ${tookS.toFixed(0)} s`);
});

/** Resident MiB of the fixture with this BALLAST_MB, from the cgroup the lab's limit applies to, once it is ready. */
async function residentMb(ballast: string): Promise<number> {
  const labels = Object.entries(labLabels('own-target-test')).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
  const run = await runCommand(['docker', 'run', '-d', ...labels, '-e', `BALLAST_MB=${ballast}`, 'locust-lab-test/node-score:latest'], { timeoutMs: 60_000 });
  const id = run.stdout.trim();
  assert.ok(run.exitCode === 0 && id, run.stderr);
  try {
    for (let i = 0; i < 40; i++) {
      const logs = await runCommand(['docker', 'logs', id], { timeoutMs: 10_000 });
      if (/listening:/.test(logs.stdout)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    // The lab's own formula for the API's memory (usage without the page cache the kernel can drop).
    const sample = toStatsSample((await engine().getContainer(id).stats({ stream: false })) as unknown as RawDockerStats, 'api', null);
    assert.ok(sample, 'no stats sample');
    return sample!.memoryBytes / 2 ** 20;
  } finally {
    await runCommand(['docker', 'rm', '-f', id], { timeoutMs: 60_000 });
  }
}

test.run();
