import path from 'node:path';
import { LabError } from '../errors.ts';
import { showValue, type ImportNotice } from './compose-notice.ts';

/**
 * A compose service's environment: `env_file` entries first (in order, each
 * read relative to the compose file's folder), then `environment` (a list of
 * `KEY=value` or a map) over them, as compose merges them. Names without a
 * value take theirs from the shell that runs compose; the lab has no such
 * shell, so they are left out with a notice.
 */
export function composeEnv(
  svc: Record<string, unknown>,
  where: string,
  composeDir: string,
  readText: (file: string) => string,
  notices: ImportNotice[],
): Record<string, string> {
  const env: Record<string, string> = {};
  const fromShell = (field: string, key: string) =>
    notices.push({ kind: 'set-aside', field, value: key, message: `${key} has no value in the file; compose would take it from the shell that runs it. Give it in target.env (or the env_file) to pass it.` });

  for (const [i, entry] of envFileEntries(svc.env_file, `${where}.env_file`).entries()) {
    const field = `${where}.env_file[${i}]`;
    const file = path.resolve(composeDir, entry.path);
    let text: string;
    try {
      text = readText(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      if (!entry.required) {
        notices.push({ kind: 'noted', field, value: entry.path, message: `${file} is not there (${code}); it is optional (required: false), so it was skipped.` });
        continue;
      }
      throw new LabError(`${field}: cannot read ${file} (${code}).`, 'env_file paths are relative to the compose file\'s folder; fix the path or mark it required: false.');
    }
    for (const [key, value] of Object.entries(parseDotenv(text, file))) {
      if (value === null) fromShell(field, key);
      else env[key] = value;
    }
  }

  const raw = svc.environment;
  const set = (key: string, value: unknown, field: string) => {
    if (value === null || value === undefined) {
      delete env[key];
      fromShell(field, key);
    } else if (typeof value === 'object') {
      throw new LabError(`${field}: ${key} has a ${Array.isArray(value) ? 'list' : 'mapping'} as its value.`, 'Give each variable a string, number or boolean.');
    } else {
      env[key] = String(value);
      if (/\$\{?[A-Za-z_]/.test(String(value))) {
        notices.push({ kind: 'noted', field, value: String(value), message: `${key} is kept as written: the lab does not substitute \${...} from a shell or a .env file. Write the value itself if it should differ.` });
      }
    }
  };
  if (Array.isArray(raw)) {
    raw.forEach((item, i) => {
      const text = String(item);
      const eq = text.indexOf('=');
      if (eq < 0) set(text, null, `${where}.environment[${i}]`);
      else set(text.slice(0, eq), text.slice(eq + 1), `${where}.environment[${i}]`);
    });
  } else if (raw && typeof raw === 'object') {
    for (const [key, value] of Object.entries(raw)) set(key, value, `${where}.environment.${key}`);
  } else if (raw !== undefined && raw !== null) {
    throw new LabError(`${where}.environment: ${showValue(raw)} is neither a list nor a mapping.`, 'Write environment as a list (- KEY=value) or a mapping (KEY: value).');
  }
  return env;
}

/** `env_file` as a string, a list of strings, or a list of `{path, required}`. */
function envFileEntries(raw: unknown, field: string): { path: string; required: boolean }[] {
  if (raw === undefined || raw === null) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((e, i) => {
    if (typeof e === 'string') return { path: e, required: true };
    if (e && typeof e === 'object' && typeof (e as { path?: unknown }).path === 'string') {
      return { path: (e as { path: string }).path, required: (e as { required?: unknown }).required !== false };
    }
    throw new LabError(`${field}[${i}]: ${showValue(e)} is not a file.`, 'Write env_file as a path, a list of paths, or a list of {path, required}.');
  });
}

/**
 * Compose's env-file format: `KEY=value` lines, `#` comments, blank lines, an
 * optional `export `; '...' is literal, "..." knows \n, \t, \" and \\; an
 * unquoted value ends at ` #`. A bare `KEY` maps to `null` (from the shell).
 */
export function parseDotenv(text: string, file: string): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:=\s*(.*))?$/.exec(line);
    if (!m) throw new LabError(`${file} line ${i + 1}: "${line}" is not KEY=value.`, 'Env files hold one KEY=value per line; # starts a comment.');
    const key = m[1]!;
    const rest = m[2];
    if (rest === undefined) {
      out[key] = null;
      return;
    }
    const dq = /^"((?:[^"\\]|\\.)*)"\s*(?:#.*)?$/.exec(rest);
    const sq = /^'([^']*)'\s*(?:#.*)?$/.exec(rest);
    if (dq) out[key] = dq[1]!.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
    else if (sq) out[key] = sq[1]!;
    else out[key] = rest.replace(/\s+#.*$/, '').trim();
  });
  return out;
}
