import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseExceptions } from '../../scripts/lib/locust/parse-exceptions.ts';
import { parseFailures } from '../../scripts/lib/locust/parse-failures.ts';
import { parseHistory } from '../../scripts/lib/locust/parse-history.ts';
import { parseStats } from '../../scripts/lib/locust/parse-stats.ts';
import { inputError } from './input-error-helper.ts';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/locust/${path}`, import.meta.url), 'utf8');
const STATS = fixture('full-history/run_stats.csv');

/** The recorded _stats.csv with one field of one line (1-based) replaced. */
function withStatsField(line: number, column: string, value: string): string {
  const lines = STATS.split('\r\n');
  const header = lines[0]!.split(',');
  const fields = lines[line - 1]!.split(',');
  fields[header.indexOf(column)] = value;
  lines[line - 1] = fields.join(',');
  return lines.join('\r\n');
}


test('empty file', () => {
  const error = inputError(() => parseStats('', 'run_stats.csv'));
  assert.is(error.message, 'run_stats.csv: expected a CSV header line, got an empty file');
  assert.is(error.file, 'run_stats.csv');
  assert.is(error.line, null);
});

test('whitespace-only file counts as empty', () => {
  const error = inputError(() => parseHistory('\r\n  \r\n', 'run_stats_history.csv'));
  assert.is(error.message, 'run_stats_history.csv: expected a CSV header line, got an empty file');
});

test('NUL bytes: binary content, line named', () => {
  const lines = STATS.split('\r\n');
  lines[2] = 'GET,/health\u0000\u0000\u0001,53';
  const error = inputError(() => parseStats(lines.join('\r\n'), 'run_stats.csv'));
  assert.is(error.message, 'run_stats.csv line 3: expected UTF-8 text, got a NUL byte (binary data)');
  assert.is(error.line, 3);
});

test('invalid UTF-8 (decoded to U+FFFD by readFile) is rejected with its line', () => {
  const bytes = Buffer.concat([Buffer.from(STATS.split('\r\n').slice(0, 4).join('\r\n') + '\r\n'), Buffer.from([0xff, 0xfe, 0x41])]);
  const error = inputError(() => parseStats(bytes.toString('utf8'), 'run_stats.csv'));
  assert.is(error.message, 'run_stats.csv line 5: expected UTF-8 text, got bytes that are not valid UTF-8');
});

test('truncated last row (writer killed mid-row)', () => {
  const cut = STATS.slice(0, STATS.lastIndexOf('\r\n', STATS.length - 3) + 40);
  const error = inputError(() => parseStats(cut, 'run_stats.csv'));
  assert.match(error.message, /^run_stats\.csv line 8: expected 22 fields like the header, got \d+ \(truncated or ragged row\)$/);
  assert.is(error.line, 8);
});

test('empty line in the middle is a ragged row', () => {
  const lines = STATS.split('\r\n');
  lines.splice(3, 0, '');
  const error = inputError(() => parseStats(lines.join('\r\n'), 'run_stats.csv'));
  assert.is(error.message, 'run_stats.csv line 4: expected 22 fields like the header, got 1 (truncated or ragged row)');
});

test('missing header columns are all named', () => {
  const text = STATS.replace('Request Count,Failure Count', 'Requests,Failures');
  const error = inputError(() => parseStats(text, 'run_stats.csv'));
  assert.is(error.message, 'run_stats.csv line 1: expected columns "Request Count", "Failure Count", got a header without them');
  assert.is(error.line, 1);
});

test('duplicated column name', () => {
  const text = STATS.replace('Type,Name,', 'Name,Name,');
  const error = inputError(() => parseStats(text, 'run_stats.csv'));
  assert.is(error.message, 'run_stats.csv line 1, column "Name": expected each column name once, got it 2 times');
  assert.is(error.field, 'Name');
});

test('non-numeric count names file, line and column', () => {
  const error = inputError(() => parseStats(withStatsField(7, 'Request Count', 'abc'), 'run_stats.csv'));
  assert.is(error.message, 'run_stats.csv line 7, column "Request Count": expected a number, got "abc"');
  assert.is(error.line, 7);
  assert.is(error.field, 'Request Count');
  assert.is(error.expected, 'a number');
  assert.is(error.got, '"abc"');
});

test('N/A where the contract has no null (Requests/s of _stats.csv)', () => {
  const error = inputError(() => parseStats(withStatsField(8, 'Requests/s', 'N/A'), 'run_stats.csv'));
  assert.is(error.message, 'run_stats.csv line 8, column "Requests/s": expected a number, got "N/A"');
});

test('empty value where the contract has no null', () => {
  const error = inputError(() => parseStats(withStatsField(2, 'Failure Count', ''), 'run_stats.csv'));
  assert.is(error.message, 'run_stats.csv line 2, column "Failure Count": expected a number, got ""');
});

test('numbers are parsed strictly: hex, Infinity, padded and negative values are refused', () => {
  for (const [value, expected] of [
    ['0x10', 'a number'],
    ['Infinity', 'a number'],
    [' 5', 'a number'],
    ['-1', 'a number >= 0'],
  ]) {
    const error = inputError(() => parseStats(withStatsField(3, 'Average Response Time', value!), 'run_stats.csv'));
    assert.is(error.message, `run_stats.csv line 3, column "Average Response Time": expected ${expected}, got ${JSON.stringify(value)}`);
  }
});

test('fractional count', () => {
  const error = inputError(() => parseStats(withStatsField(4, 'Request Count', '44.5'), 'run_stats.csv'));
  assert.is(error.message, 'run_stats.csv line 4, column "Request Count": expected a whole number, got "44.5"');
});

test('history: bad timestamp on a later line', () => {
  const lines = fixture('no-full-history/run_stats_history.csv').split('\r\n');
  lines[9] = lines[9]!.replace(/^\d+/, '17958292x');
  const error = inputError(() => parseHistory(lines.join('\r\n'), 'run_stats_history.csv'));
  assert.is(error.message, 'run_stats_history.csv line 10, column "Timestamp": expected a number, got "17958292x"');
});

test('unterminated quoted field: the line where the record starts', () => {
  const text = 'Method,Name,Error,Occurrences\r\nGET,/a,x,1\r\nGET,/quoted,"bad, ""quoted\r\nsecond line,39\r\n';
  const error = inputError(() => parseFailures(text, 'run_failures.csv'));
  assert.is(error.message, 'run_failures.csv line 3: expected a closing quote, got the end of the file (unterminated quoted field)');
});

test('stray quotes (a hand-edited file) are refused with their line', () => {
  const opening = inputError(() => parseFailures('Method,Name,Error,Occurrences\r\nGET,/a,x"y,1\r\n', 'run_failures.csv'));
  assert.is(opening.message, 'run_failures.csv line 2: expected quotes only around a whole field, got a quote inside an unquoted field');
  const closing = inputError(() => parseFailures('Method,Name,Error,Occurrences\r\nGET,/a,x,1\r\nGET,"/b"x,z,1\r\n', 'run_failures.csv'));
  assert.is(closing.message, 'run_failures.csv line 3: expected a comma or line end after a closing quote, got more text');
});

test('line numbers count the lines of multi-line quoted fields before the bad row', () => {
  const text = fixture('full-history/run_exceptions.csv') + 'abc,msg,tb,local\r\n';
  const error = inputError(() => parseExceptions(text, 'run_exceptions.csv'));
  assert.is(error.message, 'run_exceptions.csv line 11, column "Count": expected a number, got "abc"');
});

test('6-column failures: malformed First Seen', () => {
  const text = fixture('failures-6col/run_failures.csv').replace('2026-11-28T01:27:30Z', '2026-11-28 01:27:30');
  const error = inputError(() => parseFailures(text, 'run_failures.csv'));
  assert.is(
    error.message,
    'run_failures.csv line 4, column "First Seen": expected a UTC time like 2026-01-31T12:00:00Z, got "2026-11-28 01:27:30"',
  );
});

test('failures: First Seen without Last Seen is neither known form', () => {
  const text = 'Method,Name,Error,Occurrences,First Seen\r\nGET,/a,x,1,2026-11-28T01:27:30Z\r\n';
  const error = inputError(() => parseFailures(text, 'run_failures.csv'));
  assert.is(error.message, 'run_failures.csv line 1: expected column "Last Seen", got a header without them');
});

test('InputError carries a hint for the entry scripts', () => {
  const error = inputError(() => parseStats('', 'run_stats.csv'));
  assert.type(error.hint, 'string');
  assert.is(error.name, 'InputError');
});

test.run();
