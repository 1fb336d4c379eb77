import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as v from 'valibot';
import { LabResultSchema, RESULT_FILE, SCHEMA_VERSION, type LabResult } from '../results/lab-result-schema.ts';
import { schemaProblem, type SchemaProblem } from '../results/schema-issue.ts';
import { DEFAULT_SLO } from '../search/slo.ts';
import { migrateV1 } from '../results/migrate-v1.ts';
import { migrateV2 } from '../results/migrate-v2.ts';
import { migrateV3 } from '../results/migrate-v3.ts';
import { fillTargetFields } from '../results/fill-target-fields.ts';
import { stageGate } from '../analyze/stage-gate.ts';
import { ReportError, UnsupportedSchemaError } from './errors.ts';

export { RESULT_FILE };

/**
 * Reads `<runDir>/lab-result.json`, migrates an older schema, and validates it
 * against the contract's schema (`results/lab-result-schema.ts`): a file from
 * another version, a truncated write or a wrong field stops here with the field's path.
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
  if (!isObject(data)) fail(file, { path: '', expected: 'a JSON object', found: Array.isArray(data) ? 'a list' : JSON.stringify(data) });
  // The version is checked before anything else: a newer writer may have moved
  // any other field, and "unsupported version" is the useful message then.
  if (data.schemaVersion === 1) migrateV1(data);
  if (data.schemaVersion === 2) migrateV2(data);
  if (data.schemaVersion === 3) migrateV3(data);
  if (data.schemaVersion !== SCHEMA_VERSION) throw new UnsupportedSchemaError(file, data.schemaVersion, SCHEMA_VERSION);
  fillTargetFields(data);
  // Results written before the stages existed have no `stages`, `slo` or
  // `plan`; they read as a run with no stage sections, judged by the default SLO.
  data.stages ??= {};
  data.slo ??= { ...DEFAULT_SLO };
  data.plan ??= null;
  const parsed = v.safeParse(LabResultSchema, data);
  if (!parsed.success) fail(file, schemaProblem(LabResultSchema, parsed.issues[0], data), parsed.issues.length - 1);
  // Results written before the gate was stored (or a run cut short before its end-of-run analysis): decided from their stages, as the lab would have.
  parsed.output.gate ??= stageGate(parsed.output);
  return parsed.output;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(file: string, problem: SchemaProblem, more = 0): never {
  const others = more === 0 ? '' : ` (and ${more} more ${more === 1 ? 'problem' : 'problems'} after it)`;
  throw new ReportError('invalid-result', file, `${file}: ${problem.path || '(top level)'} must be ${problem.expected}, found ${problem.found}${others}`);
}
