import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parsePhases } from '../../scripts/lib/locust/parse-phases.ts';
import { inputError } from './input-error-helper.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/locust/requests/${name}/locust_phases.ndjson`, import.meta.url), 'utf8');
const FILE = 'locust_phases.ndjson';
const line = (value: unknown) => `${JSON.stringify(value)}\n`;


test('a run ended by its run-time limit', () => {
  assert.equal(parsePhases(fixture('local'), FILE), {
    testStartMs: 1796000205017.817,
    spawned: [{ tMs: 1796000206019.739, users: 20 }],
    stoppingMs: 1796000216844.943,
    stoppedMs: 1796000216852.065,
    stopRequestedMs: null,
  });
});

test('a run the lab stopped early: stop_requested, then stopping, then users killed after --stop-timeout', () => {
  const phases = parsePhases(fixture('censored'), FILE);
  assert.is(phases.stopRequestedMs, 1796000242612.146);
  assert.ok(phases.stoppingMs! - phases.stopRequestedMs! < 1);
  assert.ok(Math.abs(phases.stoppedMs! - phases.stoppingMs! - 2000) < 20, '--stop-timeout 2');
});

test("distributed: the master's test_stop does not wait for the workers' users", () => {
  const phases = parsePhases(fixture('distributed'), FILE);
  assert.ok(phases.stoppedMs! - phases.stoppingMs! < 1);
  assert.equal(phases.spawned, [{ tMs: 1796000286945.489, users: 20 }]);
});

test('a step ramp stopped by the lab: one spawning_complete per step; the doubled stop events keep their first time', () => {
  const text = fixture('ramp');
  assert.is(text.match(/"test_stopping"/g)?.length, 2);
  const phases = parsePhases(text, FILE);
  assert.equal(phases.spawned.map((s) => s.users), [2, 4, 6]);
  assert.is(phases.stoppingMs, 1796000460136.177);
  assert.is(phases.stoppedMs, 1796000460156.648);
  assert.ok(phases.stopRequestedMs! <= phases.stoppingMs!);
});

test('every spawning_complete is kept in order; a repeated event keeps its first time', () => {
  const text = [
    line({ event: 'test_start', t_ms: 1 }), line({ event: 'spawning_complete', t_ms: 2, users: 5 }),
    line({ event: 'spawning_complete', t_ms: 3, users: 10 }), line({ event: 'test_stopping', t_ms: 4 }),
    line({ event: 'test_stopping', t_ms: 5 }), line({ event: 'test_stop', t_ms: 6 }), line({ event: 'test_stop', t_ms: 7 }),
  ].join('');
  assert.equal(parsePhases(text, FILE), {
    testStartMs: 1, spawned: [{ tMs: 2, users: 5 }, { tMs: 3, users: 10 }], stoppingMs: 4, stoppedMs: 6, stopRequestedMs: null,
  });
});

test('an empty file: no phases yet', () => {
  assert.equal(parsePhases('', FILE), { testStartMs: null, spawned: [], stoppingMs: null, stoppedMs: null, stopRequestedMs: null });
});

test('a last line cut mid-write is dropped; a whole unterminated line is kept', () => {
  const text = fixture('local');
  const cut = text.slice(0, text.length - 10);
  const phases = parsePhases(cut, FILE);
  assert.is(phases.stoppedMs, null);
  assert.is(phases.stoppingMs, 1796000216844.943);
  assert.is(parsePhases(text.slice(0, -1), FILE).stoppedMs, 1796000216852.065);
});

test('bad input names file, line and field', () => {
  const lines = fixture('local').split('\n');
  const withLine2 = (value: string) => [lines[0], value, ...lines.slice(2)].join('\n');
  assert.is(
    inputError(() => parsePhases(withLine2('{"event": "spawned", "t_ms": 1}'), FILE)).message,
    'locust_phases.ndjson line 2, field "event": expected one of test_start, spawning_complete, test_stopping, test_stop, stop_requested, got "spawned"',
  );
  assert.is(
    inputError(() => parsePhases(withLine2('{"event": "test_stop", "t_ms": "now"}'), FILE)).message,
    'locust_phases.ndjson line 2, field "t_ms": expected Unix milliseconds (a number >= 0), got "now"',
  );
  assert.is(
    inputError(() => parsePhases(withLine2('{"event": "spawning_complete", "t_ms": 1}'), FILE)).message,
    'locust_phases.ndjson line 2, field "users": expected a whole number >= 0, got nothing (field missing)',
  );
  assert.is(inputError(() => parsePhases(withLine2('[1, 2]'), FILE)).message, 'locust_phases.ndjson line 2: expected one JSON object, got [1,2]');
  assert.is(inputError(() => parsePhases(withLine2(''), FILE)).message, 'locust_phases.ndjson line 2: expected one JSON object, got an empty line');
  // Terminated by a newline, so it was written whole: broken, not cut.
  assert.is(inputError(() => parsePhases(`${lines[0]}\n{"event": "te\n`, FILE)).line, 2);
});

test.run();
