/**
 * One command-line flag, declared once. The entry scripts' parser
 * (`cli/parse-flags.ts`), their help (`cli/format-help.ts`) and the library's
 * own unknown-flag checks (`plan/resolve-lab-config.ts`, `plan/build-plan.ts`)
 * all read these declarations, so the help cannot drift from what is accepted.
 */
export interface FlagSpec {
  /** Without the dashes: `slo-p95`. */
  name: string;
  /**
   * - `value`: takes the next argument, or `--name=value`; kept as text (the library parses numbers and sizes and names the flag when one is wrong).
   * - `switch`: on by itself; `--name true|false`, `--name=false` and `--no-name` also work.
   * - `choice`: a value that must be one of `choices`.
   */
  kind: 'value' | 'switch' | 'choice';
  /** How the value is shown in the help (`MS`, `FILE`); for a switch, a value worth showing (`false`). */
  value?: string;
  /** For `choice`: the accepted values. */
  choices?: readonly string[];
  /** Set when the flag is absent. Only for defaults nothing else decides; the profile and plan decide most. */
  default?: string;
  /** The default as the help states it, when something else (the profile) decides it. */
  shownDefault?: string;
  /** One short letter, e.g. `h` for `-h`. */
  short?: string;
  /** One line for the help. */
  help: string;
}

/** A positional argument of an entry script. */
export interface ArgSpec {
  /** As the usage line shows it: `run folder`. */
  name: string;
  required: boolean;
  help: string;
}

/** The names of a list of flags, for unknown-flag checks. */
export const flagNames = (specs: readonly FlagSpec[]): string[] => specs.map((f) => f.name);
