import { readFile } from 'node:fs/promises';
import { parseHistory } from './parse-history.ts';
import type { HistoryRow } from '../results/types.ts';

/**
 * The newest complete Aggregated row of a history file Locust is still
 * writing, for live progress. A half-written file gives `null`, never an error.
 */
export async function latestAggregated(file: string): Promise<HistoryRow | null> {
  const text = await readFile(file, 'utf8').catch(() => null);
  if (!text) return null;
  const lines = text.split(/\r?\n/);
  const header = lines[0];
  // Only lines that ended with a newline are complete.
  const last = lines.slice(1, -1).reverse().find((l) => l.includes(',Aggregated,'));
  if (!header || !last) return null;
  try {
    return parseHistory(`${header}\n${last}\n`, file).at(-1) ?? null;
  } catch {
    return null;
  }
}
