import { $ } from 'zx';
import type { CommandRecord } from '../results/types.ts';
import { redactArgv } from '../results/redact.ts';

export interface CommandOutput {
  /** `null` when the command was killed by its timeout. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface RunOptions {
  timeoutMs: number;
  cwd?: string;
  /** Where to append the record shown in the report's command list. */
  log?: CommandRecord[];
  trialId?: string | null;
  env?: Record<string, string>;
}

/**
 * Runs argv without a shell (zx quotes every array item) and returns its
 * outcome as data: a non-zero exit is for the caller to judge.
 */
export async function runCommand(argv: readonly string[], opts: RunOptions): Promise<CommandOutput> {
  const started = Date.now();
  const out = await $({
    quiet: true,
    nothrow: true,
    timeout: opts.timeoutMs,
    cwd: opts.cwd,
    env: opts.env ? { ...process.env, ...opts.env } : process.env,
  })`${argv}`;
  const timedOut = out.exitCode === null;
  opts.log?.push({
    argv: redactArgv(argv),
    trialId: opts.trialId ?? null,
    exitCode: out.exitCode,
    durationMs: Date.now() - started,
  });
  return { exitCode: out.exitCode, stdout: out.stdout, stderr: out.stderr, timedOut };
}
