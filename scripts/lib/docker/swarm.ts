import { engine } from './engine.ts';
import { runCommand } from './run-command.ts';
import { LabError } from '../errors.ts';
import { LABEL_MANAGED, LABEL_OWNER_PID } from './labels.ts';
import { isAlive } from './cleanup.ts';
import type { CommandRecord } from '../results/types.ts';

/** One node of the swarm as the preflight lists it. */
export interface SwarmNode {
  hostname: string;
  role: string;
  state: string;
  cpus: number;
  memoryBytes: number;
}

/** What the lab found, so that it leaves the engine as found. */
export interface SwarmUse {
  /** True when the lab ran `docker swarm init` and so must leave the swarm at the end. */
  initialised: boolean;
  /** True when that init created `docker_gwbridge` (it was not there before). */
  gwbridgeCreated: boolean;
  nodes: SwarmNode[];
}

/** Swarm's bridge to the host; `docker swarm leave` keeps it, so the lab removes the one its init made. */
const GWBRIDGE = 'docker_gwbridge';
/** Node label: whether the lab's init created `docker_gwbridge` (so leaving removes it). */
const GWBRIDGE_LABEL = 'io.locust-lab.gwbridge-created';

/**
 * Makes sure this engine is a swarm manager before a swarm trial. The lab
 * never joins or creates a swarm unasked: with `init` it creates a
 * single-node swarm on loopback (and `leaveSwarm` undoes it), otherwise an
 * inactive engine is an error that says how to proceed.
 */
export async function useSwarm(opts: { init: boolean; log: CommandRecord[] }): Promise<SwarmUse> {
  const info = await engine().info();
  const state = String(info.Swarm?.LocalNodeState ?? 'inactive');
  let initialised = false;
  let gwbridgeCreated = false;
  if (state === 'inactive') {
    if (!opts.init) {
      throw new LabError(
        'This engine is not in a swarm.',
        'Run with --swarm-init to create a single-node swarm that the lab leaves afterwards, or run `docker swarm init` yourself (the lab then leaves it active).',
      );
    }
    const hadGwbridge = await engine().getNetwork(GWBRIDGE).inspect().then(() => true, () => false);
    const out = await runCommand(['docker', 'swarm', 'init', '--advertise-addr', '127.0.0.1'], { timeoutMs: 60_000, log: opts.log });
    if (out.exitCode !== 0) throw new LabError(`docker swarm init failed: ${(out.stderr || out.stdout).trim()}`, 'Run `docker swarm init --advertise-addr 127.0.0.1` yourself to see why, or use --engine compose.');
    initialised = true;
    gwbridgeCreated = !hadGwbridge;
    // The node carries the lab's labels, so a run killed before it could leave is undone by the next one.
    const labels = { [LABEL_MANAGED]: 'true', [LABEL_OWNER_PID]: String(process.pid), [GWBRIDGE_LABEL]: String(gwbridgeCreated) };
    await runCommand(['docker', 'node', 'update', ...Object.entries(labels).flatMap(([k, v]) => ['--label-add', `${k}=${v}`]), String((await engine().info()).Swarm?.NodeID)], { timeoutMs: 30_000, log: opts.log });
  } else if (state !== 'active') {
    throw new LabError(`This engine's swarm state is "${state}".`, 'Wait until `docker info` shows "Swarm: active" (or leave the swarm with `docker swarm leave`), then run again.');
  } else if (!info.Swarm?.ControlAvailable) {
    throw new LabError('This engine is a swarm worker; stacks are deployed from a manager.', 'Run the lab on a manager node of the swarm (`docker node ls` works there).');
  }
  return { initialised, gwbridgeCreated, nodes: await swarmNodes() };
}

/** The swarm's nodes with what each offers. */
export async function swarmNodes(): Promise<SwarmNode[]> {
  const nodes = await engine().listNodes();
  return nodes.map((n) => ({
    hostname: String(n.Description?.Hostname ?? n.ID),
    role: String(n.Spec?.Role ?? ''),
    state: String(n.Status?.State ?? ''),
    cpus: Number(n.Description?.Resources?.NanoCPUs ?? 0) / 1e9,
    memoryBytes: Number(n.Description?.Resources?.MemoryBytes ?? 0),
  }));
}

/** Leaves the swarm if the lab created it, and the `docker_gwbridge` network its init left behind; a swarm found active stays. */
export async function leaveSwarm(use: SwarmUse, log: CommandRecord[]): Promise<void> {
  if (!use.initialised) return;
  await runCommand(['docker', 'swarm', 'leave', '--force'], { timeoutMs: 60_000, log });
  if (use.gwbridgeCreated) await engine().getNetwork(GWBRIDGE).remove().catch(() => undefined);
}

/** The address a task container has on `docker_gwbridge`: how this host reaches a swarm task with no published port. */
export async function gwbridgeAddress(containerId: string): Promise<string | null> {
  const net = await engine().getNetwork(GWBRIDGE).inspect().catch(() => null) as { Containers?: Record<string, { IPv4Address?: string }> } | null;
  return net?.Containers?.[containerId]?.IPv4Address?.split('/')[0] ?? null;
}

/**
 * A swarm that an earlier lab run created and could not leave (killed twice,
 * `kill -9`): its node still carries that run's labels and its process is
 * gone. Leaves it, as that run would have; a swarm anyone else made is left alone.
 */
export async function leaveOrphanSwarm(log: CommandRecord[]): Promise<boolean> {
  const info = await engine().info();
  if (info.Swarm?.LocalNodeState !== 'active' || !info.Swarm?.ControlAvailable) return false;
  const node = await engine().getNode(String(info.Swarm.NodeID)).inspect().catch(() => null) as { Spec?: { Labels?: Record<string, string> } } | null;
  const labels = node?.Spec?.Labels ?? {};
  if (labels[LABEL_MANAGED] !== 'true' || isAlive(Number(labels[LABEL_OWNER_PID]))) return false;
  await leaveSwarm({ initialised: true, gwbridgeCreated: labels[GWBRIDGE_LABEL] === 'true', nodes: [] }, log);
  return true;
}
