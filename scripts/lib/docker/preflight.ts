import os from 'node:os';
import { engine } from './engine.ts';
import { detectCompose, type ComposeCli } from './detect-compose.ts';
import { LabError } from '../errors.ts';
import { withTimeout } from '../util/with-timeout.ts';
import type { HostInfo } from '../results/types.ts';

export interface Preflight {
  host: HostInfo;
  compose: ComposeCli;
}

const ENGINE_TIMEOUT_MS = 10_000;

/**
 * Checks everything a trial needs before anything starts, and turns each
 * missing piece into a LabError that says how to fix it.
 */
export async function preflight(opts: { networks?: readonly string[] } = {}): Promise<Preflight> {
  const docker = engine();
  const info = await withTimeout(docker.info(), ENGINE_TIMEOUT_MS).catch((err: unknown) => {
    throw new LabError(
      `The Docker engine does not answer (${describeEngineError(err)}).`,
      'Start it: on Debian/Ubuntu as root run `bash scripts/setup-docker.sh`; elsewhere start Docker Desktop or your docker service, or set DOCKER_HOST.',
      { cause: err },
    );
  });
  const compose = await detectCompose();
  if (!compose) {
    throw new LabError(
      'Neither `docker compose` (v2) nor `docker-compose` (v1) was found.',
      'Install the compose plugin (package docker-compose-plugin) or docker-compose, e.g. with `bash scripts/setup-docker.sh`.',
    );
  }
  for (const network of opts.networks ?? []) {
    if (await docker.getNetwork(network).inspect().then(() => true, () => false)) continue;
    throw new LabError(`The network ${network} does not exist.`, `Create it (\`docker network create ${network}\`) or start the project that owns it (its compose project makes \`<project>_default\`), or leave it out of the target's networks and --network.`);
  }
  return {
    compose,
    host: {
      cpus: Number(info.NCPU) || os.cpus().length,
      memoryBytes: Number(info.MemTotal) || os.totalmem(),
      dockerVersion: String(info.ServerVersion ?? 'unknown'),
      compose: compose.describe,
      locustVersion: null,
      node: process.version,
      os: `${info.OperatingSystem ?? os.type()} (kernel ${info.KernelVersion ?? os.release()})`,
      cgroupVersion: String(info.CgroupVersion ?? '1') === '2' ? 2 : 1,
    },
  };
}

function describeEngineError(err: unknown): string {
  const e = err as { code?: string; address?: string; message?: string };
  if (e.code === 'ENOENT' || e.code === 'ECONNREFUSED') return `no engine at ${e.address ?? 'the socket'}`;
  if (e.code === 'EACCES') return `permission denied on ${e.address ?? 'the socket'}; add your user to the docker group`;
  return e.message ?? String(err);
}
