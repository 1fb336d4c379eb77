import { randomBytes } from 'node:crypto';
import { engine } from '../docker/engine.ts';
import { labLabels } from '../docker/labels.ts';
import { API_IMAGE } from '../docker/lab-images.ts';
import { LabError } from '../errors.ts';
import { withTimeout } from '../util/with-timeout.ts';

/**
 * The reference workload's container. Every value here is part of what speed
 * index 1 means: change one and the reference D0 must be measured again.
 */
export const CALIBRATION_IMAGE = API_IMAGE.optimized;
/** Small model: the probe measures CPU per request, and 64 MiB loads in about a second. */
export const CALIBRATION_MODEL_MB = 64;
/** One core: the same limit on every host, so D0 is per-core speed, not core count. */
export const CALIBRATION_NANO_CPUS = 1e9;
export const CALIBRATION_MEMORY_BYTES = 512 * 1024 * 1024;
/** Trial label value: run cleanup (`removeLabObjects({ runId })`) finds it with the rest. */
export const CALIBRATION_TRIAL = 'calibration';
const API_PORT = '8000/tcp';

export interface CalibrationContainer {
  id: string;
  /** Host port on 127.0.0.1 the engine picked. */
  port: number;
}

/**
 * Creates and starts the calibration API. The port is published on loopback
 * only, with the engine picking a free one, so two runs never collide and
 * nothing outside this host can reach it. `cpuset` pins it (Docker `CpusetCpus`).
 * On any failure after the create, the container is removed before throwing.
 */
export async function startCalibrationContainer(runId: string, timeoutMs: number, cpuset?: string): Promise<CalibrationContainer> {
  const docker = engine();
  const container = await withTimeout(
    docker.createContainer({
      // Named for `docker ps`; the tail keeps a resumed run clear of a leftover of its own.
      name: `${runId.replace(/[^a-zA-Z0-9_.-]/g, '-')}-calibration-${randomBytes(2).toString('hex')}`,
      Image: CALIBRATION_IMAGE,
      Env: [`MODEL_MB=${CALIBRATION_MODEL_MB}`],
      Labels: labLabels(runId, CALIBRATION_TRIAL),
      ExposedPorts: { [API_PORT]: {} },
      HostConfig: {
        NanoCpus: CALIBRATION_NANO_CPUS,
        Memory: CALIBRATION_MEMORY_BYTES,
        MemorySwap: CALIBRATION_MEMORY_BYTES,
        ...(cpuset ? { CpusetCpus: cpuset } : {}),
        PortBindings: { [API_PORT]: [{ HostIp: '127.0.0.1', HostPort: '' }] },
      },
    }),
    timeoutMs,
  ).catch((err: { statusCode?: number; message?: string }) => {
    if (err.statusCode === 404) {
      throw new LabError(`The calibration image ${CALIBRATION_IMAGE} is missing.`, 'Build the lab images first (the lab builds them before calibrating; `docker images locust-lab/api` lists them).', { cause: err });
    }
    throw err;
  });
  try {
    await withTimeout(container.start(), timeoutMs);
    const info = await withTimeout(container.inspect(), timeoutMs);
    const port = Number(info.NetworkSettings.Ports?.[API_PORT]?.[0]?.HostPort);
    if (!Number.isInteger(port) || port <= 0) throw new Error('the engine published no port for the calibration container');
    return { id: container.id, port };
  } catch (err) {
    // The first error is the one worth reporting; a leftover is found by its labels in run cleanup.
    await removeCalibrationContainer(container.id, timeoutMs).catch(() => {});
    throw err;
  }
}

/** Force-removes it; already gone is fine, an engine that does not answer is left to run cleanup. */
export async function removeCalibrationContainer(id: string, timeoutMs: number): Promise<void> {
  await withTimeout(engine().getContainer(id).remove({ force: true, v: true }), timeoutMs).catch((err: { statusCode?: number }) => {
    if (err.statusCode !== 404 && err.statusCode !== 409) throw err;
  });
}
