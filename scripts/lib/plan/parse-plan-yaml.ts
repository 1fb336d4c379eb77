import { YAML } from 'zx';
import { LabError } from '../errors.ts';

/**
 * A plan file in YAML, read by the `yaml` package that zx ships (YAML 1.2:
 * `yes` stays a string, `1.5G` too). Duplicate keys and syntax errors are
 * refused with their line; so is a document that is not a mapping of keys,
 * since every plan value lives under a key of `plan/lab-config.ts`.
 */
export function parsePlanYaml(text: string, file: string): unknown {
  const doc = YAML.parseDocument(text, { uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const line = error.linePos?.[0]?.line;
    const what = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new LabError(`${file}${line ? ` line ${line}` : ''}: ${what}.`, 'Fix the YAML at that line (indent with spaces; one value per key), or write the plan as JSON.');
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new LabError(`${file}: a plan file must be a mapping of keys (such as "sweep:" or "slo:"), not ${Array.isArray(data) ? 'a list' : `the value ${JSON.stringify(data)}`}.`, 'Start each top-level line with a key of scripts/lib/plan/lab-config.ts, e.g. "sweep:".');
  }
  return data;
}
