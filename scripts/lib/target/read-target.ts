import { LabError } from '../errors.ts';
import { SETUP_TEMPLATES, builtinSetup, type SetupTemplate } from './demo-target.ts';
import { resolveTargetPaths } from './resolve-paths.ts';
import { splitCommand } from '../util/split-command.ts';
import { HTTP_METHODS, type BodySource, type HealthCheck, type HttpMethod, type LoadRequest, type Target, type TargetSetup, type WarmupSpec } from './types.ts';

type Obj = Record<string, unknown>;

/**
 * The `target:` section of a plan file (already parsed from YAML or JSON)
 * as a Target: shorthands expanded (`image: ref`, a command as one shell
 * string, `template: gunicorn` setups), defaults filled, relative paths made
 * absolute against `baseDir` (the plan file's folder). Unknown keys and
 * values of the wrong kind are refused with their path; `checkTarget` then
 * checks the values.
 */
export function readTarget(data: unknown, baseDir: string, where = 'target'): Target {
  const t = obj(data, where, ['name', 'image', 'port', 'health', 'command', 'env', 'networks', 'warmup', 'locust', 'setups']);
  const image = typeof t.image === 'string' ? { ref: t.image } : obj(t.image, `${where}.image`, ['ref', 'build']);
  const ref = str(image.ref, `${where}.image.ref`);
  const build = image.build === undefined || image.build === null ? null : obj(image.build, `${where}.image.build`, ['context', 'dockerfile', 'args']);
  const target: Target = {
    name: t.name === undefined ? (ref.split('/').at(-1)!.split(/[:@]/)[0] ?? 'api').toLowerCase().replace(/[^a-z0-9-]+/g, '-') : str(t.name, `${where}.name`),
    image: { ref, build: build && { context: str(build.context ?? '.', `${where}.image.build.context`), dockerfile: optStr(build.dockerfile, `${where}.image.build.dockerfile`), args: env(build.args, `${where}.image.build.args`) } },
    port: t.port === undefined ? 8000 : num(t.port, `${where}.port`),
    health: health(t.health, `${where}.health`),
    command: t.command === undefined || t.command === null ? null : argv(t.command, `${where}.command`),
    env: env(t.env, `${where}.env`),
    networks: t.networks === undefined || t.networks === null ? [] : typeof t.networks === 'string' ? [t.networks] : list(t.networks, `${where}.networks`).map((n, i) => str(n, `${where}.networks[${i}]`)),
    warmup: t.warmup === undefined || t.warmup === null ? null : warmup(t.warmup, `${where}.warmup`),
    locust: locust(t.locust, `${where}.locust`),
    setups: t.setups === undefined || t.setups === null ? [] : list(t.setups, `${where}.setups`).map((s, i) => setup(s, `${where}.setups[${i}]`)),
  };
  return resolveTargetPaths(target, baseDir);
}

function health(raw: unknown, f: string): HealthCheck {
  if (raw === undefined || raw === null) return { kind: 'tcp', timeoutS: null };
  const h = obj(raw, f, ['kind', 'path', 'status', 'timeoutS']);
  const kind = h.kind ?? (h.path !== undefined ? 'http' : 'tcp');
  const timeoutS = h.timeoutS === undefined || h.timeoutS === null ? null : num(h.timeoutS, `${f}.timeoutS`);
  if (kind === 'tcp') return { kind: 'tcp', timeoutS };
  if (kind !== 'http') throw new LabError(`${f}.kind: "${String(kind)}" is not a health check kind.`, 'Use http (with a path and a status) or tcp (the port accepts connections).');
  return { kind: 'http', path: str(h.path ?? '/health', `${f}.path`), status: h.status === undefined ? 200 : num(h.status, `${f}.status`), timeoutS };
}

function warmup(raw: unknown, f: string): WarmupSpec {
  const w = obj(raw, f, ['method', 'path', 'bodyFile', 'timeoutS']);
  const bodyFile = optStr(w.bodyFile, `${f}.bodyFile`);
  return { method: method(w.method ?? (bodyFile ? 'POST' : 'GET'), `${f}.method`), path: str(w.path, `${f}.path`), bodyFile, timeoutS: w.timeoutS === undefined ? 60 : num(w.timeoutS, `${f}.timeoutS`) };
}

function locust(raw: unknown, f: string): Target['locust'] {
  if (raw === undefined || raw === null) return { file: null, env: {}, request: null };
  const l = obj(raw, f, ['file', 'env', 'request']);
  return { file: optStr(l.file, `${f}.file`), env: env(l.env, `${f}.env`), request: l.request === undefined || l.request === null ? null : request(l.request, `${f}.request`) };
}

