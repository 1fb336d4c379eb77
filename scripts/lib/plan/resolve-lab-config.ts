import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LabError } from '../errors.ts';
import * as v from 'valibot';
import { DEFAULT_PROFILE, PROFILES, STAGES, type LabConfig, type StageName } from './lab-config.ts';
import { PLAN_ISSUE, PlanFileSchema, type PlanPatch } from './lab-config-schema.ts';
import { parseMemoryMb, parseNumber } from './parse-units.ts';
import { parsePlanYaml } from './parse-plan-yaml.ts';
import { LAB_CONFIG_FLAGS } from './lab-flags.ts';
import { flagNames } from '../util/flag-spec.ts';
import { readTarget } from '../target/read-target.ts';
import { checkTarget } from '../target/check-target.ts';
import { MAX_REPEATS } from '../search/judge-point.ts';
import { parseEngine } from './build-plan.ts';
import { demoTarget, imageTarget } from '../target/demo-target.ts';
import { importComposeFile, type ImportNotice } from '../target/import-compose.ts';
import { isDemoImage } from './make-trial.ts';
import { API_IMAGE } from '../docker/lab-images.ts';
import type { Target } from '../target/types.ts';

/** Flags the full lab accepts; each maps onto LabConfig (declared in lab-flags.ts). */
const LAB_FLAGS: readonly string[] = flagNames(LAB_CONFIG_FLAGS);

/**
 * Profile, then plan file (JSON or YAML, any subset of LabConfig's keys, checked
 * by `PlanFileSchema`), then flags. Unknown keys and values of the wrong kind are
 * refused with the file and the key's path.
 */
export async function resolveLabConfig(flags: Record<string, unknown>, extraFlags: readonly string[] = []): Promise<LabConfig> {
  return (await resolveLabPlan(flags, extraFlags)).config;
}

/** The config, and what a compose import set aside (for the entry script to show). */
export interface ResolvedLab {
  config: LabConfig;
  notices: ImportNotice[];
}

/**
 * `resolveLabConfig` with the target's notices: the target is the plan's
 * `target:` section, else the service of `--compose-file`, else the demo
 * (its model at `modelMb`); `--image`, `--port` and `--health-path` change
 * it; then `checkTarget` refuses what cannot run.
 */
