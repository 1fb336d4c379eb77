import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { engine } from './engine.ts';
import { runCommand } from './run-command.ts';
import { LabError } from '../errors.ts';
import type { CommandRecord } from '../results/types.ts';

export interface ImageBuild {
  tag: string;
  /** Build context folder (absolute). */
  context: string;
  /** Dockerfile path relative to the context; default `Dockerfile`. */
  dockerfile?: string;
  target?: string;
  buildArgs?: Record<string, string>;
}

export interface BuiltImage {
  tag: string;
  /** Image ID (`sha256:...`). */
  id: string;
  /** `false` when an image built from the same inputs already existed. */
  rebuilt: boolean;
  durationMs: number;
}

/** Label on every image the lab builds: the hash of its inputs. */
export const HASH_LABEL = 'io.locust-lab.inputs-hash';

/**
 * Builds an image unless one built from exactly the same inputs exists. The
 * inputs hash (context files, target, build args) is stored as a label, which
 * skips even the cached `docker build` pass on the second run.
 */
export async function buildImage(build: ImageBuild, log: CommandRecord[]): Promise<BuiltImage> {
  const started = Date.now();
  const hash = await inputsHash(build);
  const existing = await engine().getImage(build.tag).inspect().catch(() => null);
  if (existing?.Config?.Labels?.[HASH_LABEL] === hash) {
    return { tag: build.tag, id: existing.Id, rebuilt: false, durationMs: Date.now() - started };
  }
  const argv = ['docker', 'build', '-t', build.tag, '-f', path.join(build.context, build.dockerfile ?? 'Dockerfile'), '--label', `${HASH_LABEL}=${hash}`];
  if (build.target) argv.push('--target', build.target);
  for (const [k, v] of Object.entries(build.buildArgs ?? {})) argv.push('--build-arg', `${k}=${v}`);
  argv.push(build.context);
  // The legacy builder works on every engine (BuildKit needs buildx on old ones); cache works the same.
  const out = await runCommand(argv, { timeoutMs: 1_800_000, log, env: { DOCKER_BUILDKIT: '0' } });
  if (out.exitCode !== 0) {
    const tail = (out.stdout + '\n' + out.stderr).trim().split('\n').slice(-8).join('\n');
    throw new LabError(
      `Building ${build.tag} from ${build.context} failed${out.timedOut ? ' (timed out)' : ''}:\n${tail}`,
      'Fix the Dockerfile or check that apt inside the build can reach its mirror, then run again.',
    );
  }
  const image = await engine().getImage(build.tag).inspect();
  return { tag: build.tag, id: image.Id, rebuilt: true, durationMs: Date.now() - started };
}

async function inputsHash(build: ImageBuild): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ dockerfile: build.dockerfile ?? 'Dockerfile', target: build.target ?? null, args: build.buildArgs ?? {} }));
  // A rebuilt base image (e.g. a fresh debootstrap) must rebuild what stands on it.
  for (const base of await baseImages(path.join(build.context, build.dockerfile ?? 'Dockerfile'))) {
    hash.update(`\0FROM ${base} ${(await engine().getImage(base).inspect().catch(() => null))?.Id ?? 'missing'}`);
  }
  for (const file of await listFiles(build.context)) {
    hash.update(`\0${path.relative(build.context, file)}\0`);
    hash.update(await readFile(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Images named in FROM lines (build stages referring to each other are skipped). */
async function baseImages(dockerfile: string): Promise<string[]> {
  const text = await readFile(dockerfile, 'utf8');
  const stages = new Set<string>();
  const bases: string[] = [];
  for (const m of text.matchAll(/^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/gim)) {
    if (!stages.has(m[1]!.toLowerCase())) bases.push(m[1]!);
    if (m[2]) stages.add(m[2].toLowerCase());
  }
  return bases;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name === '__pycache__' || e.name.startsWith('.git')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) files.push(...(await listFiles(full)));
    else if (e.isFile()) files.push(full);
  }
  return files;
}
