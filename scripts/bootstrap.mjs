// Shared start of every entry script: makes sure dependencies are installed,
// loads the TypeScript library through tsx, parses flags, and turns errors and
// signals into clear messages and exit codes. Only entry scripts print.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Installs node_modules on first use from a fresh clone, then registers tsx. */
async function ensureDependencies() {
  if (!existsSync(path.join(repoRoot, 'node_modules', 'tsx', 'package.json'))) {
    console.error('[locust-lab] node_modules is missing: running `npm ci` once (this takes a minute) ...');
    const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: repoRoot, stdio: 'inherit' });
    if (r.status !== 0) {
      console.error('[locust-lab] `npm ci` failed; fix the error above and run again.');
      process.exit(1);
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
}

/** Imports `scripts/lib/<file>` (TypeScript). */
export function lib(file) {
  return import(pathToFileURL(path.join(repoRoot, 'scripts', 'lib', file)).href);
}

const SYSTEM_ERRORS = {
  ENOSPC: { message: 'The disk is full', hint: 'Free space (docker system prune removes unused images; old run folders are in reports/), then continue with --resume.' },
  EROFS: { message: 'The file system is read-only', hint: 'Give --reports-dir a writable folder.' },
  EACCES: { message: 'Permission denied', hint: 'Check that you may write the reports folder and use the Docker socket (docker group).' },
  EMFILE: { message: 'Too many open files', hint: 'Raise the limit (ulimit -n) and run again.' },
};

/**
 * Runs `main({ flags, signal, entry })` for the entry script at `entryUrl` with dependencies loaded. Its flags
 * are parsed against its declaration in scripts/lib/cli/entries.ts, and `--help` prints the help made from that
 * declaration. The first Ctrl-C (or SIGTERM) aborts the signal so the lab can clean up; a second one exits
 * at once. User-facing errors (a bad flag among them) print as one message and a hint, bugs with
 * their stack.
 */
export async function runMain(entryUrl, main) {
  await ensureDependencies();
  // Arguments follow the entry script, whether run by node, zx or npx zx.
  const entryFile = fileURLToPath(entryUrl);
  const at = process.argv.findIndex((a) => path.resolve(a) === entryFile);
  const argv = process.argv.slice(at >= 0 ? at + 1 : 2);
  let verbose = argv.includes('--verbose');
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (name) => {
    signals += 1;
    if (signals > 1) {
      console.error(`\n[locust-lab] ${name} again: exiting now; lab containers may be left (the next run removes them).`);
      process.exit(130);
    }
    console.error(`\n[locust-lab] ${name}: stopping and cleaning up (press Ctrl-C again to force) ...`);
    controller.abort(name);
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  try {
    const { entrySpec } = await lib('cli/entries.ts');
    const { parseFlags } = await lib('cli/parse-flags.ts');
    const entry = entrySpec(path.basename(entryFile));
    const { help, flags } = parseFlags(argv, entry);
    if (help) {
      const { formatHelp } = await lib('cli/format-help.ts');
      console.log(formatHelp(entry));
      process.exit(0);
    }
    verbose = Boolean(flags.verbose);
    for (const k of ['verbose', 'help']) delete flags[k];
    const code = await main({ flags, signal: controller.signal, entry });
    process.exit(typeof code === 'number' ? code : 0);
  } catch (err) {
    // System errors a user can act on get a sentence instead of a stack trace.
    const system = SYSTEM_ERRORS[err?.code];
    if (system && !verbose) {
      console.error(`error: ${system.message} (${err.path ?? err.message})`);
      console.error(`  how to fix: ${system.hint}`);
      process.exit(1);
    }
    const userFacing = err && typeof err === 'object' && 'hint' in err;
    if (userFacing && !verbose) {
      console.error(`error: ${err.message}`);
      if (err.hint) console.error(`  how to fix: ${err.hint}`);
    } else {
      console.error(err);
    }
    process.exit(err?.name === 'AbortedError' ? 130 : userFacing ? 1 : 2);
  }
}
