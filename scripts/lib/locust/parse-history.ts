import type { HistoryRow } from '../results/types.ts';
import { readCsv } from './read-csv.ts';
import { readCount, readNullableNumber, readText } from './read-field.ts';
import { findPercentileColumns, readPercentiles } from './read-percentiles.ts';

// NOTE: CSV column names of Locust's `_stats_history.csv` (unchanged since Locust 1.4);
// the HistoryRow doc comments in results/types.ts name the same columns.
const COLUMNS = {
  timestamp: 'Timestamp',
  users: 'User Count',
  name: 'Name',
  rps: 'Requests/s',
  failuresPerS: 'Failures/s',
  totalRequests: 'Total Request Count',
  totalFailures: 'Total Failure Count',
  totalMedian: 'Total Median Response Time',
  totalAvg: 'Total Average Response Time',
} as const;

/**
 * Rows of Locust's `_stats_history.csv`, in file order. Without `--csv-full-history`
 * only `Aggregated` rows exist; with it every endpoint has a row per second too.
 * Locust flushes this file every 10 s, so the last seconds of a run may be missing.
 */
export function parseHistory(text: string, fileName: string): HistoryRow[] {
  const table = readCsv(text, fileName, Object.values(COLUMNS));
  const percentileColumns = findPercentileColumns(table.header);
  return table.rows.map((row) => {
    const totalRequests = readCount(row, COLUMNS.totalRequests);
    // Before the first request Locust writes 0 (not N/A) for the cumulative times.
    const totalTime = (column: string) => {
      const value = readNullableNumber(row, column);
      return totalRequests === 0 ? null : value;
    };
    return {
      timestamp: readCount(row, COLUMNS.timestamp),
      users: readCount(row, COLUMNS.users),
      name: readText(row, COLUMNS.name),
      rps: readNullableNumber(row, COLUMNS.rps),
      failuresPerS: readNullableNumber(row, COLUMNS.failuresPerS),
      percentiles: readPercentiles(row, percentileColumns),
      totalRequests,
      totalFailures: readCount(row, COLUMNS.totalFailures),
      totalMedianMs: totalTime(COLUMNS.totalMedian),
      totalAvgMs: totalTime(COLUMNS.totalAvg),
    };
  });
}
