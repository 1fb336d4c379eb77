import { readFileSync } from 'node:fs';
import path from 'node:path';
import { YAML } from 'zx';
import { LabError } from '../errors.ts';
import { composeEnv } from './compose-env.ts';
import { healthFromCompose } from './compose-healthcheck.ts';
import { composeLimitNotice } from './compose-limits.ts';
import { showValue, type ImportNotice } from './compose-notice.ts';
import { portFromCommand, setupsFromCommand } from './setups-from-command.ts';
import { shellOperators, splitCommand } from '../util/split-command.ts';
import type { ImageBuildSpec, Target } from './types.ts';

export type { ImportNotice } from './compose-notice.ts';

/** A target read from a compose service, and what the import did with each field it did not take as is. */
export interface ComposeImport {
  target: Target;
  notices: ImportNotice[];
}

export interface ImportOptions {
  /** Path of the compose file: relative `build` and `env_file` paths start at its folder; messages name it. */
  composeFile: string;
  /** Reads an env file (UTF-8); by default from disk. */
  readText?: (file: string) => string;
  /** The host's memory, to tell a limit no host here has (500G) from one the lab merely sets itself; `null`: unknown. */
  hostMemoryBytes?: number | null;
}

/** Keys the lab sets itself for every trial, with the reason shown. */
const LAB_SETS: Record<string, string> = {
  container_name: 'the lab names each trial\'s containers itself, so trials and replicas never clash',
  ports: 'the lab publishes the API on a loopback port it picks per trial',
  restart: 'the lab never restarts the API: a crash or OOM kill is a result',
  scale: 'the replicas stage sets the number of replicas per trial',
};

/**
 * Reads one service of a docker compose file into a Target. Fields the lab
 * sets per trial (`container_name`, `ports`, `deploy.resources`, `restart`)
 * are ignored, values it cannot use are refused, and every such field gets a
 * notice naming it and saying why. Throws when the file is not YAML, has no
 * such service, or a field it needs cannot be read.
 */
