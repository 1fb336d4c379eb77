import type { FlagSpec } from '../util/flag-spec.ts';
import { DEFAULT_PROFILE, STAGES } from './lab-config.ts';

/** `--image`, the same flag for the lab and for one trial. */
export const IMAGE_FLAG: FlagSpec = { name: 'image', kind: 'value', value: 'IMAGE', help: 'baseline | optimized (the demo API) | your own image reference' };
/** `--locustfile`, the same flag for the lab and for one trial. */
export const LOCUSTFILE_FLAG: FlagSpec = { name: 'locustfile', kind: 'value', value: 'PATH', help: "your own locustfile (default: the target's, or one generated from its request)" };

/** `--engine`: what runs the trial's containers. */
export const ENGINE_FLAG: FlagSpec = { name: 'engine', kind: 'value', value: 'compose|swarm', shownDefault: 'compose', help: 'compose (a project on this host) or swarm (a `docker stack deploy` stack: replicas, nginx and Locust as services)' };
/** `--swarm-init`: the lab never creates a swarm unasked. */
export const SWARM_INIT_FLAG: FlagSpec = { name: 'swarm-init', kind: 'switch', help: 'with --engine swarm on an engine not in a swarm: create a single-node swarm for the run and leave it afterwards' };
/** `--target-users`, the same flag for the lab and for re-analysing a run folder. */
export const TARGET_USERS_FLAG: FlagSpec = { name: 'target-users', kind: 'value', value: 'N', shownDefault: '10000', help: "the crowd the capacity plan sizes replicas, CPUs, memory and hosts for (analyze-run.mjs: default the run's own)" };

/**
 * The flags that map onto LabConfig (`resolve-lab-config.ts` applies them over
 * the profile and the plan file). Declared once: the entry scripts' parser and
 * help read this list too.
 */
export const LAB_CONFIG_FLAGS: readonly FlagSpec[] = [
  { name: 'profile', kind: 'value', value: 'NAME', shownDefault: DEFAULT_PROFILE, help: "smoke (CI, minutes), quick (the full model), workshop (the seed's 150 s runs)" },
  { name: 'plan', kind: 'value', value: 'FILE', help: 'override any profile value from a JSON or YAML (.yaml/.yml) file with the keys of plan/lab-config.ts' },
  { name: 'only', kind: 'value', value: 'a,b', help: `run only these stages: ${STAGES.join(', ')}` },
  { name: 'skip', kind: 'value', value: 'a,b', help: 'run every stage but these' },
  { name: 'slo-p95', kind: 'value', value: 'MS', shownDefault: '1000', help: 'SLO latency limit in milliseconds' },
  TARGET_USERS_FLAG,
  { name: 'slo-failures', kind: 'value', value: 'R', shownDefault: '1%', help: 'SLO failure limit, a ratio (0.01) or a percent (1%)' },
  { name: 'compose-file', kind: 'value', value: 'FILE', help: 'test the API of your compose file (with --service): image, command, port, environment, networks, healthcheck' },
  { name: 'service', kind: 'value', value: 'NAME', help: 'the service of --compose-file that is the API (default: the only one)' },
  IMAGE_FLAG,
  { name: 'port', kind: 'value', value: 'N', help: "the port the API listens on inside its container (default: the target's, 8000 for the demo)" },
  { name: 'health-path', kind: 'value', value: 'PATH', help: "the path that answers 200 once the API can serve, e.g. /healthz; tcp: only wait for the port (default: the target's, /health)" },
  { name: 'model-mb', kind: 'value', value: 'N', help: "resident size of the demo model in MiB (default: the profile's)" },
  LOCUSTFILE_FLAG,
  { name: 'registry', kind: 'value', value: 'HOST/NS', help: "push to this registry with the engine's login (default: a local one on 127.0.0.1:5000)" },
  { name: 'network', kind: 'value', value: 'NAME', help: "join an existing Docker network (e.g. the workshop's proyecto-2_default)" },
  ENGINE_FLAG,
  SWARM_INIT_FLAG,
  { name: 'force', kind: 'switch', help: 'measure at once on a busy host (the report carries a warning); default: wait up to 60 s' },
  { name: 'calibrate', kind: 'switch', value: 'false', help: 'skip the host speed probes (start, between stages, end)' },
];