export async function resolveLabPlan(flags: Record<string, unknown>, extraFlags: readonly string[] = []): Promise<ResolvedLab> {
  const notices: ImportNotice[] = [];
  const known = new Set<string>([...LAB_FLAGS, ...extraFlags, '_']);
  for (const key of Object.keys(flags)) {
    if (!known.has(key)) throw new LabError(`Unknown flag --${key}.`, `Known flags: ${[...LAB_FLAGS, ...extraFlags].map((f) => `--${f}`).join(', ')}.`);
  }
  const profile = String(flags.profile ?? DEFAULT_PROFILE);
  const base = PROFILES[profile as keyof typeof PROFILES];
  if (!base) throw new LabError(`--profile ${profile} is not a profile.`, `Use one of: ${Object.keys(PROFILES).join(', ')}.`);
  let config: LabConfig = structuredClone(base);

  if (flags.plan !== undefined) {
    const file = String(flags.plan);
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new LabError(`Cannot read plan file ${file}: ${err.code ?? err.message}.`, 'Check the path given to --plan (a relative path starts at the current folder).');
    });
    let data: unknown;
    if (/\.ya?ml$/i.test(file)) {
      data = parsePlanYaml(text, file);
    } else {
      try {
        data = JSON.parse(text);
      } catch (err) {
        throw new LabError(`${file} is not valid JSON: ${(err as Error).message}.`, 'Plan files are JSON objects (or YAML, in a .yaml file) with LabConfig keys, e.g. {"sweep": {"users": 50}}.');
      }
    }
    let planTarget: Target | null = null;
    if (data && typeof data === 'object' && !Array.isArray(data) && 'target' in data) {
      const { target, ...rest } = data as Record<string, unknown>;
      // Relative paths in the target start at the plan file's folder.
      planTarget = readTarget(target, path.dirname(path.resolve(file)), `${file}: target`);
      data = rest;
    }
    config = overlay(config, checkPlanFile(data, file, config)) as LabConfig;
    if (planTarget) config.target = planTarget;
    const runs = config.workers.tieBreakRuns;
    if (!Number.isInteger(runs) || runs < 1 || runs > MAX_REPEATS) {
      throw new LabError(`${file}: workers.tieBreakRuns: ${runs} is not a whole number of runs from 1 to ${MAX_REPEATS}.`, `Write 1 to measure no tie again, 3 for one round of repeats, or ${MAX_REPEATS} (the workshop profile's).`);
    }
  }

  const str = (k: string) => (flags[k] === undefined ? undefined : String(flags[k]));
  if (str('slo-p95')) config.slo.p95Ms = parseNumber(str('slo-p95')!, '--slo-p95');
  if (str('slo-failures')) config.slo.maxFailureRatio = parsePercent(str('slo-failures')!, '--slo-failures');
  if (str('target-users')) config.targetUsers = parseNumber(str('target-users')!, '--target-users', { integer: true });
  if (str('model-mb')) config.modelMb = parseNumber(str('model-mb')!, '--model-mb', { integer: true });
  if (str('locustfile')) config.locustfile = str('locustfile')!;
  if (str('registry')) config.publish.registry = str('registry')!;
  if (str('network')) config.network = str('network')!;
  if (str('engine')) config.engine = parseEngine(str('engine'));
  if (flags['swarm-init'] !== undefined && flags['swarm-init'] !== false && str('swarm-init') !== 'false') config.swarmInit = true;
  // --force measures on a busy host at once, with a warning, as hyperfine's does.
  if (flags.force !== undefined && flags.force !== false && str('force') !== 'false') config.host.busyHost = 'warn';
  if (str('calibrate')) config.host.calibrate = parseBoolean(str('calibrate')!, '--calibrate');
  if (str('only')) config.stages = stageList(str('only')!, '--only');
  if (str('skip')) {
    const skip = stageList(str('skip')!, '--skip');
    config.stages = config.stages.filter((s) => !skip.includes(s));
  }
  if (!Number.isInteger(config.targetUsers)) {
    throw new LabError(`targetUsers ${config.targetUsers} is not a whole number of users.`, 'Give --target-users (or the plan key targetUsers) a whole number, e.g. 10000.');
  }
  config.target = targetFromFlags(config, str, notices);
  if (config.engine === 'swarm' && (config.network || config.target.networks.length > 0)) {
    throw new LabError(
      `--engine swarm cannot join the existing network${config.network ? ` ${config.network}` : `s ${config.target.networks.join(', ')}`}: a stack has its own overlay network.`,
      'Leave --network (or the target\'s networks) out, or use --engine compose to join an existing network.',
    );
  }
  if (str('compose-file')) {
    config.targetImport = { file: str('compose-file')!, service: str('service') ?? '', notices: notices.map(({ kind, field, value }) => ({ kind, field, value })) };
  }
  return { config, notices };
}

/**
 * The target after `--compose-file`/`--service`, `--image`, `--port` and
 * `--health-path`; the demo's model follows `modelMb`. Checked before anything starts.
 */
function targetFromFlags(config: LabConfig, str: (k: string) => string | undefined, notices: ImportNotice[]): Target {
  let target = config.target;
  if (str('compose-file')) {
    if (config.target.name !== 'demo') throw new LabError('Both a plan file target: section and --compose-file name the API under test.', 'Keep one: the plan\'s target: section or --compose-file with --service.');
    const imported = importComposeFile(str('compose-file')!, str('service') ?? '', { hostMemoryBytes: os.totalmem() });
    notices.push(...imported.notices);
    target = imported.target;
  } else if (str('service')) {
    throw new LabError('--service names a service of a compose file, but no --compose-file was given.', 'Add --compose-file docker-compose.yml (the file that defines the service).');
  }
  // The demo's model size is the profile's (or --model-mb), whatever the plan's target section was written with.
  if (target.name === 'demo' && target.env.MODEL_MB !== undefined) target = { ...target, env: { ...target.env, MODEL_MB: String(config.modelMb) } };
  const image = str('image');
  if (image) {
    // --image baseline|optimized keeps the demo target on that image; any other reference is the user's image.
    target = isDemoImage(image)
      ? { ...demoTarget(config.modelMb), image: { ...demoTarget(config.modelMb).image, ref: API_IMAGE[image], build: null } }
      : target.name === 'demo' ? imageTarget(image) : { ...target, image: { ref: image, build: null } };
  }
  if (str('port')) target = { ...target, port: parseNumber(str('port')!, '--port', { integer: true }) };
  const health = str('health-path');
  if (health) {
    const timeoutS = target.health.timeoutS;
    target = { ...target, health: health === 'tcp' ? { kind: 'tcp', timeoutS } : { kind: 'http', path: health, status: 200, timeoutS } };
  }
  // --locustfile (or the plan's locustfile:) is the traffic, whatever the target says.
  if (config.locustfile) target = { ...target, locust: { ...target.locust, file: config.locustfile } };
  checkTarget(target);
  return target;
}

