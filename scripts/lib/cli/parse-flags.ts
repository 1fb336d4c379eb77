import { LabError } from '../errors.ts';
import type { FlagSpec } from '../util/flag-spec.ts';
import type { EntrySpec } from './entry-spec.ts';

/** Flags as an entry's main function gets them: text for values, booleans for switches, `_` for arguments. */
export type ParsedFlags = { _: string[] } & Record<string, string | boolean | string[]>;

export interface ParsedArgs {
  /** True when `--help` or `-h` was given; then nothing else is checked. */
  help: boolean;
  flags: ParsedFlags;
}

const BOOL = /^(true|false)$/;

/**
 * Parses an entry script's arguments against its declaration: `--name value`,
 * `--name=value`, switches (`--force`, `--calibrate false`, `--no-force`),
 * choices, positional arguments and `--` (everything after it is an argument).
 * Unknown flags, missing values, repeated flags, stray or missing arguments are
 * refused, naming the flag and the fix. Defaults declared on a flag are filled in.
 */
export function parseFlags(argv: readonly string[], entry: EntrySpec): ParsedArgs {
  const byName = new Map(entry.flags.map((f) => [f.name, f]));
  const byShort = new Map(entry.flags.filter((f) => f.short).map((f) => [f.short!, f]));
  const end = argv.indexOf('--');
  const before = end < 0 ? argv : argv.slice(0, end);
  const flags: ParsedFlags = { _: [] };
  if (before.some((a) => a === '--help' || a === '-h')) return { help: true, flags };

  const known = () => `Known flags of ${entry.script}: ${entry.flags.map((f) => `--${f.name}`).join(', ')} (see --help).`;
  const set = (spec: FlagSpec, value: string | boolean) => {
    if (spec.name in flags) throw new LabError(`--${spec.name} is given twice.`, `Give --${spec.name} once.`);
    if (spec.kind === 'choice' && !spec.choices!.includes(String(value))) {
      throw new LabError(`--${spec.name} ${value} is not available.`, `Use one of: ${spec.choices!.join(', ')}.`);
    }
    flags[spec.name] = value;
  };

  for (let i = 0; i < before.length; i++) {
    const arg = before[i]!;
    if (!arg.startsWith('-') || arg === '-' || /^-\d/.test(arg)) {
      flags._.push(arg);
      continue;
    }
    const short = /^-([A-Za-z])$/.exec(arg);
    const long = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
    if (!short && !long) throw new LabError(`Unknown flag ${arg}.`, known());
    const name = short ? byShort.get(short[1]!)?.name : long![1]!;
    const inline = long?.[2];
    let spec = name === undefined ? undefined : byName.get(name);
    if (!spec && name?.startsWith('no-') && inline === undefined) {
      const negated = byName.get(name.slice(3));
      if (negated?.kind === 'switch') {
        set(negated, false);
        continue;
      }
    }
    if (!spec) throw new LabError(`Unknown flag ${short ? arg : `--${name}`}.`, known());
    if (spec.kind === 'switch') {
      if (inline !== undefined && !BOOL.test(inline)) throw new LabError(`--${spec.name}=${inline}: a switch is true or false.`, `Write --${spec.name}, --${spec.name} true or --${spec.name} false.`);
      const next = before[i + 1];
      if (inline === undefined && next !== undefined && BOOL.test(next)) i += 1;
      set(spec, (inline ?? (next !== undefined && BOOL.test(next) ? next : 'true')) === 'true');
      continue;
    }
    if (inline !== undefined) {
      set(spec, inline);
      continue;
    }
    const next = before[i + 1];
    // A value may start with one dash (-5 is refused later with its own message), never with two.
    if (next === undefined || next.startsWith('--')) {
      const shown = spec.kind === 'choice' ? spec.choices!.join('|') : spec.value ?? 'VALUE';
      throw new LabError(`--${spec.name} needs a value.`, `Write --${spec.name} ${shown} (or --${spec.name}=${shown}).`);
    }
    set(spec, next);
    i += 1;
  }
  if (end >= 0) flags._.push(...argv.slice(end + 1));

  const usage = `Usage: ${usageLine(entry)}`;
  if (flags._.length > entry.args.length) {
    const stray = flags._[entry.args.length]!;
    const afterSwitch = entry.flags.find((f) => f.kind === 'switch' && before[before.indexOf(stray) - 1] === `--${f.name}`);
    throw new LabError(
      `Unexpected argument "${stray}".`,
      afterSwitch ? `--${afterSwitch.name} is a switch: write --${afterSwitch.name}, --${afterSwitch.name} true or --${afterSwitch.name} false.` : `${usage} (quote a value that contains spaces).`,
    );
  }
  const missing = entry.args.find((a, i) => a.required && flags._[i] === undefined);
  if (missing) throw new LabError(`Missing the <${missing.name}> argument.`, `${usage}.`);
  for (const spec of entry.flags) {
    if (spec.default !== undefined && !(spec.name in flags)) flags[spec.name] = spec.default;
  }
  return { help: false, flags };
}

/** `npx zx scripts/x.mjs <a> [<b>] [options]` */
export function usageLine(entry: EntrySpec): string {
  const args = entry.args.map((a) => (a.required ? `<${a.name}>` : `[<${a.name}>]`));
  return ['npx zx', `scripts/${entry.script}`, ...args, '[options]'].join(' ');
}
