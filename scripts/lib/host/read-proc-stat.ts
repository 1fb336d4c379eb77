import { readFile } from 'node:fs/promises';
import { LabError } from '../errors.ts';
import { parseProcStat, type ProcStatReading } from './proc-stat.ts';

/**
 * Reads the live `/proc/stat`. Linux only: macOS and Windows have no such
 * file, and Docker Desktop's VM is out of reach from the host, so the check
 * cannot see that machine's other load at all.
 */
export async function readProcStat(file = '/proc/stat'): Promise<ProcStatReading> {
  if (process.platform !== 'linux') {
    throw new LabError(
      `Host CPU use can only be read on Linux (this is ${process.platform}).`,
      'Run the lab on a Linux host or VM, or skip the host check (its numbers then stay empty).',
    );
  }
  const tMs = Date.now();
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new LabError(`Cannot read ${file}: ${err.code ?? err.message}.`, 'Mount procfs (a normal Linux host has it), or skip the host check.', { cause: err });
  });
  return parseProcStat(text, tMs);
}