function stageList(value: string, flag: string): StageName[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) {
    if (!(STAGES as readonly string[]).includes(n)) throw new LabError(`${flag}: "${n}" is not a stage.`, `Stages: ${STAGES.join(', ')}.`);
  }
  return STAGES.filter((s) => names.includes(s));
}

function parseBoolean(value: string, flag: string): boolean {
  if (value === 'true' || value === 'false') return value === 'true';
  throw new LabError(`${flag}: "${value}" is not true or false.`, `Write ${flag} true or ${flag} false.`);
}

/** `1%`, `0.01` → 0.01. */
function parsePercent(value: string, flag: string): number {
  const pct = value.trim().endsWith('%');
  const n = parseNumber(pct ? value.trim().slice(0, -1) : value, flag);
  const ratio = pct ? n / 100 : n;
  if (ratio >= 1) throw new LabError(`${flag}: ${value} allows every request to fail.`, 'Give a ratio below 1 (0.01) or a percent (1%).');
  return ratio;
}

/**
 * The plan file's values, checked against `PlanFileSchema` (unknown keys, kinds,
 * positive numbers, memory sizes, known names); the first problem is refused
 * naming the file and the key, with the profile's own value as the example.
 */
function checkPlanFile(data: unknown, file: string, base: LabConfig): PlanPatch {
  const parsed = v.safeParse(PlanFileSchema, data);
  if (parsed.success) return parsed.output;
  const issue = parsed.issues[0];
  const keys = (issue.path ?? []).map((item) => item.key as string | number);
  const at = keys.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`)).join('');
  const where = at || '(top level)';
  const example = valueAt(base, keys);
  const input = issue.input;
  if (issue.type === 'strict_object' && issue.expected === 'never') {
    const known = valueAt(base, keys.slice(0, -1));
    throw new LabError(`${file}: unknown key "${at}".`, `Known keys here: ${Object.keys(known as object).join(', ')}.`);
  }
  switch (issue.message) {
    case PLAN_ISSUE.memory:
      return parseMemoryMb(input as string, `${file}: ${where}`) as never;
    case PLAN_ISSUE.positive:
      throw new LabError(`${file}: ${where} must be greater than zero, got ${input}.`, `Give ${where} a positive value, like the profile's ${JSON.stringify(example)}.`);
    case PLAN_ISSUE.nonNegative:
      throw new LabError(`${file}: ${where} must be zero or more, got ${input}.`, `Give ${where} zero or a positive value, like the profile's ${JSON.stringify(example)}.`);
    case PLAN_ISSUE.object:
      throw new LabError(`${file}: ${where} must be an object, got ${kind(input)}.`, at ? likeProfile(at, example) : 'Write the plan as an object of LabConfig keys, e.g. {"sweep": {"users": 50}}.');
    case PLAN_ISSUE.empty:
      throw new LabError(`${file}: ${where} must list at least one value.`, likeProfile(at, example));
  }
  if (issue.type === 'picklist') {
    throw new LabError(`${file}: ${where}: ${JSON.stringify(input)} is not one of the known names.`, `Use one of: ${issue.expected?.replace(/^\(|\)$/g, '').replace(/"/g, '').split(' | ').join(', ')}.`);
  }
  throw new LabError(`${file}: ${where} must be ${KINDS[issue.type === 'finite' ? 'number' : issue.expected ?? ''] ?? issue.expected}, got ${kind(input)}.`, likeProfile(at, example));
}

const KINDS: Record<string, string> = {
  number: 'a number', Array: 'a list', Object: 'an object', string: 'text', '(string | null)': 'text', '(number | string)': 'a number', boolean: 'boolean',
};

function valueAt(value: unknown, keys: readonly (string | number)[]): unknown {
  return keys.reduce<unknown>((node, key) => (Array.isArray(node) ? node[0] : (node as Record<string, unknown> | undefined)?.[key]), value);
}

/** `patch` over `base`: objects key by key, a list or a value replaces the profile's. */
function overlay(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) out[key] = overlay(out[key], value);
  return out;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The fix for a bad plan value: show the profile's own value of that key as the example. */
function likeProfile(at: string, base: unknown): string {
  const example = JSON.stringify(base);
  return at && example !== undefined && example.length <= 80 ? `Write ${at} like the profile's value: ${example}.` : PLAN_HINT;
}
const PLAN_HINT = 'Plan files are JSON objects with LabConfig keys, e.g. {"sweep": {"users": 50}}.';

const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`);
