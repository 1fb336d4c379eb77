import { LabError } from '../errors.ts';
import { engine } from './engine.ts';
import { withTimeout } from '../util/with-timeout.ts';

const GONE_CODES = new Set(['ECONNREFUSED', 'ENOENT', 'EPIPE', 'ECONNRESET', 'EACCES']);

/** True when an error means the engine's socket is gone, not that a request was refused. */
export function isEngineGone(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return Boolean(e && ((e.code && GONE_CODES.has(e.code)) || /socket hang up|Cannot connect to the Docker daemon|connect ENOENT/i.test(e.message ?? '')));
}

export async function engineAnswers(timeoutMs = 5_000): Promise<boolean> {
  return withTimeout(engine().ping(), timeoutMs).then(() => true, () => false);
}

/** The engine left mid-run: the run stops (no later stage could run) and says how to go on. */
export class EngineGoneError extends LabError {
  override readonly name = 'EngineGoneError';
}

export function engineGoneError(runDir: string | null, cause?: unknown): EngineGoneError {
  return new EngineGoneError(
    'The Docker engine stopped answering in the middle of the run.',
    `Start it again (e.g. \`bash scripts/setup-docker.sh\`)${runDir ? `, then continue with \`npx zx scripts/full-lab.mjs --resume ${runDir}\`` : ''}; finished trials are kept.`,
    { cause },
  );
}
