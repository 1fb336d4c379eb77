import * as v from 'valibot';

/** Ready: an HTTP answer with this status to GET `path`, or (`tcp`) the API's port accepting a connection. */
export const TrialHealthSchema = v.variant('kind', [
  v.object({ kind: v.literal('http'), path: v.string(), status: v.number() }),
  v.object({ kind: v.literal('tcp') }),
]);
export type TrialHealth = v.InferOutput<typeof TrialHealthSchema>;

/** A single request the lab sends before the load. */
export const WarmupRequestSchema = v.object({
  /** HTTP method; older results have none and sent `POST`. */
  method: v.optional(v.string()),
  /** Path on the API, e.g. `/predict`. */
  path: v.string(),
  /** JSON body; `null` or absent sends none. */
  body: v.unknown(),
  /** Seconds to wait for the answer (a lazy model load can take a while). */
  timeoutS: v.number(),
});
export type WarmupRequest = v.InferOutput<typeof WarmupRequestSchema>;

const StringMap = v.record(v.string(), v.string());

/** What to run in one trial. Validated by `plan/trial-spec.ts` before anything starts. */
export const TrialSpecSchema = v.object({
  /** Unique within a run; also the trial's folder name. Lowercase `[a-z0-9-]`. */
  id: v.string(),
  /** Human label, in English, e.g. `baseline · uvicorn ×1 · 1 CPU · 1408 MiB · 100 users` (the CLI's; the report composes its own from the fields). */
  label: v.string(),
  /** The setup in names that need no translation: image and server, e.g. `baseline · uvicorn ×1`; absent in older results. */
  setup: v.optional(v.string()),
  /** Lab stage that planned this trial (`deploy`, `memory-floor`, ...; `trial` for a lone trial, as results from before the stages read). */
  stage: v.optional(v.string(), 'trial'),
  /** API image reference, e.g. `locust-lab/api:baseline`. */
  image: v.string(),
  /** Command the API container runs (argv); empty: the image's own CMD. */
  command: v.array(v.string()),
  /** Extra environment for the API container (names that look like secrets are redacted when shown). */
  env: StringMap,
  /** API replicas (compose `--scale api=N`); each gets the limits below. Older results: 1. */
  replicas: v.optional(v.number(), 1),
  /** nginx in front of the replicas; Locust and the health check then go through it. Older results: none. */
  loadBalancer: v.optional(v.boolean(), false),
  /**
   * Fixed host port for the API, like the workshop's `8000:8000` (bound to
   * 127.0.0.1); `null` lets the engine choose. With replicas > 1 and no load
   * balancer a fixed port reproduces "port is already allocated". Older results: `null`.
   */
  hostPort: v.optional(v.nullable(v.number()), null),
  /**
   * Existing Docker networks the API joins besides the trial's own (like the
   * workshop's `proyecto-2_default`), declared `external` in the compose file:
   * joined, never created or removed. Locust stays on the trial's own network.
   * NOTE: older results have `network: string | null` instead (`fill-target-fields.ts` migrates it).
   */
  networks: v.array(v.string()),
  /** Port the API listens on inside its container; Locust, nginx and the health check use it (8000 for the demo). */
  port: v.number(),
  /** How the lab knows the API is ready (older results: GET /health answering 200). */
  health: TrialHealthSchema,
  /** CPU limit in cores (compose `deploy.resources.limits.cpus`). */
  cpus: v.number(),
  /** Memory limit in MiB (compose `deploy.resources.limits.memory`); swap is disabled to match it. */
  memoryMb: v.number(),
  /**
   * One request the lab sends after `/health` answers and before Locust starts,
   * like the workshop's first manual prediction: a lazily loaded model loads
   * once here instead of once per concurrent first request. `null` skips it (and older results sent none).
   */
  warmup: v.optional(v.nullable(WarmupRequestSchema), null),
  /** Locust users (peak; the last step of a ramp). */
  users: v.number(),
  /** Step ramp through Locust's LoadTestShape (users per step, seconds per step); `null` (or absent, in older results) = constant crowd. */
  ramp: v.optional(v.nullable(v.object({ steps: v.array(v.number()), stepS: v.number() })), null),
  /** Users started per second. */
  spawnRate: v.number(),
  /** Locust `--run-time` cap in seconds. */
  runTimeS: v.number(),
  /**
   * Stop Locust before the cap once the steady window is this many seconds long
   * and stable; `null` always runs to the cap (holds, probes, ramps).
   */
  stopWhenStableAfterS: v.nullable(v.number()),
  /** Seconds to wait for `/health` before the trial is called `unhealthy`. */
  healthTimeoutS: v.number(),
  /**
   * Locust worker processes (`--master` plus N `--worker` containers, Locust's
   * own way past one core); 0 runs Locust as one process (as older results did).
   */
  locustWorkers: v.optional(v.number(), 0),
  /**
   * What ran the trial's containers: `compose` (a project on this host) or
   * `swarm` (a `docker stack deploy` stack with replicated services, nginx in
   * front, Locust as services). Absent in older results: compose.
   */
  engine: v.optional(v.picklist(['compose', 'swarm'])),
  /** Locust image reference. */
  locustImage: v.string(),
  /** Path (relative to the repo) of the locustfile mounted into the Locust container. */
  locustfile: v.string(),
  /** Extra environment for Locust (e.g. `LOCUST_WAIT_MIN`). */
  locustEnv: StringMap,
});
export type TrialSpec = v.InferOutput<typeof TrialSpecSchema>;
