import { LabError } from '../errors.ts';
import { checkLocustfileName } from '../locust/lab-entry.ts';
import { placeholdersOf } from './fill-command.ts';
import { HTTP_METHODS, SETUP_PLACEHOLDERS, type BodySource, type HealthCheck, type LoadRequest, type Target, type TargetSetup, type WarmupSpec } from './types.ts';

/** One bad field: its path in the plan's `target:` section, what is wrong and the fix. */
export interface TargetProblem {
  field: string;
  message: string;
  hint: string;
}

const NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Docker's own rule for network names. */
const NETWORK = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
/** Lowercase repository path, optional registry port, tag and digest; no spaces. */
const IMAGE_REF = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::\d+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[0-9a-f]{64})?$/;
const MAX_TIMEOUT_S = 3600;

/**
 * Refuses a target that cannot run, before any image is built or container
 * started. Every bad field is reported at once, each with its path and fix.
 */
export function checkTarget(target: Target, where = 'target'): void {
  const problems = targetProblems(target, where);
  if (problems.length === 1) throw new LabError(problems[0]!.message, problems[0]!.hint);
  if (problems.length > 1) {
    throw new LabError(
      `${where} has ${problems.length} problems:\n${problems.map((p) => `  - ${p.message} ${p.hint}`).join('\n')}`,
      `Fix these fields of ${where} (plan file, flags or compose file) and run again.`,
    );
  }
}

/** Every problem of the target, in field order; empty when it is valid. */
export function targetProblems(t: Target, where = 'target'): TargetProblem[] {
  const out: TargetProblem[] = [];
  const bad = (field: string, what: string, hint: string) => out.push({ field: `${where}.${field}`, message: `${where}.${field}: ${what}.`, hint });

  if (!NAME.test(t.name)) bad('name', `"${t.name}" is not a valid name`, 'Use up to 40 lowercase letters, digits and dashes, e.g. my-api (it names trials and folders).');
  checkImageRef(t.image.ref, 'image.ref', bad);
  if (t.image.build) {
    if (!t.image.build.context.trim()) bad('image.build.context', 'is empty', 'Give the folder to build from, e.g. ./app, or drop image.build to use an existing image.');
    checkEnv(t.image.build.args, 'image.build.args', bad);
  }
  checkPort(t.port, 'port', bad);
  checkHealth(t.health, bad);
  if (t.command !== null) {
    if (t.command.length === 0 || !t.command[0]?.trim()) {
      bad('command', 'is empty', 'Give the program and its arguments, e.g. [python3, -m, uvicorn, main:app, --port, "8000"], or leave command out to keep the image\'s CMD.');
    }
    const used = placeholdersOf(t.command);
    if (used.length) bad('command', `uses ${used.map((p) => `{${p}}`).join(', ')}, which the lab fills only in setups' commands`, `Write the value itself (e.g. ${t.port} for {port}), or move this command template into target.setups.`);
  }
  checkEnv(t.env, 'env', bad);
  t.networks.forEach((n, i) => {
    if (!NETWORK.test(n)) bad(`networks[${i}]`, `"${n}" is not a Docker network name`, 'Give the name `docker network ls` shows, e.g. proyecto-2_default.');
  });
  const dup = t.networks.find((n, i) => t.networks.indexOf(n) !== i);
  if (dup) bad('networks', `"${dup}" is listed twice`, 'List each network once.');
  if (t.warmup) checkWarmup(t.warmup, bad);
  checkLocust(t, bad);
  checkSetups(t.setups, bad);
  return out;
}

type Bad = (field: string, what: string, hint: string) => void;

function checkImageRef(ref: string, field: string, bad: Bad): void {
  if (!ref.trim()) bad(field, 'is empty', 'Give an image reference, e.g. jrpenagu/fast-api-mlflow:latest.');
  else if (!IMAGE_REF.test(ref)) {
    const lower = /[A-Z]/.test(ref.split(/[:@]/)[0]!) ? ' (the repository part must be lowercase)' : '';
    bad(field, `"${ref}" is not an image reference${lower}`, 'Write it like registry.example.com:5000/team/api:1.2 or jrpenagu/fast-api-mlflow:latest, without spaces.');
  }
}

