import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SCHEMA_VERSION, type LabResult } from '../results/types.ts';
import { ReportError, UnsupportedSchemaError } from './errors.ts';
import { TRIAL_FLAGS, TRIAL_STATUSES, isFailurePhase, isTrialFlag, isTrialStatus } from './known-literals.ts';

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
  if (data.schemaVersion !== SCHEMA_VERSION) throw new UnsupportedSchemaError(file, data.schemaVersion, SCHEMA_VERSION);

  for (const key of ['runId', 'startedAt', 'profile'] as const) expectString(file, data[key], key);
  expectNullable(file, data.finishedAt, 'finishedAt', 'string');
  if (!isObject(data.host)) fail(file, 'host', 'must be an object');
  expectStringArray(file, data.warnings, 'warnings');

  expectArray(file, data.commands, 'commands').forEach((command, i) => {
    const where = `commands[${i}]`;
    if (!isObject(command)) fail(file, where, 'must be an object');
    expectStringArray(file, command.argv, `${where}.argv`);
  });

  expectArray(file, data.trials, 'trials').forEach((trial, i) => validateTrial(file, trial, `trials[${i}]`));
  return data as unknown as LabResult;
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
  expectNullable(file, trial.cause, `${where}.cause`, 'string');
  expectNullable(file, trial.summary, `${where}.summary`, 'object');
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

function expectArray(file: string, value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) fail(file, where, 'must be an array');
  return value;
}

function expectStringArray(file: string, value: unknown, where: string): void {
  expectArray(file, value, where).forEach((item, i) => expectString(file, item, `${where}[${i}]`));
}
