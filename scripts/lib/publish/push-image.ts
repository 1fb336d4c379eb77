import { engine } from '../docker/engine.ts';
import { runCommand, type CommandOutput } from '../docker/run-command.ts';
import { LabError } from '../errors.ts';
import type { CommandRecord } from '../results/types.ts';
import type { PublishTarget } from './registry-ref.ts';
import { findRepoDigest, parsePushDigest } from './registry-responses.ts';

export interface PushOptions {
  /** The run's command log; this push's commands are appended to it too. */
  log: CommandRecord[];
  /** Bound on `docker push`; default 20 min (a 1.2 GB image over a slow uplink). */
  timeoutMs?: number;
  trialId?: string | null;
}

export interface PushedImage {
  target: PublishTarget;
  sourceImage: string;
  /** Local image ID (`sha256:...`). */
  localImageId: string;
  /** Digest `docker push` printed on its last line. */
  pushDigest: string | null;
  /** Digest the engine recorded in `RepoDigests` for this registry and repository. */
  localDigest: string | null;
  pushMs: number;
  /** Only this push's commands. */
  commands: CommandRecord[];
}

/**
 * `docker tag` + `docker push`. For a remote registry the CLI's existing login
 * is used as is: the lab never asks for, passes or prints a credential.
 */
export async function pushImage(sourceImage: string, target: PublishTarget, opts: PushOptions): Promise<PushedImage> {
  const commands: CommandRecord[] = [];
  const run = async (argv: string[], timeoutMs: number): Promise<CommandOutput> => {
    const out = await runCommand(argv, { timeoutMs, log: commands, trialId: opts.trialId ?? null });
    opts.log.push(commands.at(-1)!);
    return out;
  };
  const local = await engine().getImage(sourceImage).inspect().catch(() => null);
  if (!local) throw new LabError(`There is no local image ${sourceImage} to publish.`, 'Build the lab images first (the Publish stage runs after the build).');

  const tag = await run(['docker', 'tag', sourceImage, target.ref], 30_000);
  if (tag.exitCode !== 0) throw new LabError(`docker tag ${sourceImage} ${target.ref} failed: ${lastLine(tag.stderr)}`);

  const started = Date.now();
  const push = await run(['docker', 'push', target.ref], opts.timeoutMs ?? 1_200_000);
  const pushMs = Date.now() - started;
  if (push.exitCode !== 0) {
    throw new LabError(`docker push ${target.ref} ${push.timedOut ? 'timed out' : 'failed'}: ${lastLine(push.stderr || push.stdout)}`, pushHint(push, target));
  }
  const after = await engine().getImage(local.Id).inspect();
  return {
    target,
    sourceImage,
    localImageId: local.Id,
    pushDigest: parsePushDigest(push.stdout),
    localDigest: findRepoDigest(after.RepoDigests, target.host, target.repository),
    pushMs,
    commands,
  };
}

/** Drops the registry-named tag from the local engine; the image keeps its own name. */
export async function untagPushed(ref: string, log: CommandRecord[]): Promise<boolean> {
  const out = await runCommand(['docker', 'rmi', ref], { timeoutMs: 60_000, log });
  return out.exitCode === 0;
}

function pushHint(out: CommandOutput, target: PublishTarget): string {
  const text = out.stdout + out.stderr;
  if (out.timedOut) return 'The push ran past its bound; on a slow uplink raise the push timeout.';
  if (/denied|unauthorized|authentication required/i.test(text)) {
    return `Log in once with \`docker login ${target.dockerHub ? '' : target.host}\`; the lab uses that login and never asks for a password.`.replace('  ', ' ');
  }
  if (/server gave HTTP response to HTTPS client/i.test(text)) {
    return `${target.host} speaks plain HTTP; the engine allows that only for 127.0.0.0/8 unless it is listed in insecure-registries.`;
  }
  if (/connection refused|no such host|i\/o timeout/i.test(text)) return `The registry at ${target.host} cannot be reached from the engine.`;
  return 'Check the registry name and that the engine can reach it.';
}

const lastLine = (s: string) => s.trim().split('\n').at(-1) ?? '';
