import * as v from 'valibot';
import type { Target } from '../target/types.ts';
import { parseMemoryMb } from './parse-units.ts';

/** The workshop's steps, in the order the full lab runs them. NOTE: `--only`/`--skip` values and report sections. */
export const STAGES = ['publish', 'deploy', 'memory-floor', 'sweep', 'replicas', 'workers', 'max-users'] as const;
export type StageName = (typeof STAGES)[number];

/**
 * Issue messages the plan file's checks raise beyond valibot's own type
 * checks; `resolve-lab-config.ts` words them with the file, the key and the profile's value.
 */
export const PLAN_ISSUE = { positive: 'positive', memory: 'memory', empty: 'empty', object: 'object', nonNegative: 'non-negative' } as const;

// Every number of a plan is a count, a limit or a duration: none may be zero or negative.
const Positive = v.pipe(v.number(), v.finite(), v.check((n) => n > 0, PLAN_ISSUE.positive));
/** A wait that may be none. */
const NonNegative = v.pipe(v.number(), v.finite(), v.check((n) => n >= 0, PLAN_ISSUE.nonNegative));

/** MiB as a number, or as people write it in compose files (`1300M`, `1.5G`). */
const MemoryMb = v.pipe(
  v.union([v.number(), v.string()]),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const value = dataset.value;
    if (typeof value === 'number') {
      if (Number.isFinite(value) && value > 0) return value;
      addIssue({ message: PLAN_ISSUE.positive });
      return NEVER;
    }
    try {
      return parseMemoryMb(value, '');
    } catch {
      addIssue({ message: PLAN_ISSUE.memory });
      return NEVER;
    }
  }),
);

const list = <const T extends v.GenericSchema>(item: T) => v.pipe(v.array(item), v.minLength(1, PLAN_ISSUE.empty));
const section = <const E extends v.ObjectEntries>(entries: E) => v.strictObject(entries);

/**
 * Everything a lab run decides, resolved from a profile, a plan file and
 * flags. Stages read their own section and the shared values.
 * NOTE: keys are the plan-file keys; a plan file is any part of it (`planFileSchema`).
 */
