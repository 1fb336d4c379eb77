import * as v from 'valibot';
import { HostCalibrationSchema } from './calibration-schema.ts';
import { CapacityPlanSchema } from './capacity-schema.ts';
import { STAGE_KEY_ORDER, type StageKey } from './stage-keys.ts';
import { TrialFlagSchema, TrialStatusSchema } from './known-literals.ts';
import { PointMeasurementSchema, SloSpecSchema } from './measure-schema.ts';
import { DeployStageSchema } from './stages/deploy-stage.ts';
import { MaxUsersStageSchema } from './stages/max-users-stage.ts';
import { MemoryFloorStageSchema } from './stages/memory-floor-stage.ts';
import { PublishStageSchema } from './stages/publish-stage.ts';
import { ReplicasStageSchema } from './stages/replicas-stage.ts';
import { SweepStageSchema } from './stages/sweep-stage.ts';
import { WorkersStageSchema } from './stages/workers-stage.ts';
import { TrialResultSchema } from './trial-schema.ts';

/**
 * The result contract between measuring and rendering.
 *
 * Stages write it (`lab-result.json` at the run folder's root, one `trial.json`
 * per trial); the report reads nothing else besides the raw files it links.
 * Bump SCHEMA_VERSION on any change a reader could trip on, and add a
 * `migrate-v<old>.ts` the loader chains.
 */
export const SCHEMA_VERSION = 4 as const;

/** The file a run folder's result lives in. */
export const RESULT_FILE = 'lab-result.json';

/** Where the run happened. Filled by the preflight. */
export const HostInfoSchema = v.object({
  /** Logical CPUs the engine reports (`docker info` NCPU). */
  cpus: v.number(),
  /** Memory the engine reports, in bytes. */
  memoryBytes: v.number(),
  /** Engine version (`docker info` ServerVersion). */
  dockerVersion: v.string(),
  /** Compose flavour and version, e.g. `docker-compose 1.29.2` or `docker compose 2.29.1`. */
  compose: v.string(),
  /** Locust version inside the Locust image, e.g. `2.12.1`; `null` if not probed. */
  locustVersion: v.nullable(v.string()),
  /** Node.js version running the lab. */
  node: v.string(),
  /** OS / kernel string from the engine. */
  os: v.string(),
  /** `cgroup` version of the engine (1 or 2); memory accounting differs. */
  cgroupVersion: v.picklist([1, 2]),
});
export type HostInfo = v.InferOutput<typeof HostInfoSchema>;

/** One command the lab ran, as shown in the report. */
export const CommandRecordSchema = v.object({
  /** argv, secrets already redacted. */
  argv: v.array(v.string()),
  /** Trial the command belongs to, or `null` for run-level commands. */
  trialId: v.nullable(v.string()),
  /** Exit code; `null` when it was killed by a timeout. */
  exitCode: v.nullable(v.number()),
  /** Wall time in milliseconds. */
  durationMs: v.number(),
});
export type CommandRecord = v.InferOutput<typeof CommandRecordSchema>;

/** `high`: it may invalidate the numbers it touches (a saturated generator, a failed trial, a stage with no verdict). */
export const WarningSeveritySchema = v.picklist(['high', 'normal']);
export type WarningSeverity = v.InferOutput<typeof WarningSeveritySchema>;

const warning = <const Id extends string, const Entries extends v.ObjectEntries>(id: Id, entries: Entries) =>
  v.object({ id: v.literal(id), severity: WarningSeveritySchema, ...entries });

/**
 * One validity warning: a message id with its numbers, never a sentence.
 * NOTE: ids are `WARNING_IDS` (known-literals.ts); each has an i18n message `warning.<id>` in templates/i18n/*.json.
 */
