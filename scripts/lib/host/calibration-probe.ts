import { AbortedError, LabError, throwIfAborted } from '../errors.ts';
import { waitHealthy } from '../docker/wait-healthy.ts';
import { median } from '../analyze/intervals.ts';
import type { CalibrationProbe } from '../results/types.ts';
import { CALIBRATION_IMAGE, removeCalibrationContainer, startCalibrationContainer } from './calibration-container.ts';
import { closedLoop } from './closed-loop.ts';
import { containerCpuNs } from './container-cpu.ts';
import { runComputeLoop } from './compute-loop.ts';
import { speedIndexOf } from './speed-index.ts';

/**
 * The body every probe sends: the demo API's sample (app/sample-payload.json),
 * copied here on purpose. It is part of the reference workload, and an edit of
 * the sample for another reason must not move the reference D0.
 */
export const CALIBRATION_BODY = JSON.stringify({
  elevation: 2596, aspect: 51, slope: 3, horizontal_distance_to_hydrology: 258, vertical_distance_to_hydrology: 0,
  horizontal_distance_to_roadways: 510, hillshade_9am: 221, hillshade_noon: 232, hillshade_3pm: 148,
  horizontal_distance_to_fire_points: 6279, wilderness_area: 1, soil_type: 29,
});
/** Seconds of requests per probe unless the caller asks otherwise. */
export const DEFAULT_PROBE_S = 5;
/** Warm-up requests after /health: the first ones pay for imports, pools and caches. */
export const WARMUP_REQUESTS = 20;

const ENGINE_TIMEOUT_MS = 20_000;
const HEALTH_TIMEOUT_MS = 60_000;
const REQUEST_TIMEOUT_MS = 5_000;
const LOOP_TIMEOUT_MS = 20_000;

export interface CalibrationOptions {
  /** The run the container belongs to (its labels; run cleanup removes it). */
  runId: string;
  signal?: AbortSignal;
  /** Seconds of requests in each probe; the same for every probe of a run, so they compare. */
  durationS?: number;
  /** Pin the container to these CPUs (Docker `CpusetCpus`, e.g. `"0"`); unpinned by default. */
  cpuset?: string;
}

export interface CalibrationSession {
  containerId: string;
  /** `http://127.0.0.1:<port>`. */
  baseUrl: string;
  /** Seconds from the call until the first probe could run (create, start, health, warm-up). */
  startS: number;
  /** Measures once; `point` is `start`, `after:<stage>` or `end`. Probes never overlap. */
  probe(point: string): Promise<CalibrationProbe>;
  /** Removes the container. Safe to call twice and after a failed probe. */
  stop(): Promise<void>;
}

/**
 * Starts the reference API once for the whole run, so each probe costs only
 * its requests and loop (a few seconds), not a container start. A failure
 * anywhere removes the container and throws; later probes then throw too.
 */
export async function startCalibration(opts: CalibrationOptions): Promise<CalibrationSession> {
  const t0 = performance.now();
  const durationS = opts.durationS ?? DEFAULT_PROBE_S;
  if (!(durationS > 0)) throw new RangeError(`probe duration must be positive, got ${durationS}`);
  throwIfAborted(opts.signal);
  const { id, port } = await startCalibrationContainer(opts.runId, ENGINE_TIMEOUT_MS, opts.cpuset);
  const baseUrl = `http://127.0.0.1:${port}`;
  // `stopped`: no more probes; `removed`: the container is gone (a failed removal can be retried).
  let stopped = false;
  let removed = false;
  let busy = false;
  const stop = async () => {
    stopped = true;
    if (removed) return;
    await removeCalibrationContainer(id, ENGINE_TIMEOUT_MS);
    removed = true;
  };
  const failWith = async (err: unknown): Promise<never> => {
    await stop().catch(() => {});
    throw err;
  };

  try {
    const health = await waitHealthy({ kind: 'http', path: '/health', status: 200 }, { baseUrl, tcp: [] }, [id], HEALTH_TIMEOUT_MS, opts.signal);
    throwIfAborted(opts.signal);
    if (!health.healthy) {
      throw new LabError(
        `The calibration API (${CALIBRATION_IMAGE}) ${health.exited ? 'stopped' : 'did not answer /health'} within ${Math.round(health.waitedMs / 1000)} s.`,
        'Check that the image runs (`docker run --rm -e MODEL_MB=64 -p 127.0.0.1:8000:8000 locust-lab/api:optimized`), or skip calibration.',
      );
    }
    const warm = await closedLoop(`${baseUrl}/predict`, CALIBRATION_BODY, 30, REQUEST_TIMEOUT_MS, opts.signal, WARMUP_REQUESTS);
    if (warm.error) throw probeFailed('warm-up', warm.error, opts.signal);
  } catch (err) {
    return failWith(err);
  }

  const probe = async (point: string): Promise<CalibrationProbe> => {
    if (stopped) throw new Error('calibration session already stopped');
    if (busy) throw new Error('a calibration probe is already running');
    busy = true;
    try {
      throwIfAborted(opts.signal);
      const at = new Date().toISOString();
      const cpuBefore = await containerCpuNs(id, ENGINE_TIMEOUT_MS);
      const run = await closedLoop(`${baseUrl}/predict`, CALIBRATION_BODY, durationS, REQUEST_TIMEOUT_MS, opts.signal);
      const cpuAfter = await containerCpuNs(id, ENGINE_TIMEOUT_MS);
      if (run.error) throw probeFailed(point, run.error, opts.signal);
      const requests = run.latenciesMs.length;
      if (requests === 0) throw probeFailed(point, 'no request was answered', opts.signal);
      throwIfAborted(opts.signal);
      const loopMs = await runComputeLoop(id, LOOP_TIMEOUT_MS);
      const demandMs = (cpuAfter - cpuBefore) / 1e6 / requests;
      return {
        at,
        point,
        requests,
        durationS: run.elapsedS,
        p50Ms: median(run.latenciesMs)!,
        meanMs: run.latenciesMs.reduce((a, b) => a + b, 0) / requests,
        demandMs,
        loopMs,
        speedIndex: speedIndexOf(demandMs),
      };
    } catch (err) {
      // Engine and exec errors here mean the container or the engine went away: the user's to act on.
      return failWith(err instanceof LabError ? err : probeFailed(point, (err as Error).message, opts.signal, err));
    } finally {
      busy = false;
    }
  };

  return { containerId: id, baseUrl, startS: (performance.now() - t0) / 1000, probe, stop };
}

function probeFailed(point: string, why: string, signal: AbortSignal | undefined, cause?: unknown): LabError {
  if (signal?.aborted) return new AbortedError(String(signal.reason ?? 'interrupted'));
  return new LabError(
    `Calibration probe "${point}" failed: ${why}.`,
    'The reference API stopped answering (host out of memory or the engine busy?); run again, or skip calibration for this run.',
    { cause },
  );
}
