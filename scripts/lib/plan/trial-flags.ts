import type { FlagSpec } from '../util/flag-spec.ts';
import { DEFAULT_TRIAL_PROFILE, TRIAL_PROFILES } from './trial-profiles.ts';
import { ENGINE_FLAG, IMAGE_FLAG, LOCUSTFILE_FLAG, SWARM_INIT_FLAG } from './lab-flags.ts';

/**
 * The flags of one trial (`build-plan.ts` applies them over the trial
 * profile). Declared once: the entry script's parser and help read this list too.
 */
export const TRIAL_PLAN_FLAGS: readonly FlagSpec[] = [
  { name: 'profile', kind: 'value', value: 'NAME', shownDefault: DEFAULT_TRIAL_PROFILE, help: `starting values: ${Object.keys(TRIAL_PROFILES).join(', ')}` },
  { ...IMAGE_FLAG, shownDefault: 'baseline' },
  { name: 'command', kind: 'value', value: '"ARGV"', help: "the API's command, split like a shell does (quotes and backslashes; no variables or globs)" },
  { name: 'workers', kind: 'value', value: 'N', shownDefault: '1', help: 'uvicorn workers of the demo API (ignored with --command)' },
  { name: 'cpus', kind: 'value', value: 'N', help: 'CPU limit of the API container, e.g. 1 or 0.5' },
  { name: 'memory', kind: 'value', value: 'SIZE', help: 'memory limit of the API container, e.g. 1.5G or 512M' },
  { name: 'users', kind: 'value', value: 'N', help: 'Locust users' },
  { name: 'spawn-rate', kind: 'value', value: 'N', help: 'users started per second' },
  { name: 'run-time', kind: 'value', value: 'DURATION', help: "Locust's run time cap, e.g. 45s or 2m30s" },
  { name: 'health-timeout', kind: 'value', value: 'DURATION', help: 'how long the API may take to answer GET /health' },
  { name: 'model-mb', kind: 'value', value: 'N', help: 'resident size of the demo model in MiB' },
  { name: 'warmup', kind: 'switch', value: 'false', help: 'skip the one prediction sent to the demo images before the load' },
  { ...LOCUSTFILE_FLAG, shownDefault: 'locust/locustfile.py' },
  { name: 'locust-workers', kind: 'value', value: 'N', shownDefault: '0', help: 'Locust worker processes (0: one process)' },
  { name: 'replicas', kind: 'value', value: 'N', shownDefault: '1', help: 'API replicas, each under the limits; more than 1 puts nginx in front' },
  ENGINE_FLAG,
  SWARM_INIT_FLAG,
  { name: 'network', kind: 'value', value: 'NAME', help: 'join an existing Docker network' },
  { name: 'id', kind: 'value', value: 'ID', help: 'the trial id (default: made from the image and limits)' },
];
