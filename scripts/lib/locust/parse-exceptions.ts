import type { ExceptionRow } from '../results/types.ts';
import { readCsv } from './read-csv.ts';
import { readCount, readText } from './read-field.ts';

// NOTE: CSV column names of Locust's `_exceptions.csv`; ExceptionRow in results/types.ts.
const COLUMNS = { count: 'Count', message: 'Message', traceback: 'Traceback', nodes: 'Nodes' } as const;

/** Rows of Locust's `_exceptions.csv`: errors raised inside the locustfile, not failed requests. */
export function parseExceptions(text: string, fileName: string): ExceptionRow[] {
  const table = readCsv(text, fileName, Object.values(COLUMNS));
  return table.rows.map((row) => ({
    count: readCount(row, COLUMNS.count),
    message: readText(row, COLUMNS.message),
    traceback: readText(row, COLUMNS.traceback),
    nodes: readText(row, COLUMNS.nodes),
  }));
}
