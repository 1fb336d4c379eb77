import { createHash } from 'node:crypto';
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

/**
 * Unique per run and trial, short enough for container names, and made only
 * of characters compose v1 and v2 both keep.
 */
export function projectName(runId: string, trialId: string): string {
  const run = createHash('sha256').update(runId).digest('hex').slice(0, 8);
  return `ll${run}_${trialId}`.toLowerCase().replace(/[^a-z0-9_-]/g, '');
}
