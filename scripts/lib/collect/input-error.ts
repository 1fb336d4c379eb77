import { LabError } from '../errors.ts';

/** Where a raw file went wrong, and how. */
export interface InputErrorDetails {
  /** File name as the user knows it, e.g. `run_stats.csv`. */
  file: string;
  /** 1-based line in the file; `null` when the problem is the file as a whole. */
  line?: number | null;
  /** CSV column or JSON field name; `null` when the problem is the whole line. */
  field?: string | null;
  /** What a valid input looks like there, e.g. `a number`. */
  expected: string;
  /** What was found, already formatted (values quoted), e.g. `"abc"`. */
  got?: string | null;
}

/**
 * A raw file (Locust CSV, stats NDJSON) that does not hold what the lab wrote or
 * expects. A LabError because the fix is on the user's side: the file is
 * corrupt, truncated or from a tool version the lab does not read.
 */
export class InputError extends LabError {
  readonly file: string;
  readonly line: number | null;
  readonly field: string | null;
  readonly expected: string;
  readonly got: string | null;

  constructor(details: InputErrorDetails) {
    super(
      formatInputError(details),
      'Re-run the trial to write the file again; a file edited or cut by hand cannot be trusted.',
    );
    this.name = 'InputError';
    this.file = details.file;
    this.line = details.line ?? null;
    this.field = details.field ?? null;
    this.expected = details.expected;
    this.got = details.got ?? null;
  }
}

function formatInputError(d: InputErrorDetails): string {
  // CSV files have columns; NDJSON lines have fields. The user greps for that word.
  const fieldWord = d.file.endsWith('.csv') ? 'column' : 'field';
  const where = [d.file, d.line != null ? ` line ${d.line}` : '', d.field != null ? `, ${fieldWord} "${d.field}"` : ''];
  const got = d.got != null ? `, got ${d.got}` : '';
  return `${where.join('')}: expected ${d.expected}${got}`;
}

/** Quotes a found value for a message, cut short so a binary blob cannot flood a terminal. */
export function quoteValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