export function importCompose(text: string, service: string, o: ImportOptions): ComposeImport {
  const file = o.composeFile;
  const composeDir = path.dirname(path.resolve(file));
  let doc: unknown;
  try {
    doc = (YAML.parse as (t: string, opts: object) => unknown)(text, { merge: true });
  } catch (err) {
    throw new LabError(`${file} is not valid YAML: ${(err as Error).message.split('\n')[0]}`, 'Check the file with `docker compose -f FILE config`.');
  }
  const services = (doc as { services?: unknown } | null)?.services;
  if (!services || typeof services !== 'object' || Array.isArray(services)) {
    throw new LabError(`${file} has no services: mapping.`, 'Give the compose file that defines your API (the one `docker compose up` uses).');
  }
  const names = Object.keys(services);
  const svc = (services as Record<string, unknown>)[service];
  if (!svc || typeof svc !== 'object') {
    throw new LabError(`${file} has no service "${service}".`, `Pass --service with one of: ${names.join(', ')}.`);
  }
  const s = svc as Record<string, unknown>;
  const where = `services.${service}`;
  const notices: ImportNotice[] = [];
  const note = (n: ImportNotice) => notices.push(n);

  // Image and build.
  const build = buildSpec(s.build, `${where}.build`, composeDir);
  if (s.image === undefined && !build) throw new LabError(`${where} has neither image nor build.`, 'Give the service an image (e.g. image: me/api:latest) or a build context.');
  const ref = typeof s.image === 'string' ? s.image : `locust-lab/target-${slug(service)}:latest`;
  if (s.image === undefined) note({ kind: 'assumed', field: `${where}.image`, value: null, message: `No image name: the lab builds ${build!.context} and tags it ${ref}.` });

  // Command, then the port it binds.
  let command: string[] | null = null;
  if (typeof s.command === 'string') {
    command = splitCommand(s.command, `${where}.command`);
    note({ kind: 'noted', field: `${where}.command`, value: s.command, message: `Split the way a shell would, into ${command.length} arguments: ${JSON.stringify(command)}.` });
    const ops = shellOperators(command);
    if (ops.length) note({ kind: 'noted', field: `${where}.command`, value: s.command, message: `${ops.join(' ')} reach the program as plain arguments (compose runs no shell); write sh -c '...' if a shell is meant.` });
  } else if (Array.isArray(s.command)) command = s.command.map(String);
  else if (s.command !== undefined && s.command !== null) throw new LabError(`${where}.command: ${showValue(s.command)} is neither a string nor a list.`, 'Write the command as a string or a list of arguments.');

  const port = pickPort(command, s, where, note);
  const health = healthFromCompose(s.healthcheck, port, where, notices);
  const env = composeEnv(s, where, composeDir, o.readText ?? ((f) => readFileSync(f, 'utf8')), notices);
  const networks = externalNetworks(s.networks, (doc as { networks?: unknown }).networks, where, note);

  // What the lab sets itself, or has no place for.
  const handled = new Set(['image', 'build', 'command', 'environment', 'env_file', 'networks', 'healthcheck', 'expose', 'depends_on', 'deploy']);
  for (const [key, value] of Object.entries(s)) {
    if (handled.has(key)) continue;
    const limit = composeLimitNotice(`${where}.${key}`, key, value, o.hostMemoryBytes ?? null);
    if (limit) note(limit);
    else if (LAB_SETS[key]) note({ kind: 'ignored', field: `${where}.${key}`, value: showValue(value), message: `Ignored: ${LAB_SETS[key]}.` });
    else if (key === 'volumes') note({ kind: 'set-aside', field: `${where}.volumes`, value: showValue(value), message: 'Not mounted: the API runs from its image alone. Put what it needs into the image, or reach it over a joined network.' });
    else if (key === 'entrypoint') note({ kind: 'set-aside', field: `${where}.entrypoint`, value: showValue(value), message: 'Not applied: the lab runs the image\'s own entrypoint with the command. Bake the entrypoint into the image if it matters.' });
    else note({ kind: 'set-aside', field: `${where}.${key}`, value: showValue(value), message: 'Set aside: the lab does not carry this key over to its trials.' });
  }
  deployNotices(s.deploy, `${where}.deploy`, o.hostMemoryBytes ?? null, note);
  if (s.depends_on !== undefined) {
    const deps = Array.isArray(s.depends_on) ? s.depends_on.map(String) : Object.keys(s.depends_on as object);
    note({ kind: 'noted', field: `${where}.depends_on`, value: deps.join(', '), message: `The lab starts only ${service}; ${deps.join(', ')} must already be running${networks.length ? ` on ${networks.join(', ')}` : ' on a network the API joins'} if the API needs them.` });
  }
  for (const other of names.filter((n) => n !== service)) {
    const locusty = /locust/i.test(`${other} ${showValue((services as Record<string, unknown>)[other])}`);
    note({ kind: 'set-aside', field: `services.${other}`, value: null, message: `Not started: the lab runs only ${service}${locusty ? ', and its own Locust (pass your locustfile with --locustfile)' : ''}.` });
  }

  const setups = setupsFromCommand(command);
  if (setups.length) note({ kind: 'noted', field: `${where}.command`, value: null, message: `The workers stage compares this command at ${setups[0]!.workers.join(' and ')} workers: ${setups[0]!.command.join(' ')}.` });
  note({ kind: 'assumed', field: 'target.locust', value: null, message: 'A compose file does not say what traffic to send: pass --locustfile, or give target.locust.request (method, path, body) for the lab to write a locustfile.' });

  const target: Target = {
    name: slug(typeof s.image === 'string' ? (s.image.split('/').at(-1)!.split(/[:@]/)[0] ?? service) : service),
    image: { ref, build },
    port,
    health,
    command,
    env,
    networks,
    warmup: null,
    locust: { file: null, env: {}, request: null },
    setups,
  };
  return { target, notices };
}

/** Reads the compose file from disk, then imports the service. */
export function importComposeFile(file: string, service: string, o: Omit<ImportOptions, 'composeFile'> = {}): ComposeImport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new LabError(`Cannot read compose file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`, 'Check the path given to --compose-file (relative paths start at the current folder).');
  }
  return importCompose(text, service, { ...o, composeFile: file });
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'api';

function buildSpec(raw: unknown, field: string, composeDir: string): ImageBuildSpec | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'string') return { context: path.resolve(composeDir, raw), dockerfile: null, args: {} };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new LabError(`${field}: ${showValue(raw)} is not a build context.`, 'Write build as a folder path or as {context, dockerfile, args}.');
  const b = raw as { context?: unknown; dockerfile?: unknown; args?: unknown };
  const args: Record<string, string> = {};
  if (Array.isArray(b.args)) {
    for (const a of b.args.map(String)) {
      const eq = a.indexOf('=');
      if (eq > 0) args[a.slice(0, eq)] = a.slice(eq + 1);
    }
  } else if (b.args && typeof b.args === 'object') {
    for (const [k, v] of Object.entries(b.args)) if (v !== null && v !== undefined) args[k] = String(v);
  }
  return { context: path.resolve(composeDir, typeof b.context === 'string' ? b.context : '.'), dockerfile: typeof b.dockerfile === 'string' ? b.dockerfile : null, args };
}

