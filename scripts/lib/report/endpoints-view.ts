import type { TrialResult } from '../results/types.ts';
import type { Formatters } from './format.ts';
import type { Translate } from './i18n.ts';
import { loadStart } from './load-start.ts';

/** One row of a trial's endpoint table; `extra` follows `EndpointsView.extraHeaders`. */
export interface EndpointView {
  method: string; name: string; requests: string; failures: string;
  median: string; p95: string; p99: string; extra: string[]; rps: string;
}

export interface EndpointsView {
  /** Headers of the percentile columns shown beyond median, p95 and p99, in order. */
  extraHeaders: string[];
  rows: EndpointView[];
}

export interface FailureView {
  method: string; name: string; error: string; occurrences: string;
  /** When the failure was first and last seen, `+4.3 s` after Locust started (the timeline's zero); the placeholder when not recorded. */
  firstSeen: string; lastSeen: string;
  /** The times are those of any failure of this method and name (see `FailureRow.seenScope`); the table's note says so. */
  endpointScope: boolean;
}

/** Locust's `PERCENTILES_TO_REPORT` by default (its `_stats.csv` headers); a locustfile may set others. */
const LOCUST_DEFAULT_PERCENTILES = new Set(['50%', '66%', '75%', '80%', '90%', '95%', '98%', '99%', '99.9%', '99.99%', '100%']);
/** Always in the table: median (its own column), p95 and p99. */
const SHOWN = new Set(['50%', '95%', '99%']);
/** Of the defaults, the table adds only the far tail; the others are in the linked `_stats.csv`. */
const SHOWN_DEFAULT_TAIL = '99.9%';

/**
 * Which percentile columns beyond median, p95 and p99 the table shows: 99.9 %
 * when Locust wrote it, and every column a locustfile added to Locust's
 * defaults (`locust.stats.PERCENTILES_TO_REPORT`), in ascending order.
 */
export function extraPercentiles(trial: TrialResult): string[] {
  const columns = new Set(trial.endpoints.flatMap((endpoint) => Object.keys(endpoint.percentiles)));
  return [...columns]
    .filter((column) => !SHOWN.has(column) && (column === SHOWN_DEFAULT_TAIL || !LOCUST_DEFAULT_PERCENTILES.has(column)))
    .sort((a, b) => Number.parseFloat(a) - Number.parseFloat(b));
}

/** The name of the total row in Locust's `_stats.csv`. */
const AGGREGATED = 'Aggregated';

/** The endpoint table of a trial: Locust's `_stats.csv` rows, formatted. */
export function endpointsView(trial: TrialResult, t: Translate, f: Formatters, none: string): EndpointsView {
  const extra = extraPercentiles(trial);
  return {
    extraHeaders: extra.map((column) => t('endpoint.percentile', { p: f.decimal2(Number.parseFloat(column)) ?? column })),
    rows: trial.endpoints.map((e) => ({
      // Locust names its total row "Aggregated" (no method): the reader's word for it, not Locust's.
      method: e.method, name: e.name === AGGREGATED && !e.method ? t('endpoint.aggregated') : e.name,
      requests: f.count(e.requests) ?? none, failures: f.count(e.failures) ?? none,
      median: f.ms(e.medianMs) ?? none, p95: f.ms(e.percentiles['95%'] ?? null) ?? none,
      p99: f.ms(e.percentiles['99%'] ?? null) ?? none,
      extra: extra.map((column) => f.ms(e.percentiles[column] ?? null) ?? none),
      rps: f.rps(e.rps) ?? none,
    })),
  };
}

/**
 * The failure table: Locust's `_failures.csv` rows with when each was first
 * and last seen, on the timeline's clock (seconds since Locust started), so a
 * reader finds them on the chart above; a UTC time when the start is unknown.
 */
export function failuresView(trial: TrialResult, t: Translate, f: Formatters, none: string): FailureView[] {
  const zero = loadStart(trial);
  const at = (iso: string | null): string => {
    if (iso === null) return none;
    const ms = Date.parse(iso);
    if (zero === null || !Number.isFinite(ms)) return f.utcDateTime(iso) ?? none;
    return t('endpoint.seenAt', { s: f.msAsSeconds(ms - zero.ms) ?? none });
  };
  return trial.failures.map((row) => ({
    method: row.method, name: row.name, error: row.error, occurrences: f.count(row.occurrences) ?? none,
    firstSeen: at(row.firstSeen), lastSeen: at(row.lastSeen), endpointScope: row.seenScope === 'endpoint',
  }));
}
