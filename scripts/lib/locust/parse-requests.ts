import type { RequestSample } from '../results/types.ts';
import { InputError, quoteValue } from '../collect/input-error.ts';
import { readCsv } from './read-csv.ts';
import { readNumber, readText } from './read-field.ts';

// NOTE: columns of `locust_requests*.csv` as locust/locust_lab_hook.py writes them;
// RequestSample in results/types.ts.
const COLUMNS = {
  startMs: 'start_ms',
  latencyMs: 'latency_ms',
  status: 'status',
  method: 'method',
  name: 'name',
  user: 'user',
} as const;
// As Python's csv module ends lines.
const HEADER_LINE = `${Object.values(COLUMNS).join(',')}\r\n`;
const STATUSES: readonly RequestSample['status'][] = ['ok', 'fail', 'censored'];

/**
 * Rows of one `locust_requests*.csv` written by the lab's Locust hook, in file
 * order (the order requests finished, not started). The lab reads the file
 * while Locust writes it, so a last record without its line end is dropped:
 * it is still being written.
 */
export function parseRequests(text: string, fileName: string): RequestSample[] {
  const whole = wholeRecords(text);
  // Only the header, cut while the hook was creating the file: nothing recorded yet.
  if (whole === '' && HEADER_LINE.startsWith(text)) return [];
  const table = readCsv(whole === '' ? text : whole, fileName, Object.values(COLUMNS));
  return table.rows.map((row) => {
    const status = readText(row, COLUMNS.status);
    if (!(STATUSES as readonly string[]).includes(status)) {
      throw new InputError({ file: row.file, line: row.line, field: COLUMNS.status, expected: 'ok, fail or censored', got: quoteValue(status) });
    }
    const user = readText(row, COLUMNS.user);
    // Think time and Little's law group by user; a row without one cannot be placed.
    if (user === '') throw new InputError({ file: row.file, line: row.line, field: COLUMNS.user, expected: 'a user id', got: 'an empty field' });
    return {
      startMs: readNumber(row, COLUMNS.startMs),
      latencyMs: readNumber(row, COLUMNS.latencyMs),
      status: status as RequestSample['status'],
      method: readText(row, COLUMNS.method),
      name: readText(row, COLUMNS.name),
      user,
    };
  });
}

/**
 * `text` up to the end of its last whole record. A newline inside a quoted
 * field (a request name may hold one) does not end a record, so quotes are
 * followed: Python's csv module doubles a quote inside a field, which toggles
 * twice and leaves the state as it was.
 */
function wholeRecords(text: string): string {
  if (text.endsWith('\n')) return text;
  let quoted = false;
  let end = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 10 && !quoted) end = i + 1;
  }
  return text.slice(0, end);
}
