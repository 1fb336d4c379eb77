import { InputError, quoteValue } from '../collect/input-error.ts';
import type { CsvRow } from './read-csv.ts';

// Python writes floats as repr (`1.5`, `1e-05`) and ints as digits; nothing else is a number here.
// Number() alone would also take '', ' 1', '0x10' and 'Infinity'.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Locust's placeholder where a statistic has no data yet (percentiles of an entry without requests). */
export const NOT_AVAILABLE = 'N/A';

/** The raw text of a column, as written (may be empty). */
export function readText(row: CsvRow, column: string): string {
  const value = row.values[column];
  if (value === undefined) {
    throw new InputError({ file: row.file, line: row.line, field: column, expected: 'a value', got: 'no such column' });
  }
  return value;
}

/** A non-negative finite number; `N/A` and empty are errors. */
export function readNumber(row: CsvRow, column: string): number {
  const raw = readText(row, column);
  const value = DECIMAL.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value)) {
    throw new InputError({ file: row.file, line: row.line, field: column, expected: 'a number', got: quoteValue(raw) });
  }
  if (value < 0) {
    throw new InputError({ file: row.file, line: row.line, field: column, expected: 'a number >= 0', got: quoteValue(raw) });
  }
  return value;
}

/** Like readNumber, but `N/A` or an empty field is `null`. */
export function readNullableNumber(row: CsvRow, column: string): number | null {
  const raw = readText(row, column);
  return raw === NOT_AVAILABLE || raw === '' ? null : readNumber(row, column);
}

/** A count: a whole number >= 0. */
export function readCount(row: CsvRow, column: string): number {
  const value = readNumber(row, column);
  if (!Number.isSafeInteger(value)) {
    throw new InputError({
      file: row.file,
      line: row.line,
      field: column,
      expected: 'a whole number',
      got: quoteValue(readText(row, column)),
    });
  }
  return value;
}