export const LabConfigSchema = v.strictObject({
  profile: v.string(),
  stages: list(v.picklist(STAGES)),
  slo: v.strictObject({ p95Ms: Positive, maxFailureRatio: Positive }),
  /**
   * The API under test (`target/types.ts`): the built-in demo unless the plan's
   * `target:` section, `--compose-file`/`--service` or `--image` name another.
   * NOTE: read by `read-target.ts` (its own checks), not by this schema.
   */
  target: v.custom<Target>(() => true),
  /**
   * Where the target came from when `--compose-file` named it, and what the import did with each field it did not
   * carry over as is (the console prints the reasons in full; the report lists them by kind). Absent otherwise;
   * never from a plan file.
   */
  targetImport: v.optional(v.object({
    file: v.string(),
    service: v.string(),
    notices: v.array(v.object({ kind: v.picklist(['ignored', 'refused', 'set-aside', 'assumed', 'noted']), field: v.string(), value: v.nullable(v.string()) })),
  })),
  /** Resident size of the demo model, MiB (the demo target's `MODEL_MB`). */
  modelMb: MemoryMb,
  /** Users started per second in constant-crowd trials. */
  spawnRate: Positive,
  /** The crowd the capacity plan sizes replicas, CPUs, memory and hosts for (`--target-users`; the workshop's 10,000). */
  targetUsers: Positive,
  /** Seconds to wait for the API to be ready, unless the target's health check gives its own bound. */
  healthTimeoutS: Positive,
  /** Your own locustfile instead of the target's; `null`: the target's, or one generated from its request. */
  locustfile: v.nullable(v.string()),
  /** An existing Docker network the API joins besides the target's networks (the workshop used `proyecto-2_default`); `null` by default. */
  network: v.nullable(v.string()),
  /** What runs every trial's containers: a compose project on this host, or a Docker Swarm stack (`--engine`). */
  engine: v.picklist(['compose', 'swarm']),
  /** With `engine: swarm` on an engine outside a swarm: create a single-node swarm for the run and leave it afterwards (`--swarm-init`). */
  swarmInit: v.boolean(),
  /**
   * Until a trial has measured Locust's CPU per request, crowds above
   * `aboveUsers` run Locust distributed with `workers` worker processes; after
   * that the count follows the measured cost (search/locust-workers.ts), since one
   * Locust process saturates one core.
   */
  locustDistributed: section({ aboveUsers: Positive, workers: Positive }),
  /**
   * Know the host: `calibrate` runs the reference probe at the start, after each
   * capacity stage and at the end; `busyHost` is what a busy host before the run
   * does: `wait` up to `busyWaitS` then go on with a warning, `refuse` to start
   * (pass --force to measure anyway), or `warn` and go on at once.
   */
  host: section({ calibrate: v.boolean(), busyHost: v.picklist(['wait', 'refuse', 'warn']), busyWaitS: NonNegative }),
  /** Locust's wait between tasks, seconds (the locustfile's LOCUST_WAIT_MIN/MAX). */
  waitS: section({ min: Positive, max: Positive }),
  publish: section({
    /** `null`: the lab's own registry on 127.0.0.1:5000; else e.g. `docker.io/me` (uses the engine's login). */
    registry: v.nullable(v.string()),
  }),
  deploy: section({ cpus: Positive, memoryMb: MemoryMb, users: Positive, runTimeS: Positive }),
  memoryFloor: section({ lowMb: MemoryMb, highMb: MemoryMb, resolutionMb: MemoryMb, users: Positive, runTimeS: Positive, headroom: Positive, cpus: Positive }),
  sweep: section({ users: Positive, runTimeS: Positive, cpus: list(Positive), memoryMb: list(MemoryMb) }),
  replicas: section({ replicas: Positive, cpus: Positive, memoryMb: MemoryMb, users: Positive, runTimeS: Positive, hostPort: Positive }),
  /**
   * The target's setups (`target.setups`: an image and a command template each,
   * with their worker counts) × `cpus`, at each crowd. Memory per setup is the
   * measured floor × processes with the floor's headroom when the memory-floor
   * stage ran; otherwise `baseMemoryMb` for one worker plus `perWorkerMb` for each further one.
   */
  workers: section({
    crowds: list(Positive),
    cpus: list(Positive),
    /** Memory for one worker; each further worker adds `perWorkerMb` (each loads its own model). */
    baseMemoryMb: MemoryMb,
    perWorkerMb: MemoryMb,
    runTimeS: Positive,
    /**
     * Most runs a setup gets at each crowd when its ranking against the best is
     * a tie (overlapping intervals): 3 first, then one more while still tied.
     * 1 measures no tie again. Whole and at most 5: `resolve-lab-config.ts`.
     */
    tieBreakRuns: Positive,
  }),
  /**
   * `cpus` and `memoryMb` apply only when the worker comparison did not run; otherwise its best configuration is used.
   * A step ramp (`steps`, `stepS` each) brackets the answer, bisection probes of
   * `probeS` narrow it, and long holds of `holdS` at the answer and one step above confirm it.
   */
  maxUsers: section({ cpus: Positive, memoryMb: MemoryMb, steps: list(Positive), stepS: Positive, probeS: Positive, holdS: Positive, maxProbes: Positive }),
});
export type LabConfig = v.InferOutput<typeof LabConfigSchema>;

/** What a plan file may hold: any part of `LabConfig` but `target` (read apart) and `targetImport` (the lab's record), each key checked as there, unknown keys refused. */
export const PlanFileSchema = partialSections(LabConfigSchema, ['target', 'targetImport']);

/** The plan file's values, checked and converted (memory sizes to MiB), to overlay on a profile. */
export type PlanPatch = { [K in Exclude<keyof LabConfig, 'target' | 'targetImport'>]?: LabConfig[K] extends unknown[] ? LabConfig[K] : LabConfig[K] extends object ? Partial<LabConfig[K]> : LabConfig[K] };

// Objects become partial, all the way down; lists and values keep their checks whole, since a plan's list replaces the profile's.
function partialSections(schema: v.GenericSchema, leaveOut: readonly string[] = []): v.GenericSchema<unknown, PlanPatch> {
  const node = schema as unknown as { type: string; entries?: Record<string, v.GenericSchema> };
  if (node.type !== 'strict_object' || !node.entries) return schema as v.GenericSchema<unknown, PlanPatch>;
  const entries = Object.fromEntries(
    Object.entries(node.entries).filter(([key]) => !leaveOut.includes(key)).map(([key, entry]) => [key, v.optional(partialSections(entry))]),
  );
  // valibot's object schemas take a list as an object with keys 0, 1 ...; a plan section is never a list.
  const isSection = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
  return v.pipe(v.custom(isSection, PLAN_ISSUE.object), v.strictObject(entries)) as unknown as v.GenericSchema<unknown, PlanPatch>;
}