function checkPort(port: number, field: string, bad: Bad): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) bad(field, `${port} is not a TCP port`, 'Give the port the API listens on inside its container, a whole number from 1 to 65535, e.g. 8000.');
}

function checkPath(p: string, field: string, bad: Bad): void {
  if (!p.startsWith('/')) bad(field, `"${p}" does not start with "/"`, `Write the path from the root, e.g. /${p.replace(/^\/*/, '') || 'health'}.`);
  else if (/\s/.test(p)) bad(field, `"${p}" contains spaces`, 'Percent-encode spaces in paths (%20).');
}

function checkTimeout(s: number, field: string, bad: Bad, max = MAX_TIMEOUT_S): void {
  if (!Number.isFinite(s) || s <= 0 || s > max) bad(field, `${s} s is outside 1-${max} s`, `Give a bound in seconds between 1 and ${max}; every wait in the lab has one.`);
}

function checkHealth(h: HealthCheck, bad: Bad): void {
  if (h.kind === 'http') {
    checkPath(h.path, 'health.path', bad);
    if (!Number.isInteger(h.status) || h.status < 100 || h.status > 599) bad('health.status', `${h.status} is not an HTTP status`, 'Give the status that means ready, a whole number from 100 to 599, usually 200.');
  } else if (h.kind !== 'tcp') {
    bad('health.kind', `"${(h as { kind: string }).kind}" is not a health check kind`, 'Use http (with a path and a status) or tcp (the port accepts connections).');
  }
  if (h.timeoutS !== null) checkTimeout(h.timeoutS, 'health.timeoutS', bad);
}

function checkEnv(env: Record<string, string>, field: string, bad: Bad): void {
  for (const [k, v] of Object.entries(env)) {
    if (!ENV_KEY.test(k)) bad(`${field}.${k}`, `"${k}" is not a valid variable name`, 'Use letters, digits and underscores, not starting with a digit, e.g. MODEL_MB.');
    if (typeof v !== 'string') bad(`${field}.${k}`, `the value is a ${typeof v}, not a string`, `Quote the value, e.g. ${k}: "${String(v)}".`);
  }
}

function checkMethod(m: string, field: string, bad: Bad): void {
  if (!(HTTP_METHODS as readonly string[]).includes(m)) bad(field, `"${m}" is not an HTTP method the lab sends`, `Use one of ${HTTP_METHODS.join(', ')} (upper case).`);
}

const NO_BODY = ['GET', 'HEAD'];

function checkWarmup(w: WarmupSpec, bad: Bad): void {
  checkMethod(w.method, 'warmup.method', bad);
  checkPath(w.path, 'warmup.path', bad);
  if (w.bodyFile !== null && !w.bodyFile.trim()) bad('warmup.bodyFile', 'is empty', 'Give a JSON file, or leave bodyFile out to send no body.');
  if (w.bodyFile !== null && NO_BODY.includes(w.method)) bad('warmup.bodyFile', `a ${w.method} request carries no body`, 'Use POST (or PUT, PATCH) with a body, or drop bodyFile.');
  checkTimeout(w.timeoutS, 'warmup.timeoutS', bad, 600);
}

function checkLocust(t: Target, bad: Bad): void {
  const l = t.locust;
  if (l.file !== null) {
    try {
      checkLocustfileName(l.file.split(/[\\/]/).at(-1) ?? l.file);
    } catch (err) {
      bad('locust.file', (err as LabError).message.replace(/\.$/, ''), (err as LabError).hint ?? '');
    }
  } else if (l.request === null) {
    bad('locust', 'has no locustfile and no request to generate one from', 'Pass --locustfile PATH (a compose file never says what traffic to send; locust/locustfile.py fits an API with the demo\'s POST /predict), or in a plan give target.locust.file, or target.locust.request with a method and path (and a body) for the lab to write one.');
  }
  checkEnv(l.env, 'locust.env', bad);
  if (l.request) checkRequest(l.request, bad);
}

