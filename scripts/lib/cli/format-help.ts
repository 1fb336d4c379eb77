import type { FlagSpec } from '../util/flag-spec.ts';
import type { EntrySpec } from './entry-spec.ts';
import { usageLine } from './parse-flags.ts';

/** The `--help` text of an entry script, made from its declaration alone. */
export function formatHelp(entry: EntrySpec): string {
  const rows: [string, string][] = [
    ...entry.args.map((a): [string, string] => [`<${a.name}>`, a.help + (a.required ? '' : ' (optional)')]),
    ...entry.flags.map((f): [string, string] => [flagLabel(f), flagHelp(f)]),
  ];
  const width = Math.min(26, Math.max(...rows.map(([left]) => left.length)) + 2);
  const row = ([left, right]: [string, string]) => `  ${left.padEnd(width)}${left.length >= width ? `\n  ${' '.repeat(width)}` : ''}${right}`;
  const lines = [`usage: ${usageLine(entry)}`, '', entry.summary, ''];
  if (entry.args.length) lines.push('arguments:', ...rows.slice(0, entry.args.length).map(row), '');
  lines.push('options:', ...rows.slice(entry.args.length).map(row));
  if (entry.notes.length) lines.push('', ...entry.notes);
  return lines.join('\n');
}

function flagLabel(f: FlagSpec): string {
  const name = `${f.short ? `-${f.short}, ` : ''}--${f.name}`;
  if (f.kind === 'choice') return `${name} ${f.choices!.join('|')}`;
  return f.value ? `${name} ${f.value}` : name;
}

function flagHelp(f: FlagSpec): string {
  const shown = f.default ?? f.shownDefault;
  return shown === undefined ? f.help : `${f.help} (default: ${shown})`;
}
