import { LabError } from '../errors.ts';
import type { TrialSpec } from '../results/types.ts';
import { isDemoImage, makeTrial } from './make-trial.ts';
import { demoTarget, imageTarget } from '../target/demo-target.ts';
import { parseDurationS, parseMemoryMb, parseNumber } from './parse-units.ts';
import { TRIAL_PLAN_FLAGS } from './trial-flags.ts';
import { flagNames } from '../util/flag-spec.ts';
import { splitCommand } from '../util/split-command.ts';
import { DEFAULT_TRIAL_PROFILE, TRIAL_PROFILES, type TrialProfileName, type TrialDefaults } from './trial-profiles.ts';

/** What one lab run will do. Built from a profile and flags, validated, then executed. */
export interface LabPlan {
  profile: TrialProfileName;
  trials: TrialSpec[];
  /** `--swarm-init`: create a single-node swarm for the run (and leave it afterwards) when the engine is not in one. */
  swarmInit?: boolean;
}

/** Flags as the entry scripts receive them (cli/parse-flags.ts: text, booleans for switches); tests may pass numbers. */
export type Flags = Record<string, unknown>;

/** Declared in trial-flags.ts, with their help. */
const TRIAL_FLAGS: readonly string[] = flagNames(TRIAL_PLAN_FLAGS);

/** Turns `--profile` and overrides into a plan; every bad value names the flag. */
export function buildPlan(flags: Flags, repoRoot: string, allowedExtra: readonly string[] = []): LabPlan {
  const known = new Set<string>([...TRIAL_FLAGS, ...allowedExtra, '_']);
  for (const key of Object.keys(flags)) {
    if (!known.has(key)) throw new LabError(`Unknown flag --${key}.`, `Known flags: ${[...TRIAL_FLAGS, ...allowedExtra].map((f) => `--${f}`).join(', ')}.`);
  }
  const profile = String(flags.profile ?? DEFAULT_TRIAL_PROFILE);
  if (!(profile in TRIAL_PROFILES)) {
    throw new LabError(`--profile ${profile} is not a profile.`, `Use one of: ${Object.keys(TRIAL_PROFILES).join(', ')}.`);
  }
  const d: TrialDefaults = { ...TRIAL_PROFILES[profile as TrialProfileName] };
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

  // Split like a shell would (quotes, backslashes), so an argument may hold spaces.
  const command = str('command') === undefined ? undefined : splitCommand(str('command')!, '--command');
  if (command?.length === 0) {
    throw new LabError('--command is empty.', 'Give the API\'s command, e.g. --command "python3 -m uvicorn main:app --host 0.0.0.0 --port 8000", or leave --command out to run the demo server.');
  }
  const id = str('id') ?? `${isDemoImage(d.image) ? d.image : 'custom'}-w${d.workers}-${d.cpus}cpu-${d.memoryMb}m-${d.users}u`.replaceAll('.', '_');
  // The demo images are the demo target; any other image is the user's, with the demo's port and health path.
  const target = isDemoImage(d.image) ? demoTarget(d.modelMb) : imageTarget(d.image);
  const replicas = str('replicas') ? parseNumber(str('replicas')!, '--replicas', { integer: true }) : 1;
  const engine = parseEngine(str('engine'));
  if (engine === 'swarm' && str('network')) {
    throw new LabError('--network is not supported with --engine swarm.', 'Leave --network out (the stack has its own overlay network), or use --engine compose to join an existing network.');
  }
  const trial = makeTrial({
    ...d,
    id,
    stage: 'trial',
    target,
    networks: str('network') ? [str('network')!] : [],
    locustWorkers: str('locust-workers') ? parseNumber(str('locust-workers')!, '--locust-workers', { integer: true }) : 0,
    server: command ? { kind: 'command', argv: command } : isDemoImage(d.image) ? { kind: 'uvicorn', workers: d.workers } : null,
    locustfile: str('locustfile') ?? 'locust/locustfile.py',
    replicas,
    loadBalancer: replicas > 1,
    engine,
  }, repoRoot);
  const swarmInit = flags['swarm-init'] === true || flags['swarm-init'] === 'true';
  return { profile: profile as TrialProfileName, trials: [trial], ...(swarmInit ? { swarmInit } : {}) };
}

/** `--engine`: compose unless swarm is asked for. */
export function parseEngine(value: string | undefined): 'compose' | 'swarm' {
  if (value === undefined || value === 'compose' || value === 'swarm') return value ?? 'compose';
  throw new LabError(`--engine ${value} is not an engine.`, 'Use --engine compose (the default) or --engine swarm.');
}
