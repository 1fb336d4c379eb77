import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseExceptions } from '../../scripts/lib/locust/parse-exceptions.ts';
import { parseFailures } from '../../scripts/lib/locust/parse-failures.ts';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/locust/${path}`, import.meta.url), 'utf8');

// Locust writes repr() of the error, so the newline from response.failure() arrives as backslash-n.
const QUOTED_ERROR = `CatchResponseError('bad, "quoted"\\nsecond line')`;

test('4-column failures (Locust < 2.44): comma and quotes inside the error survive', () => {
  const rows = parseFailures(fixture('full-history/run_failures.csv'), 'run_failures.csv');
  assert.equal(rows, [
    {
      method: 'GET',
      name: '/flaky',
      error: "HTTPError('500 Server Error: Internal Server Error for url: http://127.0.0.1:18089/flaky')",
      occurrences: 25,
      firstSeen: null,
      lastSeen: null,
    },
    {
      method: 'GET',
      name: '/flaky',
      error: "HTTPError('422 Client Error: Unprocessable Entity for url: http://127.0.0.1:18089/flaky')",
      occurrences: 37,
      firstSeen: null,
      lastSeen: null,
    },
    { method: 'GET', name: '/quoted', error: QUOTED_ERROR, occurrences: 39, firstSeen: null, lastSeen: null },
  ]);
});

test('6-column failures (Locust >= 2.44): First Seen / Last Seen read as UTC strings', () => {
  const rows = parseFailures(fixture('failures-6col/run_failures.csv'), 'run_failures.csv');
  assert.is(rows.length, 3);
  assert.equal(rows[2], {
    method: 'GET',
    name: '/quoted',
    error: QUOTED_ERROR,
    occurrences: 39,
    firstSeen: '2026-11-28T01:27:30Z',
    lastSeen: '2026-11-28T01:27:43Z',
  });
  assert.is(rows[0]!.firstSeen, '2026-11-28T01:27:29Z');
});

test('4- and 6-column forms of the same run agree on everything but the times', () => {
  const four = parseFailures(fixture('full-history/run_failures.csv'), 'run_failures.csv');
  const six = parseFailures(fixture('failures-6col/run_failures.csv'), 'run_failures.csv');
  assert.equal(
    six.map(({ firstSeen: _f, lastSeen: _l, ...rest }) => rest),
    four.map(({ firstSeen: _f, lastSeen: _l, ...rest }) => rest),
  );
});

test('a real newline inside a quoted error is kept', () => {
  const text = 'Method,Name,Error,Occurrences\r\nPOST,/predict,"line one, ""a""\nline two",3\r\nGET,/health,plain,1\r\n';
  const rows = parseFailures(text, 'run_failures.csv');
  assert.is(rows[0]!.error, 'line one, "a"\nline two');
  assert.is(rows[1]!.error, 'plain');
});

test('no failures: header only', () => {
  assert.equal(parseFailures('Method,Name,Error,Occurrences\r\n', 'run_failures.csv'), []);
});

test('exceptions: message with comma and quotes, multi-line traceback, node list', () => {
  const rows = parseExceptions(fixture('full-history/run_exceptions.csv'), 'run_exceptions.csv');
  assert.is(rows.length, 1);
  const [row] = rows;
  assert.is(row!.count, 28);
  assert.is(row!.message, 'lab exception, with "quotes"');
  assert.is(row!.nodes, 'local');
  assert.ok(row!.traceback.startsWith('  File "/usr/lib/python3/dist-packages/locust/user/task.py", line 347, in run\n'));
  assert.ok(row!.traceback.includes(`raise ValueError('lab exception, with "quotes"')`));
  assert.is(row!.traceback.split('\n').length, 9);
});

test.run();
