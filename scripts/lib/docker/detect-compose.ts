import { runCommand } from './run-command.ts';

/** The compose CLI to call: v2 plugin first, v1 binary as the fallback. */
export interface ComposeCli {
  /** argv prefix, `['docker', 'compose']` or `['docker-compose']`. */
  argv: string[];
  /** e.g. `docker compose 2.29.1`. */
  describe: string;
  major: 1 | 2;
}

export async function detectCompose(): Promise<ComposeCli | null> {
  const candidates: string[][] = [['docker', 'compose'], ['docker-compose']];
  for (const argv of candidates) {
    const out = await runCommand([...argv, 'version', '--short'], { timeoutMs: 15_000 }).catch(() => null);
    const version = out?.exitCode === 0 ? out.stdout.trim().replace(/^v/, '') : '';
    if (/^\d+\.\d+/.test(version)) {
      return { argv, describe: `${argv.join(' ')} ${version}`, major: version.startsWith('1.') ? 1 : 2 };
    }
  }
  return null;
}
