import type Docker from 'dockerode';
import { engine } from './engine.ts';
import { runCommand, type CommandOutput } from './run-command.ts';
import type { CommandRecord } from '../results/types.ts';

/** One swarm stack (one trial): its name, its file and where its commands are recorded. */
export interface StackProject {
  name: string;
  file: string;
  log: CommandRecord[];
  trialId: string;
  /** Values for `${NAME}` references in the file (secrets never written to it). */
  env?: Record<string, string>;
}

/** The label swarm puts on every task container of a stack. */
export const STACK_LABEL = 'com.docker.stack.namespace';
const SERVICE_LABEL = 'com.docker.swarm.service.name';

const run = (p: StackProject, argv: string[], timeoutMs: number) =>
  runCommand(['docker', ...argv], { timeoutMs, log: p.log, trialId: p.trialId, ...(p.env ? { env: p.env } : {}) });

/** `docker stack deploy` of `file` (the stack's own file, or its initial variant). */
export function deployStack(p: StackProject, file: string): Promise<CommandOutput> {
  return run(p, ['stack', 'deploy', '--prune', '-c', file, p.name], 120_000);
}

/** Sets a service's replicas without waiting for them (the lab waits on the containers itself). */
export function scaleServices(p: StackProject, scale: Record<string, number>): Promise<CommandOutput> {
  return run(p, ['service', 'scale', '--detach', ...Object.entries(scale).map(([s, n]) => `${p.name}_${s}=${n}`)], 60_000);
}

/** Task containers of one service on this node, oldest first. */
export async function stackContainers(p: StackProject, service: string): Promise<Docker.ContainerInfo[]> {
  const list = await engine().listContainers({ all: true, filters: { label: [`${STACK_LABEL}=${p.name}`, `${SERVICE_LABEL}=${p.name}_${service}`] } });
  return list.sort((a, b) => a.Created - b.Created);
}

/**
 * Waits until `n` task containers of `service` have started (running or
 * already exited: a task that died at once is data too), or the bound passes.
 * A container swarm has only created is not enough: waiting on it returns at
 * once, and nginx would not find the API's name yet.
 */
export async function waitContainers(p: StackProject, service: string, n: number, timeoutMs: number, signal?: AbortSignal): Promise<Docker.ContainerInfo[]> {
  const started = Date.now();
  for (;;) {
    const list = await stackContainers(p, service);
    const startedAll = list.length >= n && list.every((c) => c.State !== 'created');
    if (startedAll || Date.now() - started > timeoutMs || signal?.aborted) return list;
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Every task's log lines of one service, each prefixed with its task (`docker service logs`, as compose prefixes its containers). */
export async function serviceLogs(p: StackProject, service: string): Promise<string> {
  const out = await runCommand(['docker', 'service', 'logs', '--no-trunc', `${p.name}_${service}`], { timeoutMs: 30_000 });
  return out.stdout + out.stderr;
}

/**
 * `docker stack rm`, then waits (bounded) until its task containers and
 * network are gone: swarm stops the tasks in the background, and the next
 * trial must not share the host with them. `stack rm` gives up on a network
 * whose tasks are still stopping, so the network is removed here once they are gone.
 */
export async function removeStack(p: StackProject): Promise<void> {
  await run(p, ['stack', 'rm', p.name], 60_000);
  const filters = { label: [`${STACK_LABEL}=${p.name}`] };
  const started = Date.now();
  while (Date.now() - started < 30_000) {
    const left = await engine().listContainers({ all: true, filters });
    if (left.length === 0) {
      const nets = await engine().listNetworks({ filters });
      for (const n of nets) await engine().getNetwork(n.Id).remove().catch(() => undefined);
      if (nets.length === 0) return;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
