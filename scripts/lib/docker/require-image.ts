import { imageExists } from './ensure-base-image.ts';
import { runCommand } from './run-command.ts';
import { LabError } from '../errors.ts';
import type { CommandRecord } from '../results/types.ts';

/** A user's image must be there (or pullable) before anything starts, not fail inside compose. */
export async function requireImage(image: string, log?: CommandRecord[]): Promise<void> {
  if (await imageExists(image)) return;
  const pull = await runCommand(['docker', 'pull', image], { timeoutMs: 300_000, ...(log ? { log } : {}) });
  if (pull.exitCode !== 0) {
    throw new LabError(
      `The image ${image} is not on this engine and could not be pulled: ${(pull.stderr || pull.stdout).trim().split('\n').at(-1) ?? 'no output'}.`,
      `Build it (docker build -t ${image} .), pull it, give the target an image.build section, or check the name.`,
    );
  }
}
