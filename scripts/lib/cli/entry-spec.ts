import type { ArgSpec, FlagSpec } from '../util/flag-spec.ts';
import type { StageName } from '../plan/lab-config.ts';

/** One entry script, declared once: its parser and its help are made from this. */
export interface EntrySpec {
  /** The file under scripts/: `render-report.mjs`. */
  script: string;
  /** What it does, in one or two sentences. */
  summary: string;
  /** Positional arguments, in order. */
  args: readonly ArgSpec[];
  /** Every flag it accepts, including --help and --verbose. */
  flags: readonly FlagSpec[];
  /** Lines after the flags: examples, file formats. */
  notes: readonly string[];
  /** For the one-stage scripts: the stage they run (as `--only`). */
  stage?: StageName;
}
