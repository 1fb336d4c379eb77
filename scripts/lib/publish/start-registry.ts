import { engine } from '../docker/engine.ts';
import { labLabels, LABEL_MANAGED } from '../docker/labels.ts';
import { runCommand } from '../docker/run-command.ts';
import { LabError } from '../errors.ts';
import type { CommandRecord } from '../results/types.ts';

/** Marks the registry among the lab's containers, so a second start finds it. */
export const LABEL_ROLE = 'io.locust-lab.role';
const ROLE = 'registry';
const LOOPBACK = '127.0.0.1';

export interface RegistryOptions {
  runId: string;
  /** From `ensureRegistryImage`. */
  image: string;
  log: CommandRecord[];
  /** Host port on 127.0.0.1; default 5000 like the workshop's registries. */
  hostPort?: number;
  /** Bound on waiting for `GET /v2/`; default 30 s. */
  readyTimeoutMs?: number;
}

export interface RegistryHandle {
  containerId: string;
  name: string;
  /** `127.0.0.1:5000`: the prefix of pushed references. */
  address: string;
  /** `http://127.0.0.1:5000`: base of the v2 API. */
  url: string;
  /** An already running lab registry was found and reused (it was not started by this call). */
  reused: boolean;
  /** From `docker run` (or from finding it) until `/v2/` answered. */
  readyMs: number;
}

/**
 * Starts the lab's registry on 127.0.0.1 only (never 0.0.0.0: an open
 * registry on a laptop is a gift to the café's network), or reuses the lab
 * registry already running on that port. Storage is inside the container and
 * goes with it.
 */
export async function startRegistry(opts: RegistryOptions): Promise<RegistryHandle> {
  const started = Date.now();
  const hostPort = opts.hostPort ?? 5000;
  const address = `${LOOPBACK}:${hostPort}`;
  const url = `http://${address}`;
  const name = `locust-lab-registry-${hostPort}`;
  const timeoutMs = opts.readyTimeoutMs ?? 30_000;

  const running = await findLabRegistry(hostPort);
  if (running) {
    await waitReady(url, running, timeoutMs, opts.log);
    return { containerId: running, name, address, url, reused: true, readyMs: Date.now() - started };
  }
  await clearName(name, opts.log);

  const labels = { ...labLabels(opts.runId), [LABEL_ROLE]: ROLE };
  const argv = ['docker', 'run', '-d', '--name', name, '-p', `${address}:5000`, '--memory', '512m', '--restart', 'no'];
  for (const [k, v] of Object.entries(labels)) argv.push('--label', `${k}=${v}`);
  argv.push(opts.image);
  const run = await runCommand(argv, { timeoutMs: 60_000, log: opts.log });
  if (run.exitCode !== 0) {
    // A refused start (port taken) still leaves the created container behind.
    await removeContainer(name, opts.log).catch(() => undefined);
    throw new LabError(
      `Could not start the local registry on ${address}: ${run.stderr.trim().split('\n').at(-1) ?? 'docker run failed'}`,
      /already allocated|address already in use/.test(run.stderr)
        ? `Something else holds ${address}; stop it, or publish to another port or with --registry.`
        : 'Check that the registry image exists (it is built from compose/registry) and the engine is running.',
    );
  }
  const id = run.stdout.trim().split('\n').at(-1) ?? name;
  await waitReady(url, id, timeoutMs, opts.log);
  return { containerId: id, name, address, url, reused: false, readyMs: Date.now() - started };
}

/** Removes the registry container and what it stored. The caller decides whether to stop a reused one. */
export async function stopRegistry(handle: Pick<RegistryHandle, 'containerId'>, log?: CommandRecord[]): Promise<void> {
  await removeContainer(handle.containerId, log);
}

/** A stopped lab registry of an earlier run would block the name; anyone else's is left alone. */
async function clearName(name: string, log: CommandRecord[]): Promise<void> {
  const existing = await engine().getContainer(name).inspect().catch(() => null);
  if (!existing) return;
  if (existing.Config.Labels?.[LABEL_MANAGED] !== 'true') {
    throw new LabError(`A container named ${name} exists and was not made by the lab.`, `Remove or rename it, or publish to another port.`);
  }
  await removeContainer(existing.Id, log);
}

async function findLabRegistry(hostPort: number): Promise<string | null> {
  const list = await engine().listContainers({
    filters: { label: [`${LABEL_MANAGED}=true`, `${LABEL_ROLE}=${ROLE}`], status: ['running'] },
  });
  const match = list.find((c) => c.Ports.some((p) => p.PublicPort === hostPort && p.IP === LOOPBACK));
  return match?.Id ?? null;
}

/** `/v2/` answers 200 (or 401 on a registry with auth) once the registry serves. */
async function waitReady(url: string, containerId: string, timeoutMs: number, log: CommandRecord[]): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const container = engine().getContainer(containerId);
  while (Date.now() < deadline) {
    const status = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.status, () => 0);
    if (status === 200 || status === 401) return;
    const state = await container.inspect().then((i) => i.State, () => null);
    if (!state?.Running) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const logs = await runCommand(['docker', 'logs', '--tail', '5', containerId], { timeoutMs: 10_000 });
  await removeContainer(containerId, log);
  throw new LabError(
    `The local registry did not answer ${url}/v2/ within ${Math.round(timeoutMs / 1000)} s:\n${(logs.stdout + logs.stderr).trim()}`,
    'Look at the registry log above; on a slow host raise the wait.',
  );
}

async function removeContainer(id: string, log?: CommandRecord[]): Promise<void> {
  await runCommand(['docker', 'rm', '-f', '-v', id], { timeoutMs: 30_000, ...(log ? { log } : {}) });
}
