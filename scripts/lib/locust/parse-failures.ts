import type { FailureRow } from '../results/types.ts';
import { InputError, quoteValue } from '../collect/input-error.ts';
import { readCsv, requireColumns, type CsvRow } from './read-csv.ts';
import { readCount, readText } from './read-field.ts';

// NOTE: CSV column names of Locust's `_failures.csv`; FailureRow in results/types.ts.
const COLUMNS = { method: 'Method', name: 'Name', error: 'Error', occurrences: 'Occurrences' } as const;
// Added together in Locust 2.44, written as UTC `%Y-%m-%dT%H:%M:%SZ`.
const FIRST_SEEN = 'First Seen';
const LAST_SEEN = 'Last Seen';
const UTC_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Rows of Locust's `_failures.csv`, in either the 4-column (< 2.44) or the 6-column form. */
export function parseFailures(text: string, fileName: string): FailureRow[] {
  const table = readCsv(text, fileName, Object.values(COLUMNS));
  const timed = table.header.includes(FIRST_SEEN) || table.header.includes(LAST_SEEN);
  // One of the two time columns without the other is neither known form.
  if (timed) requireColumns(table, [FIRST_SEEN, LAST_SEEN]);
  return table.rows.map((row) => ({
    method: readText(row, COLUMNS.method),
    name: readText(row, COLUMNS.name),
    error: readText(row, COLUMNS.error),
    occurrences: readCount(row, COLUMNS.occurrences),
    firstSeen: timed ? readTime(row, FIRST_SEEN) : null,
    lastSeen: timed ? readTime(row, LAST_SEEN) : null,
  }));
}

function readTime(row: CsvRow, column: string): string | null {
  const raw = readText(row, column);
  if (raw === '') return null;
  if (!UTC_SECONDS.test(raw) || !Number.isFinite(Date.parse(raw))) {
    throw new InputError({
      file: row.file,
      line: row.line,
      field: column,
      expected: 'a UTC time like 2026-01-31T12:00:00Z',
      got: quoteValue(raw),
    });
  }
  return raw;
}
