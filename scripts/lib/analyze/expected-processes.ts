/**
 * How many processes a server command keeps running in its container, so
 * that a count above it means something (a worker loading twice, a worker
 * restarted beside its dead one) and a supervisor does not (issue 10). The
 * rule, per word of the command, as measured with `docker top` on the demo
 * image (Python 3.11, uvicorn 0.17, gunicorn 20.1):
 * - `uvicorn` (a script or `python -m uvicorn`, or `fastapi run`) with N workers
 *   (`--workers N`, else `WEB_CONCURRENCY`, else 1): N = 1 runs one process;
 *   N > 1 runs N + 2: the supervisor and the resource tracker of Python's
 *   `multiprocessing` (uvicorn spawns its workers through it) beside the N workers;
 * - `gunicorn` with N workers (`-w N`, `--workers N`, else `WEB_CONCURRENCY`,
 *   else 1): N + 1, its arbiter and the workers (they are forked: no tracker);
 * - `uv run CMD`, `tini CMD`, `dumb-init CMD`: one more, the wrapper stays
 *   CMD's parent;
 * - `python [options] -m MODULE`: as MODULE.
 * Anything else (a shell, `--reload`, a gunicorn config file that may set the
 * workers, the image's own CMD) is not known: `null`, and the process signal
 * is not judged. Pure.
 */
export function expectedProcesses(argv: readonly string[], env: Readonly<Record<string, string>> = {}): number | null {
  const words = [...argv];
  let wrappers = 0;
  for (;;) {
    const name = baseName(words[0]);
    if (name === 'uv' && words[1] === 'run') {
      words.splice(0, 2);
      skipOptions(words, UV_RUN_VALUE_OPTIONS);
      wrappers++;
    } else if (name === 'tini' || name === 'dumb-init') {
      words.shift();
      skipOptions(words, new Set());
      wrappers++;
    } else if (/^python(\d+(\.\d+)?)?$/.test(name)) {
      const m = words.indexOf('-m');
      // Options before -m change nothing here; a script path instead of -m is not a server the rule knows.
      if (m < 1 || words.slice(1, m).some((w) => !w.startsWith('-'))) return null;
      words.splice(0, m + 1);
    } else if (name === 'fastapi' && words[1] === 'run') {
      words.splice(0, 2, 'uvicorn');
    } else {
      break;
    }
  }
  const server = baseName(words[0]);
  const fallback = positiveInt(env.WEB_CONCURRENCY) ?? 1;
  if (server === 'uvicorn') {
    if (words.includes('--reload')) return null;
    const n = optionValue(words, ['--workers']) ?? fallback;
    return wrappers + (n === 1 ? 1 : n + 2);
  }
  if (server === 'gunicorn') {
    const n = optionValue(words, ['-w', '--workers']);
    if (n === null && (words.includes('-c') || words.some((w) => w.startsWith('--config')))) return null;
    return wrappers + (n ?? fallback) + 1;
  }
  return null;
}

/** `uv run`'s options that take a value as the next word. */
const UV_RUN_VALUE_OPTIONS = new Set(['--with', '--with-requirements', '--with-editable', '--python', '-p', '--project', '--directory', '--package', '--env-file', '--extra', '--group', '--index', '--index-url', '--extra-index-url']);

const baseName = (word: string | undefined) => (word ?? '').split('/').at(-1)!;

/** Drops a wrapper's leading options (up to `--` or `-m`), so that `words[0]` is the command (or module) it runs. */
function skipOptions(words: string[], withValue: ReadonlySet<string>): void {
  while (words.length && words[0]!.startsWith('-')) {
    const option = words.shift()!;
    // `uv run -m MODULE`: the module is the command.
    if (option === '--' || option === '-m' || option === '--module') return;
    if (withValue.has(option)) words.shift();
  }
}

/** `--workers 4`, `--workers=4`, `-w 4` or `-w4`; `null` when absent or not a positive whole number. */
function optionValue(words: readonly string[], names: readonly string[]): number | null {
  for (const [i, word] of words.entries()) {
    for (const name of names) {
      if (word === name) return positiveInt(words[i + 1]);
      if (word.startsWith(`${name}=`)) return positiveInt(word.slice(name.length + 1));
      if (name.length === 2 && word.startsWith(name) && /^\d+$/.test(word.slice(2))) return positiveInt(word.slice(2));
    }
  }
  return null;
}

function positiveInt(text: string | undefined): number | null {
  return text !== undefined && /^\d+$/.test(text) && Number(text) > 0 ? Number(text) : null;
}
