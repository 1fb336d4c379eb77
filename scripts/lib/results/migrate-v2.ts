import { stageKeyOf } from './stage-keys.ts';
import { hostWarnings, runWarnings, stageErrorWarning } from '../analyze/run-warnings.ts';
import type { HostCalibration, RunWarning, TrialResult } from './types.ts';

/** How schema 2 wrote a stage that threw: `Stage max-users reached no verdict: <error>`. */
const THROWN = /^Stage ([a-z-]+) reached no verdict: ([\s\S]*)$/;

/**
 * Reads a schema-2 `lab-result.json` as schema 3. Schema 2 stored its
 * warnings as English sentences; schema 3 stores them as message ids with
 * their numbers. They are derived again from the stored trials, calibration
 * and stage errors by the same analysis that writes them now; a thrown stage
 * error keeps its recorded text. Mutates and returns the parsed JSON.
 */
export function migrateV2(data: Record<string, unknown>): Record<string, unknown> {
  data.schemaVersion = 3;
  const old = Array.isArray(data.warnings) ? data.warnings.filter((w): w is string => typeof w === 'string') : [];
  const trials = (Array.isArray(data.trials) ? data.trials : []) as TrialResult[];
  const stages = (typeof data.stages === 'object' && data.stages !== null ? data.stages : {}) as Record<string, { error?: string | null } | undefined>;
  const stored = Object.entries(stages).flatMap(([key, stage]) => (stage?.error ? [stageErrorWarning(key, stage.error)] : []));
  const thrown = old.flatMap((line) => {
    const m = THROWN.exec(line);
    return m ? [stageErrorWarning(stageKeyOf(m[1]!) ?? m[1]!, m[2]!)] : [];
  });
  const warnings: RunWarning[] = [...runWarnings(trials), ...hostWarnings((data.calibration ?? null) as HostCalibration | null), ...stored, ...thrown];
  data.warnings = warnings;
  return data;
}
