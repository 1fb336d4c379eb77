import type { EndpointStats } from '../results/types.ts';
import { readCsv } from './read-csv.ts';
import { readCount, readNullableNumber, readNumber, readText } from './read-field.ts';
import { findPercentileColumns, readPercentiles } from './read-percentiles.ts';

// NOTE: CSV column names of Locust's `_stats.csv` (unchanged since Locust 1.4);
// the EndpointStats doc comments in results/types.ts name the same columns.
const COLUMNS = {
  method: 'Type',
  name: 'Name',
  requests: 'Request Count',
  failures: 'Failure Count',
  median: 'Median Response Time',
  avg: 'Average Response Time',
  min: 'Min Response Time',
  max: 'Max Response Time',
  rps: 'Requests/s',
  failuresPerS: 'Failures/s',
} as const;

/** Rows of Locust's `_stats.csv`, endpoints then `Aggregated`, in file order. */
export function parseStats(text: string, fileName: string): EndpointStats[] {
  const table = readCsv(text, fileName, Object.values(COLUMNS));
  const percentileColumns = findPercentileColumns(table.header);
  return table.rows.map((row) => {
    const requests = readCount(row, COLUMNS.requests);
    // Locust writes 0 for the times of an entry without requests (e.g. one only hit before
    // --reset-stats); 0 ms would read as a measurement, so it becomes "no data".
    const time = (column: string) => {
      const value = readNullableNumber(row, column);
      return requests === 0 ? null : value;
    };
    return {
      method: readText(row, COLUMNS.method),
      name: readText(row, COLUMNS.name),
      requests,
      failures: readCount(row, COLUMNS.failures),
      medianMs: time(COLUMNS.median),
      avgMs: time(COLUMNS.avg),
      minMs: time(COLUMNS.min),
      maxMs: time(COLUMNS.max),
      rps: readNumber(row, COLUMNS.rps),
      failuresPerS: readNumber(row, COLUMNS.failuresPerS),
      percentiles: readPercentiles(row, percentileColumns),
    };
  });
}
