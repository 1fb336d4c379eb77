import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseStats } from '../locust/parse-stats.ts';
import { parseHistory } from '../locust/parse-history.ts';
import { parseFailures } from '../locust/parse-failures.ts';
import { parseExceptions } from '../locust/parse-exceptions.ts';
import { parseRequests } from '../locust/parse-requests.ts';
import { parsePhases } from '../locust/parse-phases.ts';
import { withSeenTimes } from './failure-seen-times.ts';
import { parseStatsSamples } from './parse-stats-samples.ts';
import { CSV_PREFIX } from '../compose/trial-compose.ts';
import type { EndpointStats, ExceptionRow, FailureRow, HistoryRow, LocustPhases, RequestSample, StatsSample } from '../results/types.ts';

export const STATS_NDJSON = 'stats.ndjson';
// NOTE: the lab's Locust hook (locust/locust_lab_hook.py) writes and reads these names.
/** Locust's phases, written by the hook in the master or local process. */
export const PHASES_NDJSON = 'locust_phases.ndjson';
/** Per-request samples, one file per Locust process that runs users: `locust_requests-local.csv`, `locust_requests-worker-<host>-<pid>.csv`. */
export const REQUESTS_CSV_PATTERN = /^locust_requests(?:-[A-Za-z0-9_.-]+)?\.csv$/;
/** Created by the lab (`locust/request-stop.ts`) to make Locust stop early; the hook polls for it. */
export const STOP_FILE = 'locust_lab_stop';

/** Names of the per-request sample files in a trial folder, sorted, so every read concatenates them alike. */
export async function requestFileNames(trialDir: string): Promise<string[]> {
  const names = await readdir(trialDir).catch(() => [] as string[]);
  return names.filter((name) => REQUESTS_CSV_PATTERN.test(name)).sort();
}

/** Everything a trial's raw files say, parsed. `null` where a file was not written. */
export interface CollectedTrial {
  endpoints: EndpointStats[] | null;
  history: HistoryRow[] | null;
  failures: FailureRow[] | null;
  exceptions: ExceptionRow[] | null;
  samples: StatsSample[];
  /** Every request the hook recorded, all its files concatenated in `requestFiles` order; `null` when the hook wrote no file. */
  requests: RequestSample[] | null;
  /** Names of the `locust_requests*.csv` files present, sorted. */
  requestFiles: string[];
  /** Locust's phases as the hook saw them; `null` without `locust_phases.ndjson`. */
  phases: LocustPhases | null;
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
  const requestFiles = await requestFileNames(trialDir);
  let requests: RequestSample[] = [];
  for (const name of requestFiles) {
    const text = await read(name);
    // concat, not push(...rows): a long trial has more rows than a call takes arguments.
    if (text !== null) requests = requests.concat(parseRequests(text, name));
  }
  const failures = await parse(locustCsv('failures'), parseFailures);
  return {
    endpoints: await parse(locustCsv('stats'), parseStats),
    history: await parse(locustCsv('stats_history'), parseHistory),
    failures: failures === null ? null : withSeenTimes(failures, requests),
    exceptions: await parse(locustCsv('exceptions'), parseExceptions),
    samples: ndjson === null ? [] : parseStatsSamples(ndjson, STATS_NDJSON).samples,
    requests: requestFiles.some((name) => present.has(name)) ? requests : null,
    requestFiles: requestFiles.filter((name) => present.has(name)),
    phases: await parse(PHASES_NDJSON, parsePhases),
    present,
  };
}
