import type { LocustPhases } from '../results/types.ts';
import { InputError, quoteValue } from '../collect/input-error.ts';

// NOTE: event names of `locust_phases.ndjson` as locust/locust_lab_hook.py writes them;
// LocustPhases in results/types.ts.
const EVENTS = ['test_start', 'spawning_complete', 'test_stopping', 'test_stop', 'stop_requested'] as const;
type PhaseEvent = (typeof EVENTS)[number];

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * Locust's phases from `locust_phases.ndjson`, one JSON object a line. An
 * event seen twice keeps its first time (a second stop only repeats the
 * first); every `spawning_complete` is kept, in order. The lab reads the file
 * while Locust writes it, so a last line without its newline that does not
 * parse is dropped: it is still being written.
 */
export function parsePhases(text: string, fileName: string): LocustPhases {
  const phases: LocustPhases = { testStartMs: null, spawned: [], stoppingMs: null, stoppedMs: null, stopRequestedMs: null };
  const lines = text.split('\n');
  // A complete file ends with a newline, which leaves one empty string after the split.
  const terminated = lines.at(-1) === '';
  if (terminated) lines.pop();
  lines.forEach((raw, index) => {
    const line = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      if (index === lines.length - 1 && !terminated) return;
      throw new InputError({ file: fileName, line, expected: 'one JSON object', got: raw.trim() === '' ? 'an empty line' : quoteValue(raw) });
    }
    const { event, tMs, users } = readLine(value, fileName, line);
    if (event === 'spawning_complete') phases.spawned.push({ tMs, users: users! });
    else if (event === 'test_start') phases.testStartMs ??= tMs;
    else if (event === 'test_stopping') phases.stoppingMs ??= tMs;
    else if (event === 'test_stop') phases.stoppedMs ??= tMs;
    else phases.stopRequestedMs ??= tMs;
  });
  return phases;
}

function readLine(value: unknown, file: string, line: number): { event: PhaseEvent; tMs: number; users: number | null } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError({ file, line, expected: 'one JSON object', got: quoteValue(value) });
  }
  const record = value as Record<string, unknown>;
  const got = (field: string) => (field in record ? quoteValue(record[field]) : 'nothing (field missing)');
  const event = record.event;
  if (!(EVENTS as readonly unknown[]).includes(event)) {
    throw new InputError({ file, line, field: 'event', expected: `one of ${EVENTS.join(', ')}`, got: got('event') });
  }
  if (!isTime(record.t_ms)) throw new InputError({ file, line, field: 't_ms', expected: 'Unix milliseconds (a number >= 0)', got: got('t_ms') });
  if (event === 'spawning_complete' && !isCount(record.users)) {
    throw new InputError({ file, line, field: 'users', expected: 'a whole number >= 0', got: got('users') });
  }
  return { event: event as PhaseEvent, tMs: record.t_ms, users: event === 'spawning_complete' ? (record.users as number) : null };
}
