import { startCalibration, type CalibrationSession } from '../host/calibration-probe.ts';
import { waitForQuietHost, type QuietWait } from '../host/busy-host-check.ts';
import { driftWarnings, summarizeCalibration } from '../host/speed-index.ts';
import { readCpuModel } from '../host/cpu-model.ts';
import { referenceAnswers } from '../host/reference-answers.ts';
import { readProcStat } from '../host/read-proc-stat.ts';
import { hostCpuUse, type ProcStatReading } from '../host/proc-stat.ts';
import { AbortedError, LabError } from '../errors.ts';
import type { LabConfig, StageName } from '../plan/lab-config.ts';
import type { RunStore } from '../results/run-store.ts';
import type { CalibrationProbe, HostCalibration } from '../results/types.ts';

/** Stages that measure capacity, after which the host is probed again. */
const CAPACITY_STAGES: readonly StageName[] = ['memory-floor', 'sweep', 'replicas', 'workers', 'max-users'];

/** The run's view of its host: probes while it runs, the record at the end. */
export interface RunCalibration {
  /** Probes after `stage` when it measures capacity; a no-op otherwise or without calibration. */
  afterStage(stage: StageName): Promise<void>;
  /** The last probe, the run-wide CPU use, and the container removed. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Before the run: waits for a quiet host (or refuses, or warns, as the plan
 * says), then starts the reference API and probes it. Every probe and the
 * verdict go into `store.result.calibration` as they happen, so a stopped
 * run keeps what it measured.
 */
export async function openCalibration(store: RunStore, config: LabConfig, signal?: AbortSignal): Promise<RunCalibration> {
  const policy = config.host;
  const wait = await waitForQuietHost({ maxWaitS: policy.busyHost === 'wait' ? policy.busyWaitS : 0, ...(signal ? { signal } : {}) });
  if (!wait.quiet && policy.busyHost === 'refuse') throw busyError(wait);
  const idleVerdict = wait.quiet ? (wait.checks > 1 ? 'waited' : 'quiet') : 'forced';
  const runStart = await readProcStat();
  const cpuModel = await readCpuModel().catch(() => 'unknown');
  const probes: CalibrationProbe[] = [];
  const missed: { point: string; error: string }[] = [];
  const order = config.stages.filter((s) => CAPACITY_STAGES.includes(s));
  const record = async (run: ProcStatReading | null) => {
    const summary = summarizeCalibration(probes, cpuModel, wait.last.use, run ? hostCpuUse(runStart, run, null, run.cpuCount) : null);
    store.result.calibration = {
      ...summary,
      drifts: driftWarnings(probes, order),
      missed,
      idleVerdict,
      // The answers so far, rescaled each time a stage ends and the host is probed again.
      onReference: referenceAnswers(store.result.stages, summary.speedIndex),
    } satisfies HostCalibration;
    await store.save();
  };
  let session: CalibrationSession | null = null;
  // The probes describe the host; they are not the experiment. One that fails (the engine
  // going away, a port that never answers) leaves a gap in the record, never a failed run:
  // the stages find a lost engine themselves and say so.
  const probe = async (point: string) => {
    if (!session) return;
    try {
      probes.push(await session.probe(point));
    } catch (err) {
      if (err instanceof AbortedError) throw err;
      missed.push({ point, error: (err as Error).message });
    }
  };
  if (policy.calibrate) {
    session = await startCalibration({ runId: store.result.runId, ...(signal ? { signal } : {}) }).catch((err) => {
      if (err instanceof AbortedError) throw err;
      missed.push({ point: 'start', error: (err as Error).message });
      return null;
    });
    await probe('start');
  }
  await record(null);
  let closed = false;
  return {
    async afterStage(stage) {
      if (!session || !CAPACITY_STAGES.includes(stage) || stage === order.at(-1)) return;
      await probe(`after:${stage}`);
      await record(null);
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        if (!signal?.aborted) await probe('end');
      } finally {
        await session?.stop().catch(() => undefined);
        await record(await readProcStat().catch(() => null));
      }
    },
  };
}

function busyError(wait: QuietWait): LabError {
  const reasons = wait.last.reasons.map((r) => `${r.kind} ${(r.value * 100).toFixed(1)} % (limit ${(r.limit * 100).toFixed(0)} %)`).join(', ');
  return new LabError(
    `The host is too busy to measure: ${reasons} of its CPU over the last ${wait.last.use.seconds.toFixed(0)} s was not the lab's.`,
    'Stop what else is running, or pass --force to measure anyway (the report then carries the warning).',
  );
}
