import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LabError } from '../errors.ts';
import { API_IMAGE, LOCUST_IMAGE } from '../lab/lab-images.ts';
import type { TrialSpec } from '../results/types.ts';
import { parseDurationS, parseMemoryMb, parseNumber } from './parse-units.ts';
import { DEFAULT_PROFILE, PROFILES, type ProfileName, type TrialDefaults } from './profiles.ts';

/** What one lab run will do. Built from a profile and flags, validated, then executed. */
export interface LabPlan {
  profile: ProfileName;
  trials: TrialSpec[];
}

/** Flags as the entry scripts receive them (minimist-style: strings, numbers, booleans). */
export type Flags = Record<string, unknown>;

const TRIAL_FLAGS = ['profile', 'warmup', 'image', 'cpus', 'memory', 'users', 'spawn-rate', 'run-time', 'health-timeout', 'model-mb', 'workers', 'locustfile', 'command', 'id'] as const;

/** Turns `--profile` and overrides into a plan; every bad value names the flag. */
export function buildPlan(flags: Flags, repoRoot: string, allowedExtra: readonly string[] = []): LabPlan {
  const known = new Set<string>([...TRIAL_FLAGS, ...allowedExtra, '_']);
  for (const key of Object.keys(flags)) {
    if (!known.has(key)) throw new LabError(`Unknown flag --${key}.`, `Known flags: ${[...TRIAL_FLAGS, ...allowedExtra].map((f) => `--${f}`).join(', ')}.`);
  }
  const profile = String(flags.profile ?? DEFAULT_PROFILE);
  if (!(profile in PROFILES)) {
    throw new LabError(`--profile ${profile} is not a profile.`, `Use one of: ${Object.keys(PROFILES).join(', ')}.`);
  }
  const d: TrialDefaults = { ...PROFILES[profile as ProfileName] };
  const str = (k: string) => (flags[k] === undefined ? undefined : String(flags[k]));
  if (str('image')) d.image = str('image')!;
  if (str('cpus')) d.cpus = parseNumber(str('cpus')!, '--cpus');
  if (str('memory')) d.memoryMb = parseMemoryMb(str('memory')!, '--memory');
  if (str('users')) d.users = parseNumber(str('users')!, '--users', { integer: true });
  if (str('spawn-rate')) d.spawnRate = parseNumber(str('spawn-rate')!, '--spawn-rate');
  if (str('run-time')) d.runTimeS = parseDurationS(str('run-time')!, '--run-time');
  if (str('health-timeout')) d.healthTimeoutS = parseDurationS(str('health-timeout')!, '--health-timeout');
  if (str('model-mb')) d.modelMb = parseNumber(str('model-mb')!, '--model-mb', { integer: true });
  if (flags.warmup !== undefined) d.warmup = flags.warmup !== false && flags.warmup !== 'false';
  if (str('workers')) d.workers = parseNumber(str('workers')!, '--workers', { integer: true });

  const demo = d.image === 'baseline' || d.image === 'optimized';
  const image = demo ? API_IMAGE[d.image as 'baseline' | 'optimized'] : d.image;
  const command = str('command')?.split(/\s+/).filter(Boolean) ?? uvicornCommand(d.workers);
  const locustfile = path.resolve(repoRoot, str('locustfile') ?? 'locust/locustfile.py');
  const id = str('id') ?? `${demo ? d.image : 'custom'}-w${d.workers}-${d.cpus}cpu-${d.memoryMb}m-${d.users}u`.replaceAll('.', '_');
  const trial: TrialSpec = {
    id: id.toLowerCase().replace(/[^a-z0-9-]/g, '-'),
    label: `${demo ? d.image : image} · uvicorn ×${d.workers} · ${d.cpus} CPU · ${d.memoryMb} MiB · ${d.users} users`,
    image,
    command,
    env: demo ? { MODEL_MB: String(d.modelMb) } : {},
    cpus: d.cpus,
    memoryMb: d.memoryMb,
    warmup: demo && d.warmup ? { path: '/predict', body: samplePayload(repoRoot), timeoutS: 60 } : null,
    users: d.users,
    spawnRate: d.spawnRate,
    runTimeS: d.runTimeS,
    healthTimeoutS: d.healthTimeoutS,
    locustImage: LOCUST_IMAGE,
    locustfile,
    locustEnv: {},
  };
  return { profile: profile as ProfileName, trials: [trial] };
}

export function uvicornCommand(workers: number): string[] {
  const cmd = ['python3', '-m', 'uvicorn', 'main:app', '--host', '0.0.0.0', '--port', '8000'];
  return workers > 1 ? [...cmd, '--workers', String(workers)] : cmd;
}

/** The demo API's example body, kept next to its schema in app/. */
function samplePayload(repoRoot: string): unknown {
  return JSON.parse(readFileSync(path.join(repoRoot, 'app', 'sample-payload.json'), 'utf8'));
}
