import type { CsvRow } from './read-csv.ts';
import { readNullableNumber } from './read-field.ts';

// Locust names a percentile column after `PERCENTILES_TO_REPORT` (`50%`, `99.9%`, `100%`),
// which a locustfile may change, so the header decides which exist.
const PERCENTILE_HEADER = /^\d+(?:\.\d+)?%$/;

/** The percentile columns of a header, in file order. */
export function findPercentileColumns(header: readonly string[]): string[] {
  return header.filter((name) => PERCENTILE_HEADER.test(name));
}

/** Percentile values of a row keyed by header; `N/A` is `null`. */
export function readPercentiles(row: CsvRow, columns: readonly string[]): Record<string, number | null> {
  return Object.fromEntries(columns.map((column) => [column, readNullableNumber(row, column)]));
}
