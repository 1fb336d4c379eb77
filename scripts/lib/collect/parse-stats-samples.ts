import type { StatsSample } from '../results/types.ts';
import { InputError, quoteValue } from './input-error.ts';

/** What `stats.ndjson` held. */
export interface ParsedStatsSamples {
  /** Samples in file order. */
  samples: StatsSample[];
  /**
   * True when the last line had no newline and did not parse: the lab was stopped
   * while writing it. That line is dropped; the samples before it are whole.
   */
  tornLastLine: boolean;
}

type Check = (value: unknown) => boolean;

const isNonNegative: Check = (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isName: Check = (v) => typeof v === 'string' && v.length > 0;

// NOTE: field names of StatsSample in results/types.ts, as docker/sample-stats.ts writes them.
const FIELDS: readonly [keyof StatsSample, Check, string][] = [
  ['t', isNonNegative, 'Unix milliseconds (a number >= 0)'],
  ['container', isName, 'a non-empty string'],
  ['cpuPercentOfCore', isNonNegative, 'a number >= 0'],
  ['cpuPercentOfLimit', (v) => v === null || isNonNegative(v), 'a number >= 0 or null'],
  ['memoryBytes', isNonNegative, 'a number >= 0'],
  ['memoryLimitBytes', isNonNegative, 'a number >= 0'],
];

/** Parses `stats.ndjson`, one StatsSample JSON object a line. Throws InputError on a bad line. */
export function parseStatsSamples(text: string, fileName: string): ParsedStatsSamples {
  const lines = text.split('\n');
  // A complete file ends with a newline, which leaves one empty string after the split.
  const terminated = lines.at(-1) === '';
  if (terminated) lines.pop();

  const samples: StatsSample[] = [];
  let tornLastLine = false;
  lines.forEach((raw, index) => {
    const line = index + 1;
    const isLast = index === lines.length - 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      if (isLast && !terminated) {
        tornLastLine = true;
        return;
      }
      const got = raw.trim() === '' ? 'an empty line' : quoteValue(raw);
      throw new InputError({ file: fileName, line, expected: 'one JSON object', got });
    }
    samples.push(toSample(value, fileName, line));
  });
  return { samples, tornLastLine };
}

function toSample(value: unknown, file: string, line: number): StatsSample {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError({ file, line, expected: 'one JSON object', got: quoteValue(value) });
  }
  const record = value as Record<string, unknown>;
  for (const [field, check, expected] of FIELDS) {
    if (!check(record[field])) {
      const got = field in record ? quoteValue(record[field]) : 'nothing (field missing)';
      throw new InputError({ file, line, field, expected, got });
    }
  }
  const processes = record.processes;
  if (processes !== undefined && !(Number.isInteger(processes) && (processes as number) >= 0)) {
    throw new InputError({ file, line, field: 'processes', expected: 'a whole number >= 0, or no field', got: quoteValue(processes) });
  }
  // Copy the known fields only, so whatever else a line carries never reaches the result.
  return {
    t: record.t as number,
    container: record.container as string,
    cpuPercentOfCore: record.cpuPercentOfCore as number,
    cpuPercentOfLimit: record.cpuPercentOfLimit as number | null,
    memoryBytes: record.memoryBytes as number,
    memoryLimitBytes: record.memoryLimitBytes as number,
    ...(processes === undefined ? {} : { processes: processes as number }),
  };
}
