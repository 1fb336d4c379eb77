// Real engine, real API image: a calibration session sees a CPU hog that shares
// its core, and leaves nothing behind. The probe container and the hog are both
// pinned to CPU 0, so on this 2-core machine they really compete (unpinned, the
// scheduler would give each its own core and the slowdown would hide).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { engine } from '../../scripts/lib/docker/engine.ts';
import { labFilter, labLabels } from '../../scripts/lib/docker/labels.ts';
import { removeLabObjects } from '../../scripts/lib/docker/cleanup.ts';
import { newRunId } from '../../scripts/lib/results/run-store.ts';
import { LabError } from '../../scripts/lib/errors.ts';
import { CALIBRATION_IMAGE } from '../../scripts/lib/host/calibration-container.ts';
import { DEFAULT_PROBE_S, startCalibration, type CalibrationSession } from '../../scripts/lib/host/calibration-probe.ts';
import { checkBusyHost } from '../../scripts/lib/host/busy-host-check.ts';
import { DRIFT_TOLERANCE, driftWarnings } from '../../scripts/lib/host/speed-index.ts';
import type { CalibrationProbe } from '../../scripts/lib/results/types.ts';
import { guardSetup } from '../guard-setup.ts';

const runId = newRunId('itest-calibration');
const HOG_S = 20;
let session: CalibrationSession | null = null;

/** One Python busy loop on CPU 0 that ends by itself after HOG_S seconds. */
async function startHog(): Promise<string> {
  const hog = await engine().createContainer({
    Image: CALIBRATION_IMAGE,
    Cmd: ['python3', '-c', `import time\nend = time.monotonic() + ${HOG_S}\nwhile time.monotonic() < end: pass`],
    Labels: labLabels(runId, 'hog'),
    HostConfig: { CpusetCpus: '0', Memory: 128 * 1024 * 1024 },
  });
  await hog.start();
  return hog.id;
}

const runIdContainers = async () => engine().listContainers({ all: true, filters: labFilter({ runId }) });

test.before(guardSetup(async () => {
  await engine().getImage(CALIBRATION_IMAGE).inspect().catch(() => {
    throw new Error(`${CALIBRATION_IMAGE} is missing: build the lab images first (the trial integration test does)`);
  });
}));

test.after(async () => {
  await session?.stop().catch(() => {});
  await removeLabObjects({ runId });
});

test('a hog on the probe\'s core makes the next probe slower, driftWarnings names the stage, all is removed', async () => {
  session = await startCalibration({ runId, cpuset: '0' });
  assert.ok(session.startS > 0 && session.startS < 30, `start took ${session.startS} s`);
  assert.match(session.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);

  const info = await engine().getContainer(session.containerId).inspect();
  assert.is(info.HostConfig.NanoCpus, 1e9);
  assert.is(info.HostConfig.Memory, 512 * 1024 * 1024);
  assert.is(info.HostConfig.CpusetCpus, '0');
  assert.is(info.Config.Labels['io.locust-lab.managed'], 'true');
  assert.is(info.Config.Labels['io.locust-lab.run'], runId);
  assert.ok(info.Config.Env.includes('MODEL_MB=64'));
  assert.equal(info.NetworkSettings.Ports['8000/tcp']!.map((b) => b.HostIp), ['127.0.0.1']);

  const costs: number[] = [];
  const timed = async (point: string) => {
    const t = performance.now();
    const p = await session!.probe(point);
    costs.push((performance.now() - t) / 1000);
    return p;
  };
  const quiet = await timed('start');
  const hogId = await startHog();
  let noisy: CalibrationProbe;
  try {
    // The hog alone keeps one of the two cores busy.
    const check = await checkBusyHost({ sampleS: 1 });
    assert.is(check.busy, true, `busy share ${check.use.busy}`);
    noisy = await timed('after:noisy');
  } finally {
    await engine().getContainer(hogId).remove({ force: true });
  }
  const after = await timed('after:quiet');

  for (const p of [quiet, noisy, after]) {
    assert.ok(p.requests > 20, `${p.point}: ${p.requests} requests`);
    assert.ok(Math.abs(p.durationS - DEFAULT_PROBE_S) < 1, `${p.point}: ${p.durationS} s`);
    assert.ok(p.p50Ms > 0 && p.meanMs >= p.p50Ms * 0.5 && p.demandMs > 0 && p.loopMs > 0 && p.speedIndex > 0, JSON.stringify(p));
  }
  // Each probe costs its requests plus the loop: a few seconds.
  assert.ok(costs.every((c) => c < DEFAULT_PROBE_S + 5), `probe costs ${costs.join(', ')} s`);

  const slower = (f: (p: CalibrationProbe) => number) => f(noisy) / f(quiet) - 1;
  const summary = `D0 ${quiet.demandMs.toFixed(2)} → ${noisy.demandMs.toFixed(2)} → ${after.demandMs.toFixed(2)} ms; loop ${quiet.loopMs.toFixed(0)} → ${noisy.loopMs.toFixed(0)} → ${after.loopMs.toFixed(0)} ms`;
  assert.ok(slower((p) => p.demandMs) > 0.1 || slower((p) => p.loopMs) > 0.1, summary);
  // The hog gone, the loop runs faster again.
  assert.ok(after.loopMs < noisy.loopMs, summary);

  const warnings = driftWarnings([quiet, noisy, after], ['noisy', 'quiet']);
  const onNoisy = warnings.filter((w) => w.stage === 'noisy');
  assert.ok(onNoisy.length > 0, `no warning for the noisy stage: ${JSON.stringify(warnings)} (${summary})`);
  assert.ok(onNoisy.every((w) => w.fromPoint === 'start' && w.toPoint === 'after:noisy' && w.change > DRIFT_TOLERANCE), JSON.stringify(onNoisy));

  await session.stop();
  await session.stop();
  assert.equal(await runIdContainers(), []);
  const late = await session.probe('end').then(() => null, (err: Error) => err);
  assert.match(late?.message ?? 'no error', /stopped/);
});

test('a container that dies mid-run fails the probe with a LabError and is removed', async () => {
  session = await startCalibration({ runId, durationS: 1 });
  await engine().getContainer(session.containerId).kill();
  try {
    await session.probe('after:killed');
    assert.unreachable('the probe passed without its API');
  } catch (err) {
    assert.instance(err, LabError);
  }
  assert.equal(await runIdContainers(), []);
});

test.run();
