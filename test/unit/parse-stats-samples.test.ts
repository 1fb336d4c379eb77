import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseStatsSamples } from '../../scripts/lib/collect/parse-stats-samples.ts';
import type { StatsSample } from '../../scripts/lib/results/types.ts';
import { inputError } from './input-error-helper.ts';

const api: StatsSample = {
  t: 1795829312689,
  container: 'api',
  cpuPercentOfCore: 49.53144833333333,
  cpuPercentOfLimit: 99.06289666666666,
  memoryBytes: 790528,
  memoryLimitBytes: 268435456,
};
const locust: StatsSample = { ...api, container: 'locust', cpuPercentOfLimit: null, memoryLimitBytes: 25769803776 };
const line = (value: unknown) => JSON.stringify(value);


test('one sample a line, newline-terminated', () => {
  const text = [line(api), line(locust), line({ ...api, t: api.t + 1000 })].join('\n') + '\n';
  const parsed = parseStatsSamples(text, 'stats.ndjson');
  assert.equal(parsed.samples, [api, locust, { ...api, t: api.t + 1000 }]);
  assert.is(parsed.tornLastLine, false);
});

test('empty file: no samples', () => {
  assert.equal(parseStatsSamples('', 'stats.ndjson'), { samples: [], tornLastLine: false });
});

test('a complete last line without its newline is kept', () => {
  const parsed = parseStatsSamples(`${line(api)}\n${line(locust)}`, 'stats.ndjson');
  assert.is(parsed.samples.length, 2);
  assert.is(parsed.tornLastLine, false);
});

test('torn (unterminated, unparsable) last line is dropped and reported', () => {
  const torn = line(locust).slice(0, 37);
  const parsed = parseStatsSamples(`${line(api)}\n${line(api)}\n${torn}`, 'stats.ndjson');
  assert.equal(parsed.samples, [api, api]);
  assert.is(parsed.tornLastLine, true);
});

test('a bad line in the middle is an error with its line number', () => {
  const text = `${line(api)}\n${line(api).slice(0, 20)}\n${line(locust)}\n`;
  const error = inputError(() => parseStatsSamples(text, 'stats.ndjson'));
  assert.match(error.message, /^stats\.ndjson line 2: expected one JSON object, got "/);
  assert.is(error.line, 2);
});

test('an unparsable last line that did end with a newline is an error, not a tear', () => {
  const error = inputError(() => parseStatsSamples(`${line(api)}\n{"t": 1,\n`, 'stats.ndjson'));
  assert.is(error.message, 'stats.ndjson line 2: expected one JSON object, got "{\\"t\\": 1,"');
});

test('wrong field type names file, line and field', () => {
  const text = `${line(api)}\n${line(api)}\n${line({ ...api, cpuPercentOfCore: '12.5' })}\n`;
  const error = inputError(() => parseStatsSamples(text, 'stats.ndjson'));
  assert.is(error.message, 'stats.ndjson line 3, field "cpuPercentOfCore": expected a number >= 0, got "12.5"');
  assert.is(error.field, 'cpuPercentOfCore');
  assert.is(error.line, 3);
});

test('missing field', () => {
  const { memoryBytes: _, ...partial } = api;
  const error = inputError(() => parseStatsSamples(`${line(partial)}\n`, 'stats.ndjson'));
  assert.is(error.message, 'stats.ndjson line 1, field "memoryBytes": expected a number >= 0, got nothing (field missing)');
});

test('null is only allowed for cpuPercentOfLimit', () => {
  assert.is(parseStatsSamples(`${line({ ...api, cpuPercentOfLimit: null })}\n`, 'stats.ndjson').samples[0]!.cpuPercentOfLimit, null);
  const error = inputError(() => parseStatsSamples(`${line({ ...api, memoryLimitBytes: null })}\n`, 'stats.ndjson'));
  assert.is(error.message, 'stats.ndjson line 1, field "memoryLimitBytes": expected a number >= 0, got null');
});

test('empty container name and non-object lines are refused', () => {
  const noName = inputError(() => parseStatsSamples(`${line({ ...api, container: '' })}\n`, 'stats.ndjson'));
  assert.is(noName.message, 'stats.ndjson line 1, field "container": expected a non-empty string, got ""');
  const array = inputError(() => parseStatsSamples(`${line(api)}\n[1,2]\n`, 'stats.ndjson'));
  assert.is(array.message, 'stats.ndjson line 2: expected one JSON object, got [1,2]');
});

test('an empty line in the middle is an error', () => {
  const error = inputError(() => parseStatsSamples(`${line(api)}\n\n${line(api)}\n`, 'stats.ndjson'));
  assert.is(error.message, 'stats.ndjson line 2: expected one JSON object, got an empty line');
});

test('a process count is kept when present and refused when not a whole number', () => {
  assert.is(parseStatsSamples(`${line({ ...api, processes: 4 })}\n`, 'stats.ndjson').samples[0]!.processes, 4);
  assert.not.ok('processes' in parseStatsSamples(`${line(api)}\n`, 'stats.ndjson').samples[0]!);
  const error = inputError(() => parseStatsSamples(`${line({ ...api, processes: 2.5 })}\n`, 'stats.ndjson'));
  assert.is(error.message, 'stats.ndjson line 1, field "processes": expected a whole number >= 0, or no field, got 2.5');
});

test('unknown extra fields are not carried into the result', () => {
  const parsed = parseStatsSamples(`${line({ ...api, extra: '<script>' })}\n`, 'stats.ndjson');
  assert.equal(parsed.samples[0], api);
});

test.run();