/** The container port: from the command's own flags, else `ports` (container side), else `expose`, else 8000. */
function pickPort(command: string[] | null, s: Record<string, unknown>, where: string, note: (n: ImportNotice) => void): number {
  const fromCommand = portFromCommand(command);
  const published = containerPorts(s.ports, `${where}.ports`);
  const exposed = (Array.isArray(s.expose) ? s.expose : []).map((e) => Number(/^(\d+)/.exec(String(e))?.[1])).filter((n) => n > 0);
  const listed = [...published, ...exposed];
  const port = fromCommand ?? listed[0] ?? null;
  if (port === null) {
    note({ kind: 'assumed', field: `${where}.ports`, value: null, message: 'No port in the command, ports or expose: the lab assumes 8000. Set target.port if the API listens elsewhere.' });
    return 8000;
  }
  const others = [...new Set(listed)].filter((p) => p !== port);
  if (others.length) {
    note({ kind: 'noted', field: `${where}.ports`, value: others.join(', '), message: `The lab tests port ${port}${fromCommand !== null ? ' (the one the command binds)' : ''}; ${others.join(', ')} ${others.length > 1 ? 'are' : 'is'} not used.` });
  }
  return port;
}

/**
 * Container ports of `ports`: short syntax (`8000`, `"8000:8000"`,
 * `"127.0.0.1:8000:8000/tcp"`, `"[::1]:8000:8000"`, ranges take their first
 * port) or long syntax (`{target: 8000}`); UDP ports are left out.
 */
export function containerPorts(raw: unknown, field: string): number[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new LabError(`${field}: ${showValue(raw)} is not a list.`, 'Write ports as a list, e.g. - "8000:8000".');
  return raw.flatMap((p) => {
    if (typeof p === 'number') return [p];
    if (p && typeof p === 'object') {
      const t = (p as { target?: unknown; protocol?: unknown });
      return t.protocol === 'udp' || t.target === undefined ? [] : [Number(t.target)];
    }
    const [spec, proto] = String(p).split('/');
    if (proto === 'udp') return [];
    const side = spec!.replace(/^\[[^\]]*\]:/, '').split(':').at(-1)!;
    const n = Number(/^(\d+)/.exec(side)?.[1]);
    if (!(n > 0)) throw new LabError(`${field}: "${String(p)}" has no container port.`, 'Write it like "8000:8000" or "127.0.0.1:8000:8000/tcp".');
    return [n];
  });
}

/** Networks the API must join: those of the service declared `external` at the top level, by their engine name. */
function externalNetworks(raw: unknown, top: unknown, where: string, note: (n: ImportNotice) => void): string[] {
  if (raw === undefined || raw === null) return [];
  const names = Array.isArray(raw) ? raw.map(String) : Object.keys(raw as object);
  const declared = (top && typeof top === 'object' ? top : {}) as Record<string, Record<string, unknown> | null>;
  const out: string[] = [];
  for (const n of names) {
    if (!(n in declared)) throw new LabError(`${where}.networks: "${n}" is not declared under the top-level networks:.`, `Declare it, e.g.\nnetworks:\n  ${n}:\n    external: true`);
    const d = declared[n] ?? {};
    const ext = d.external;
    if (ext === true || (ext && typeof ext === 'object')) {
      const legacy = ext && typeof ext === 'object' ? (ext as { name?: unknown }).name : undefined;
      out.push(String(d.name ?? legacy ?? n));
    } else {
      note({ kind: 'set-aside', field: `networks.${n}`, value: n, message: 'Not created: it is not external, so it would belong to your compose project; the lab puts the API on its own network. Declare it external: true to have the API join it.' });
    }
  }
  if (out.length) note({ kind: 'noted', field: `${where}.networks`, value: out.join(', '), message: `The API joins ${out.join(', ')} (external: it must exist; the lab never creates or removes it).` });
  return out;
}

function deployNotices(raw: unknown, field: string, hostMemoryBytes: number | null, note: (n: ImportNotice) => void): void {
  if (!raw || typeof raw !== 'object') return;
  const d = raw as Record<string, unknown>;
  for (const [key, value] of Object.entries(d)) {
    if (key === 'resources' && value && typeof value === 'object') {
      for (const [kind, limits] of Object.entries(value as Record<string, unknown>)) {
        for (const [k, v] of Object.entries((limits ?? {}) as Record<string, unknown>)) {
          const n = composeLimitNotice(`${field}.resources.${kind}.${k}`, k === 'memory' ? 'mem_limit' : k, v, hostMemoryBytes);
          note(n ?? { kind: 'ignored', field: `${field}.resources.${kind}.${k}`, value: showValue(v), message: 'Ignored: the lab sets resources per trial.' });
        }
      }
    } else if (key === 'replicas') {
      note({ kind: 'ignored', field: `${field}.replicas`, value: showValue(value), message: 'Ignored: the replicas stage sets the number of replicas per trial.' });
    } else {
      note({ kind: 'ignored', field: `${field}.${key}`, value: showValue(value), message: 'Ignored: the lab deploys each trial itself.' });
    }
  }
}
