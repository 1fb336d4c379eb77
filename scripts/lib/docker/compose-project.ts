import { engine } from './engine.ts';
import { runCommand, type CommandOutput } from './run-command.ts';
import type { ComposeCli } from './detect-compose.ts';
import type { CommandRecord } from '../results/types.ts';
import type Docker from 'dockerode';

/** One compose project (one trial): the CLI, its file and its name. */
export interface ComposeProject {
  cli: ComposeCli;
  file: string;
  name: string;
  log: CommandRecord[];
  trialId: string;
  /** Values for `${NAME}` references in the file (secrets never written to it). */
  env?: Record<string, string>;
}

export function compose(p: ComposeProject, args: string[], timeoutMs: number): Promise<CommandOutput> {
  return runCommand([...p.cli.argv, '-p', p.name, '-f', p.file, ...args], {
    timeoutMs,
    log: p.log,
    trialId: p.trialId,
    ...(p.env ? { env: p.env } : {}),
  });
}

/** Containers of one service, found by compose's own labels (names differ between v1 and v2). */
export async function serviceContainers(p: ComposeProject, service: string): Promise<Docker.ContainerInfo[]> {
  const list = await engine().listContainers({
    all: true,
    filters: { label: [`com.docker.compose.project=${p.name}`, `com.docker.compose.service=${service}`] },
  });
  return list.sort((a, b) => a.Created - b.Created);
}

/** Compose v1 strips characters v2 keeps; use only what both accept. */
export function projectName(runId: string, trialId: string): string {
  const run = runId.replace(/[^a-z0-9]/gi, '').toLowerCase().slice(-10);
  return `ll${run}_${trialId}`.toLowerCase().replace(/[^a-z0-9_-]/g, '');
}
