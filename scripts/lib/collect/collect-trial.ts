import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseStats } from '../locust/parse-stats.ts';
import { parseHistory } from '../locust/parse-history.ts';
import { parseFailures } from '../locust/parse-failures.ts';
import { parseExceptions } from '../locust/parse-exceptions.ts';
import { parseStatsSamples } from './parse-stats-samples.ts';
import { CSV_PREFIX } from '../compose/trial-compose.ts';
import type { EndpointStats, ExceptionRow, FailureRow, HistoryRow, StatsSample } from '../results/types.ts';

export const STATS_NDJSON = 'stats.ndjson';

/** Everything a trial's raw files say, parsed. `null` where a file was not written. */
export interface CollectedTrial {
  endpoints: EndpointStats[] | null;
  history: HistoryRow[] | null;
  failures: FailureRow[] | null;
  exceptions: ExceptionRow[] | null;
  samples: StatsSample[];
  /** File names (relative to the trial folder) that exist. */
  present: Set<string>;
}

export const locustCsv = (kind: 'stats' | 'stats_history' | 'failures' | 'exceptions') => `${CSV_PREFIX}_${kind}.csv`;

/** Reads a trial folder's raw files through the pure parsers. */
export async function collectTrial(trialDir: string): Promise<CollectedTrial> {
  const present = new Set<string>();
  const read = async (name: string) => {
    const text = await readFile(path.join(trialDir, name), 'utf8').catch(() => null);
    if (text !== null) present.add(name);
    return text;
  };
  const parse = async <T>(name: string, parser: (text: string, file: string) => T): Promise<T | null> => {
    const text = await read(name);
    return text === null ? null : parser(text, name);
  };
  const ndjson = await read(STATS_NDJSON);
  return {
    endpoints: await parse(locustCsv('stats'), parseStats),
    history: await parse(locustCsv('stats_history'), parseHistory),
    failures: await parse(locustCsv('failures'), parseFailures),
    exceptions: await parse(locustCsv('exceptions'), parseExceptions),
    samples: ndjson === null ? [] : parseStatsSamples(ndjson, STATS_NDJSON).samples,
    present,
  };
}