function request(raw: unknown, f: string): LoadRequest {
  const r = obj(raw, f, ['method', 'path', 'body', 'thinkTimeS']);
  const think = r.thinkTimeS === undefined ? { min: 1, max: 2 } : obj(r.thinkTimeS, `${f}.thinkTimeS`, ['min', 'max']);
  return {
    method: method(r.method ?? (r.body ? 'POST' : 'GET'), `${f}.method`),
    path: str(r.path, `${f}.path`),
    body: r.body === undefined || r.body === null ? null : body(r.body, `${f}.body`),
    thinkTimeS: { min: num(think.min ?? 0, `${f}.thinkTimeS.min`), max: num(think.max ?? think.min ?? 0, `${f}.thinkTimeS.max`) },
  };
}

function body(raw: unknown, f: string): BodySource {
  const b = obj(raw, f, ['kind', 'file', 'apiPath']);
  if (b.kind === 'file' || b.kind === 'json-schema') return { kind: b.kind, file: str(b.file, `${f}.file`) };
  if (b.kind === 'openapi') return { kind: 'openapi', file: optStr(b.file, `${f}.file`), apiPath: optStr(b.apiPath, `${f}.apiPath`) };
  throw new LabError(`${f}.kind: "${String(b.kind)}" is not a body source.`, 'Use file (a JSON body), json-schema (a schema file) or openapi (with file, or apiPath such as /openapi.json).');
}

function setup(raw: unknown, f: string): TargetSetup {
  const s = obj(raw, f, ['name', 'image', 'command', 'workers', 'template', 'app']);
  const workers = s.workers === undefined ? [1, 2] : list(s.workers, `${f}.workers`).map((w, i) => num(w, `${f}.workers[${i}]`));
  const image = optStr(s.image, `${f}.image`);
  if (s.template !== undefined) {
    if (!(SETUP_TEMPLATES as readonly unknown[]).includes(s.template)) throw new LabError(`${f}.template: "${String(s.template)}" is not a built-in template.`, `Use one of ${SETUP_TEMPLATES.join(', ')}, or give a command.`);
    if (s.command !== undefined) throw new LabError(`${f}: has both template and command.`, 'Keep one: a built-in template (with app) or your own command.');
    return builtinSetup(s.template as SetupTemplate, { app: str(s.app ?? 'main:app', `${f}.app`), workers, image, name: s.name === undefined ? undefined : str(s.name, `${f}.name`) });
  }
  return { name: str(s.name, `${f}.name`), image, command: argv(s.command, `${f}.command`), workers };
}

function obj(raw: unknown, f: string, keys: string[]): Obj {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new LabError(`${f}: expected a mapping, got ${JSON.stringify(raw)}.`, `Give ${f} as nested keys: ${keys.join(', ')}.`);
  for (const k of Object.keys(raw)) {
    if (!keys.includes(k)) throw new LabError(`${f}.${k}: unknown key.`, `Keys of ${f}: ${keys.join(', ')}.`);
  }
  return raw as Obj;
}
function list(raw: unknown, f: string): unknown[] {
  if (!Array.isArray(raw)) throw new LabError(`${f}: expected a list, got ${JSON.stringify(raw)}.`, `Write ${f} as a list, e.g. [a, b] or one "- item" per line.`);
  return raw;
}
function str(raw: unknown, f: string): string {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number') return String(raw);
  throw new LabError(`${f}: expected text, got ${raw === undefined ? 'nothing' : JSON.stringify(raw)}.`, `Give ${f} a value, quoted if it could read as something else.`);
}
const optStr = (raw: unknown, f: string) => (raw === undefined || raw === null ? null : str(raw, f));
function num(raw: unknown, f: string): number {
  const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new LabError(`${f}: expected a number, got ${JSON.stringify(raw)}.`, `Give ${f} as a number, e.g. 8000.`);
  return n;
}
function method(raw: unknown, f: string): HttpMethod {
  const m = str(raw, f).toUpperCase();
  if (!(HTTP_METHODS as readonly string[]).includes(m)) throw new LabError(`${f}: "${String(raw)}" is not an HTTP method the lab sends.`, `Use one of ${HTTP_METHODS.join(', ')}.`);
  return m as HttpMethod;
}
function argv(raw: unknown, f: string): string[] {
  if (typeof raw === 'string') return splitCommand(raw, f);
  return list(raw, f).map((a, i) => str(a, `${f}[${i}]`));
}
/** Environment values are text; numbers and booleans are written as text, as compose does. */
function env(raw: unknown, f: string): Record<string, string> {
  if (raw === undefined || raw === null) return {};
  const e = raw as Obj;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new LabError(`${f}: expected a mapping of NAME: value.`, `Write ${f} as nested keys, e.g. MODEL_MB: "64".`);
  return Object.fromEntries(Object.entries(e).map(([k, v]) => {
    if (v === null || typeof v === 'object') throw new LabError(`${f}.${k}: expected a value, got ${JSON.stringify(v)}.`, `Give ${k} a string, number or boolean.`);
    return [k, String(v)];
  }));
}