export const RunWarningSchema = v.variant('id', [
  /** Trials of the measuring stages that carry one validity flag. */
  warning('trial-flag', { flag: TrialFlagSchema, trialIds: v.array(v.string()) }),
  /** A trial that did not pass where a pass was expected (search probes, the deploy step's OOM and the port conflict are findings, not warnings). */
  warning('trial-failed', { trialId: v.string(), status: TrialStatusSchema }),
  /** A stage that reached no verdict; `message` is the lab's error, recorded as it was raised. */
  warning('stage-error', { stage: v.string(), message: v.string() }),
  /** The host was busy before the run and the lab measured anyway (`--force` or the smoke profile). Shares of the host, 0..1. */
  warning('host-forced', { busy: v.number(), steal: v.number() }),
  /** A calibration probe that failed; `error` as raised. */
  warning('host-probe-missed', { point: v.string(), error: v.string() }),
  /** A stage measured across a change of host speed larger than the drift tolerance; `change` relative (+0.35 = 35 % slower). */
  warning('host-drift', { stage: v.string(), metric: v.picklist(['demand', 'loop']), change: v.number(), fromPoint: v.string(), toPoint: v.string() }),
]);
export type RunWarning = v.InferOutput<typeof RunWarningSchema>;

/**
 * Verdicts of the workshop's stages, each built from its trials by the stage
 * that ran them. A stage that did not run is absent; a stage this version does
 * not know (from a newer lab) is left out when read.
 * NOTE: the report's sections read these fields (report/view-model.ts, templates/partials/stage-*.hbs).
 */
export const StageResultsSchema = v.object({
  /** Step 1. */
  publish: v.optional(PublishStageSchema),
  /** Step 2. */
  deploy: v.optional(DeployStageSchema),
  /** Step 3. */
  memoryFloor: v.optional(MemoryFloorStageSchema),
  /** Step 4. */
  sweep: v.optional(SweepStageSchema),
  /** Step 5. */
  replicas: v.optional(ReplicasStageSchema),
  /** Step 6. */
  workers: v.optional(WorkersStageSchema),
  /** Step 7. */
  maxUsers: v.optional(MaxUsersStageSchema),
});
export type StageResults = v.InferOutput<typeof StageResultsSchema>;

/** One lab run: what was planned, where it ran, and every trial it made. */
export const LabResultSchema = v.object({
  /** Version of this contract; renderers refuse versions they do not know. */
  schemaVersion: v.literal(SCHEMA_VERSION),
  /** Folder name under `reports/`, e.g. `2026-11-28T01-22-14Z-quick`. */
  runId: v.string(),
  /** ISO 8601 time the run started. */
  startedAt: v.string(),
  /** ISO 8601 time of the last write; `null` while the first trial runs. */
  finishedAt: v.nullable(v.string()),
  /** Profile name the plan came from (`smoke`, `quick`, `workshop`, `trial`). */
  profile: v.string(),
  /** The host and tool versions the numbers were measured on. */
  host: HostInfoSchema,
  /** Every command the lab ran against Docker, in order, for the report. */
  commands: v.array(CommandRecordSchema),
  /** Service level the stages judged against. */
  slo: SloSpecSchema,
  /** The resolved plan (profile values after flags and plan file), as run. */
  plan: v.unknown(),
  /** Trials in the order they started. */
  trials: v.array(TrialResultSchema),
  /** Each workshop step's verdict. */
  stages: StageResultsSchema,
  /** Things that make numbers less trustworthy, as data (the report words them in its language). */
  warnings: v.array(RunWarningSchema),
  /** Host speed and noise; `null` in migrated results or when calibration was skipped. */
  calibration: v.nullable(HostCalibrationSchema),
  /**
   * The locustfile the lab wrote from the target's request description when
   * the target gave none, relative to the run folder (e.g. `generated/locustfile.py`);
   * `null` or absent when the target's own locustfile ran.
   */
  generatedLocustfile: v.optional(v.nullable(v.string())),
  /**
   * A run of one trial (`run-trial.mjs`), outside the stages: the trial judged
   * against the SLO as a point of one run. Absent in stage runs and older results.
   */
  singleTrial: v.optional(v.nullable(v.object({ trialId: v.string(), point: PointMeasurementSchema }))),
  /** Replicas, CPUs, memory and hosts for the target crowd (`capacity-schema.ts`); absent in results written before it existed. */
  capacity: v.optional(v.nullable(CapacityPlanSchema)),
  /**
   * Each stage's verdict as a build check (`analyze/stage-gate.ts`), stored at
   * the end of the run; the CI artifacts and the report only word it. Filled on
   * load for results written before it.
   */
  gate: v.optional(v.array(v.object({ stage: v.picklist(STAGE_KEY_ORDER as [StageKey, ...StageKey[]]), kind: v.picklist(['slo', 'lab']), pass: v.boolean() }))),
});
export type LabResult = v.InferOutput<typeof LabResultSchema>;