function checkRequest(r: LoadRequest, bad: Bad): void {
  checkMethod(r.method, 'locust.request.method', bad);
  checkPath(r.path, 'locust.request.path', bad);
  if (/\{[^}]*\}/.test(r.path)) bad('locust.request.path', `"${r.path}" has a path parameter`, 'Write a concrete path, e.g. /items/1 instead of /items/{item_id}.');
  const { min, max } = r.thinkTimeS;
  if (!(min >= 0) || !(max >= min) || max > 600) bad('locust.request.thinkTimeS', `${min}-${max} s is not a think time`, 'Give min ≥ 0 and max ≥ min (seconds, at most 600), e.g. min 1, max 2 as in the demo.');
  if (r.body) {
    if (NO_BODY.includes(r.method)) bad('locust.request.body', `a ${r.method} request carries no body`, 'Use POST (or PUT, PATCH) with a body, or drop body.');
    checkBody(r.body, bad);
  }
}

function checkBody(b: BodySource, bad: Bad): void {
  if (b.kind === 'openapi') {
    if ((b.file === null) === (b.apiPath === null)) bad('locust.request.body', 'an OpenAPI body needs exactly one source', 'Give either openapi.file (a saved document) or openapi.apiPath (served by the API, e.g. /openapi.json).');
    if (b.apiPath !== null) checkPath(b.apiPath, 'locust.request.body.apiPath', bad);
  } else if (!b.file.trim()) {
    bad(`locust.request.body.${b.kind === 'file' ? 'file' : 'schema'}`, 'is empty', 'Give the path of a JSON file.');
  }
}

function checkSetups(setups: TargetSetup[], bad: Bad): void {
  setups.forEach((s, i) => {
    const f = `setups[${i}]`;
    if (!NAME.test(s.name)) bad(`${f}.name`, `"${s.name}" is not a valid name`, 'Use up to 40 lowercase letters, digits and dashes, e.g. gunicorn-uvicorn.');
    else if (setups.findIndex((o) => o.name === s.name) !== i) bad(`${f}.name`, `"${s.name}" names two setups`, 'Give each setup its own name.');
    if (s.image !== null) checkImageRef(s.image, `${f}.image`, bad);
    if (s.command.length === 0 || !s.command[0]?.trim()) bad(`${f}.command`, 'is empty', 'Give an argv template, e.g. [gunicorn, -w, "{workers}", -b, "0.0.0.0:{port}", main:app].');
    const used = placeholdersOf(s.command);
    const unknown = used.filter((p) => !(SETUP_PLACEHOLDERS as readonly string[]).includes(p));
    if (unknown.length) bad(`${f}.command`, `uses ${unknown.map((p) => `{${p}}`).join(', ')}, which the lab does not fill`, `Use only ${SETUP_PLACEHOLDERS.map((p) => `{${p}}`).join(' and ')}.`);
    if (s.workers.length === 0) bad(`${f}.workers`, 'is empty', 'List the worker counts to compare, e.g. [1, 2].');
    if (s.workers.some((w) => !Number.isInteger(w) || w < 1 || w > 64)) bad(`${f}.workers`, `[${s.workers.join(', ')}] has a count that is not a whole number from 1 to 64`, 'List whole numbers of worker processes, e.g. [1, 2].');
    if (new Set(s.workers).size !== s.workers.length) bad(`${f}.workers`, `[${s.workers.join(', ')}] repeats a count`, 'List each worker count once.');
    if (s.command.length > 0 && !used.includes('workers') && s.workers.length > 1) bad(`${f}.workers`, `lists ${s.workers.length} counts but the command has no {workers}, so every count would run the same command`, 'Put {workers} where the command takes its worker count (e.g. --workers {workers}), or list one count.');
  });
}
