import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { engine } from './engine.ts';
import { runCommand } from './run-command.ts';
import { LabError } from '../errors.ts';
import type { CommandRecord } from '../results/types.ts';

export const BASE_IMAGE = 'debian:bookworm-slim';

export type BaseImageSource = 'present' | 'pulled' | 'debootstrap';

/**
 * Makes `debian:bookworm-slim` available: already there, pulled, or, where no
 * registry answers, built once with debootstrap from the host's apt mirror and
 * `docker import`ed under the same name, so the Dockerfiles stay unchanged.
 */
export async function ensureBaseImage(log: CommandRecord[]): Promise<BaseImageSource> {
  if (await imageExists(BASE_IMAGE)) return 'present';
  const pull = await runCommand(['docker', 'pull', BASE_IMAGE], { timeoutMs: 180_000, log });
  if (pull.exitCode === 0) return 'pulled';

  const mirror = await aptMirror();
  const debootstrap = await runCommand(['sh', '-c', 'command -v debootstrap'], { timeoutMs: 5_000 });
  if (debootstrap.exitCode !== 0 || process.getuid?.() !== 0) {
    throw new LabError(
      `Cannot get ${BASE_IMAGE}: the pull failed (${firstLine(pull.stderr)}) and debootstrap cannot run here (needs root and the debootstrap package).`,
      `Pull it on a connected machine, or run as root after \`apt-get install debootstrap\` (scripts/setup-docker.sh installs it).`,
    );
  }
  const root = await mkdtemp(path.join(os.tmpdir(), 'locust-lab-rootfs-'));
  try {
    const boot = await runCommand(['debootstrap', '--variant=minbase', 'bookworm', root, mirror], { timeoutMs: 900_000, log });
    if (boot.exitCode !== 0) {
      throw new LabError(`debootstrap from ${mirror} failed: ${lastLine(boot.stdout + boot.stderr)}`, 'Check that apt can reach its mirror (`apt-get update`).');
    }
    // debootstrap keeps the .debs it installed; they would weigh on every image built from this one.
    await rm(path.join(root, 'var/cache/apt/archives'), { recursive: true, force: true });
    await mkdir(path.join(root, 'var/cache/apt/archives/partial'), { recursive: true });
    const imported = await runCommand(['sh', '-c', 'tar -C "$1" -c . | docker import - "$2"', 'import', root, BASE_IMAGE], { timeoutMs: 300_000, log });
    if (imported.exitCode !== 0) throw new LabError(`docker import of ${BASE_IMAGE} failed: ${lastLine(imported.stderr)}`);
    return 'debootstrap';
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export async function imageExists(ref: string): Promise<boolean> {
  try {
    await engine().getImage(ref).inspect();
    return true;
  } catch {
    return false;
  }
}

/** The first Debian mirror apt uses here (deb822 `.sources` or one-line `sources.list`). */
async function aptMirror(): Promise<string> {
  const files: string[] = ['/etc/apt/sources.list'];
  const dir = '/etc/apt/sources.list.d';
  for (const f of await readdir(dir).catch(() => [] as string[])) files.push(path.join(dir, f));
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch(() => '');
    const uri = /^URIs:\s*(\S+\/debian)\s*$/m.exec(text)?.[1] ?? /^deb\s+(?:\[[^\]]*\]\s+)?(\S+\/debian)\s+bookworm\b/m.exec(text)?.[1];
    if (uri) return uri;
  }
  return 'http://deb.debian.org/debian';
}

const firstLine = (s: string) => s.trim().split('\n')[0] ?? '';
const lastLine = (s: string) => s.trim().split('\n').at(-1) ?? '';
