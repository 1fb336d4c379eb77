import type { TargetSetup } from './types.ts';

/**
 * Setups for the workers stage read from the target's own command, when it
 * runs uvicorn or gunicorn: the same command, every other option kept, with
 * its worker count as `{workers}` and its port as `{port}`. `uv run uvicorn`
 * and `python3 -m uvicorn` keep their launcher. Any other command gives none
 * (the workers stage then has nothing to compare and says so).
 */
export function setupsFromCommand(command: readonly string[] | null, workers: number[] = [1, 2]): TargetSetup[] {
  if (!command) return [];
  const server = command.findIndex((w) => /^(?:.*\/)?(?:uvicorn|gunicorn)$/.test(w));
  if (server < 0) return [];
  const isGunicorn = command[server]!.endsWith('gunicorn');
  const launcher = command.slice(0, server);
  const args = command.slice(server + 1);
  const name = isGunicorn ? 'gunicorn' : launcher[0] === 'uv' ? 'uv-uvicorn' : 'uvicorn';
  const template = isGunicorn ? gunicornArgs(args) : uvicornArgs(args);
  return [{ name, image: null, command: [...command.slice(0, server + 1), ...template], workers }];
}

/** Drops `flag value` / `flag=value` for any of `flags`; returns the rest and the last value seen. */
function takeOption(args: readonly string[], flags: string[]): { rest: string[]; value: string | null } {
  const rest: string[] = [];
  let value: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = flags.find((f) => a.startsWith(`${f}=`));
    if (flags.includes(a) && i + 1 < args.length) {
      value = args[i + 1]!;
      i += 1;
    } else if (eq) value = a.slice(eq.length + 1);
    else rest.push(a);
  }
  return { rest, value };
}

function uvicornArgs(args: readonly string[]): string[] {
  const noWorkers = takeOption(args, ['--workers']).rest;
  const port = takeOption(noWorkers, ['--port']);
  return [...port.rest, '--port', '{port}', '--workers', '{workers}'];
}

function gunicornArgs(args: readonly string[]): string[] {
  const noWorkers = takeOption(args, ['-w', '--workers']).rest;
  const bind = takeOption(noWorkers, ['-b', '--bind']);
  const host = bind.value?.replace(/:\d+$/, '') || '0.0.0.0';
  // The app module stays last, where gunicorn expects it.
  const app = bind.rest.at(-1) && !bind.rest.at(-1)!.startsWith('-') ? [bind.rest.at(-1)!] : [];
  const opts = app.length ? bind.rest.slice(0, -1) : bind.rest;
  return [...opts, '-w', '{workers}', '-b', `${host}:{port}`, ...app];
}

/** The port a command binds: the last `--port N`, `--port=N`, `--bind host:N` or `-b host:N`. */
export function portFromCommand(command: readonly string[] | null): number | null {
  if (!command) return null;
  let port: number | null = null;
  for (let i = 0; i < command.length; i++) {
    const a = command[i]!;
    const next = command[i + 1];
    let v: string | undefined;
    if ((a === '--port' || a === '-p') && next !== undefined) v = next;
    else if (a.startsWith('--port=')) v = a.slice(7);
    else if ((a === '--bind' || a === '-b') && next !== undefined) v = /:(\d+)$/.exec(next)?.[1];
    else if (a.startsWith('--bind=')) v = /:(\d+)$/.exec(a)?.[1];
    if (v !== undefined && /^\d+$/.test(v)) port = Number(v);
  }
  return port;
}
