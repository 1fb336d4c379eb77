import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SCHEMA_VERSION, type LabResult } from '../results/types.ts';
import { DEFAULT_SLO } from '../search/slo.ts';
import { migrateV1 } from '../results/migrate-v1.ts';
import { migrateV2 } from '../results/migrate-v2.ts';
import { migrateV3 } from '../results/migrate-v3.ts';
import { fillTargetFields } from '../results/fill-target-fields.ts';
import { ReportError, UnsupportedSchemaError } from './errors.ts';
import {
  CURVE_SOURCES, INTERVAL_METHODS, MEMORY_VERDICTS, PROBE_CLASS_NAMES, REPLICA_BASES, SLO_BINDINGS, SLO_VERDICTS, TRIAL_FLAGS, TRIAL_STATUSES,
  WARNING_IDS, CAUSE_IDS, isFailurePhase, isTrialFlag, isTrialStatus,
} from '../results/known-literals.ts';

/** The file a run folder's result lives in. */
export const RESULT_FILE = 'lab-result.json';

/**
 * Reads `<runDir>/lab-result.json` and checks the shape the report relies on.
 * The check is structural, not a full schema: it catches files from another
 * version or a truncated write, not every wrong number.
 */
export async function loadLabResult(runDir: string): Promise<LabResult> {
  const file = path.join(runDir, RESULT_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ReportError('missing-file', file, `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ReportError('invalid-json', file, `${file}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  return validateLabResult(data, file);
}

/** Validates already-parsed data; `file` only names the source in errors. */
export function validateLabResult(data: unknown, file: string): LabResult {
  if (!isObject(data)) fail(file, '', 'must be a JSON object');
  // The version is checked before anything else: a newer writer may have moved
  // any other field, and "unsupported version" is the useful message then.
  if (data.schemaVersion === 1) migrateV1(data);
  if (data.schemaVersion === 2) migrateV2(data);
  if (data.schemaVersion === 3) migrateV3(data);
  if (data.schemaVersion !== SCHEMA_VERSION) throw new UnsupportedSchemaError(file, data.schemaVersion, SCHEMA_VERSION);
  fillTargetFields(data);

  for (const key of ['runId', 'startedAt', 'profile'] as const) expectString(file, data[key], key);
  expectNullable(file, data.finishedAt, 'finishedAt', 'string');
  if (!isObject(data.host)) fail(file, 'host', 'must be an object');
  expectArray(file, data.warnings, 'warnings').forEach((warning, i) => {
    if (!isObject(warning) || typeof warning.id !== 'string' || !WARNING_IDS.includes(warning.id as never)) {
      fail(file, `warnings[${i}]`, `must be an object whose id is one of ${WARNING_IDS.join(', ')}`);
    }
  });

  expectArray(file, data.commands, 'commands').forEach((command, i) => {
    const where = `commands[${i}]`;
    if (!isObject(command)) fail(file, where, 'must be an object');
    expectStringArray(file, command.argv, `${where}.argv`);
  });

  expectArray(file, data.trials, 'trials').forEach((trial, i) => validateTrial(file, trial, `trials[${i}]`));
  validateStages(file, data);
  return data as unknown as LabResult;
}

/**
 * Results written before the stages existed have no `stages`, `slo` or
 * `plan`; they read as a run with no stage sections, judged by the default
 * SLO. Stages that are there must carry the arrays the sections walk.
 */
function validateStages(file: string, data: JsonObject): void {
  data.stages ??= {};
  data.slo ??= { ...DEFAULT_SLO };
  data.plan ??= null;
  if (!isObject(data.stages)) fail(file, 'stages', 'must be an object');
  if (!isObject(data.slo) || typeof data.slo.p95Ms !== 'number' || typeof data.slo.maxFailureRatio !== 'number') {
    fail(file, 'slo', 'must be an object with numbers p95Ms and maxFailureRatio');
  }
  const arrays: Record<string, string[]> = {
    publish: ['images'], memoryFloor: [], sweep: ['cells'], workers: ['configs', 'crowds', 'cells', 'ranking', 'paretoFront', 'raceSeenIn'], maxUsers: ['curve'],
    deploy: [], replicas: [],
  };
  for (const [key, stage] of Object.entries(data.stages)) {
    const where = `stages.${key}`;
    // A stage from a newer lab is left out of the report rather than failing it.
    if (!Object.hasOwn(arrays, key)) continue;
    if (!isObject(stage)) fail(file, where, 'must be an object');
    expectStringArray(file, stage.trialIds, `${where}.trialIds`);
    for (const field of arrays[key] ?? []) expectArray(file, stage[field], `${where}.${field}`);
    // These literals become i18n keys, so unknown ones stop here with a clear message.
    if (key === 'memoryFloor') {
      for (const search of ['serve', 'load'] as const) {
        const record = stage[search];
        if (!isObject(record)) fail(file, `${where}.${search}`, 'must be an object');
        expectLiteral(file, record.verdict, `${where}.${search}.verdict`, MEMORY_VERDICTS);
        expectArray(file, record.probes, `${where}.${search}.probes`).forEach((probe, i) => {
          if (!isObject(probe)) fail(file, `${where}.${search}.probes[${i}]`, 'must be an object');
          expectLiteral(file, probe.class, `${where}.${search}.probes[${i}].class`, PROBE_CLASS_NAMES);
        });
      }
    }
    for (const field of ['cells'] as const) {
      if (!Array.isArray(stage[field])) continue;
      (stage[field] as unknown[]).forEach((cell, i) => {
        if (isObject(cell) && cell.binding !== null) expectLiteral(file, cell.binding, `${where}.${field}[${i}].binding`, SLO_BINDINGS);
        if (isObject(cell)) validatePoint(file, cell.point, `${where}.${field}[${i}].point`);
      });
    }
    if (stage.binding !== undefined && stage.binding !== null) expectLiteral(file, stage.binding, `${where}.binding`, SLO_BINDINGS);
    if (Array.isArray(stage.curve)) {
      stage.curve.forEach((point, i) => {
        expectLiteral(file, isObject(point) ? point.source : point, `${where}.curve[${i}].source`, CURVE_SOURCES);
        if (isObject(point)) validatePoint(file, point.point, `${where}.curve[${i}].point`);
      });
    }
    if (key === 'replicas') {
      if (stage.runs !== undefined) {
        expectArray(file, stage.runs, `${where}.runs`).forEach((run, i) => {
          if (!isObject(run) || !isTrialStatus(run.status)) fail(file, `${where}.runs[${i}].status`, `must be one of ${TRIAL_STATUSES.join(', ')}`);
        });
      }
      if (stage.comparisons !== undefined) {
        expectArray(file, stage.comparisons, `${where}.comparisons`).forEach((comparison, i) => {
          if (!isObject(comparison)) fail(file, `${where}.comparisons[${i}]`, 'must be an object');
          expectLiteral(file, comparison.basis, `${where}.comparisons[${i}].basis`, REPLICA_BASES);
          const voided = comparison.voidedBy;
          if (voided !== null && voided !== undefined && (!isObject(voided) || !isTrialStatus(voided.status))) {
            fail(file, `${where}.comparisons[${i}].voidedBy.status`, `must be one of ${TRIAL_STATUSES.join(', ')}`);
          }
        });
      }
    }
  }
}

/** A point's verdict and interval methods become i18n keys, so unknown literals stop here. */
function validatePoint(file: string, point: unknown, where: string): void {
  if (point === null || point === undefined) return;
  if (!isObject(point)) fail(file, where, 'must be an object or null');
  expectLiteral(file, point.verdict, `${where}.verdict`, SLO_VERDICTS);
  expectStringArray(file, point.trialIds, `${where}.trialIds`);
  for (const key of ['p95Interval', 'rpsInterval', 'failureInterval'] as const) {
    const interval = point[key];
    if (interval === null || interval === undefined) continue;
    if (!isObject(interval)) fail(file, `${where}.${key}`, 'must be an object or null');
    expectLiteral(file, interval.method, `${where}.${key}.method`, INTERVAL_METHODS);
  }
}

function validateTrial(file: string, trial: unknown, where: string): void {
  if (!isObject(trial)) fail(file, where, 'must be an object');
  if (!isObject(trial.spec)) fail(file, `${where}.spec`, 'must be an object');
  expectString(file, trial.spec.id, `${where}.spec.id`);
  expectString(file, trial.spec.label, `${where}.spec.label`);
  // Status and flags become i18n keys and CSS classes, so unknown literals stop here.
  if (!isTrialStatus(trial.status)) fail(file, `${where}.status`, `must be one of ${TRIAL_STATUSES.join(', ')}`);
  expectArray(file, trial.flags, `${where}.flags`).forEach((flag, j) => {
    if (!isTrialFlag(flag)) fail(file, `${where}.flags[${j}]`, `must be one of ${TRIAL_FLAGS.join(', ')}`);
  });
  if (trial.failurePhase !== null && !isFailurePhase(trial.failurePhase)) fail(file, `${where}.failurePhase`, 'unknown phase');
  if (trial.cause !== null && (!isObject(trial.cause) || !isObject(trial.cause.values))) fail(file, `${where}.cause`, 'must be an object with id and values, or null');
  if (isObject(trial.cause)) expectLiteral(file, trial.cause.id, `${where}.cause.id`, CAUSE_IDS);
  expectNullable(file, trial.summary, `${where}.summary`, 'object');
  const intervals = isObject(trial.summary) ? trial.summary.intervals : null;
  if (isObject(intervals)) {
    for (const key of ['p95Ms', 'failureRatio'] as const) {
      const interval = intervals[key];
      if (isObject(interval)) expectLiteral(file, interval.method, `${where}.summary.intervals.${key}.method`, INTERVAL_METHODS);
    }
  }
  expectNullable(file, trial.appliedLimits, `${where}.appliedLimits`, 'object');
  for (const key of ['endpoints', 'failures', 'timeline'] as const) expectArray(file, trial[key], `${where}.${key}`);
  expectArray(file, trial.containers, `${where}.containers`).forEach((container, j) => {
    if (!isObject(container)) fail(file, `${where}.containers[${j}]`, 'must be an object');
    expectStringArray(file, container.logTail, `${where}.containers[${j}].logTail`);
  });
  if (!isObject(trial.timing)) fail(file, `${where}.timing`, 'must be an object');
  if (!isObject(trial.files)) fail(file, `${where}.files`, 'must be an object');
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(file: string, where: string, problem: string): never {
  throw new ReportError('invalid-result', file, `${file}: ${where || 'top level'} ${problem}`);
}

function expectString(file: string, value: unknown, where: string): void {
  if (typeof value !== 'string') fail(file, where, 'must be a string');
}

function expectNullable(file: string, value: unknown, where: string, kind: 'string' | 'object'): void {
  if (value === null) return;
  if (kind === 'string' ? typeof value !== 'string' : !isObject(value)) fail(file, where, `must be ${kind === 'string' ? 'a string' : 'an object'} or null`);
}

function expectLiteral(file: string, value: unknown, where: string, allowed: readonly string[]): void {
  if (!allowed.includes(value as string)) fail(file, where, `must be one of ${allowed.join(', ')}`);
}

function expectArray(file: string, value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) fail(file, where, 'must be an array');
  return value;
}

function expectStringArray(file: string, value: unknown, where: string): void {
  expectArray(file, value, where).forEach((item, i) => expectString(file, item, `${where}[${i}]`));
}
