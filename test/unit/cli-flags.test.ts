// Entry scripts' flags are declared once (scripts/lib/cli/entries.ts); the parser
// and the help are made from the declaration. These tests hold the scripts, the
// declarations and the help to each other, and pin the parser's behaviour.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { entrySpec, entrySpecs } from '../../scripts/lib/cli/entries.ts';
import type { EntrySpec } from '../../scripts/lib/cli/entry-spec.ts';
import { formatHelp } from '../../scripts/lib/cli/format-help.ts';
import { parseFlags } from '../../scripts/lib/cli/parse-flags.ts';
import { LAB_CONFIG_FLAGS } from '../../scripts/lib/plan/lab-flags.ts';
import { TRIAL_PLAN_FLAGS } from '../../scripts/lib/plan/trial-flags.ts';
import { PROFILES } from '../../scripts/lib/plan/lab-config.ts';
import { LabError } from '../../scripts/lib/errors.ts';

const scriptsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scripts');
const source = (file: string) => readFileSync(path.join(scriptsDir, file), 'utf8');
/** The scripts that are entry points (they hand their body to runMain, directly or through lab-entry.mjs). */
const entryScripts = readdirSync(scriptsDir).filter((f) => f.endsWith('.mjs') && /^await run(Main|LabEntry)\(import\.meta\.url/m.test(source(f)));
/** Where an entry's body reads its flags: lab entries share lab-entry.mjs. */
const bodyOf = (entry: EntrySpec) => source(/runLabEntry\(/.test(source(entry.script)) ? 'lab-entry.mjs' : entry.script);
/** `flags.x`, `flags['x-y']`, `flags["x"]` in a script's source. */
const flagsRead = (text: string) => new Set([...text.matchAll(/\bflags(?:\.([a-z][\w]*)|\[['"]([a-z][\w-]*)['"]\])/g)].map((m) => (m[1] ?? m[2])!).filter((n) => n !== '_'));

function refusal(fn: () => unknown): LabError {
  try {
    fn();
  } catch (err) {
    assert.instance(err, LabError);
    return err as LabError;
  }
  throw new Error('expected a refusal');
}

test('every entry script has a declaration, and every declaration a script', () => {
  assert.ok(entryScripts.length >= 14, `found ${entryScripts.join(', ')}`);
  assert.equal([...entryScripts].sort(), entrySpecs().map((e) => e.script).sort());
});

test("each entry's help lists every flag and argument it accepts", () => {
  for (const entry of entrySpecs()) {
    const help = formatHelp(entry);
    const labels = help.split('\n').filter((l) => /^ {2}(-|<)/.test(l)).map((l) => l.trim());
    for (const flag of entry.flags) {
      assert.ok(labels.some((l) => new RegExp(`(^|, )--${flag.name}(\\s|$)`).test(l)), `${entry.script}: --${flag.name} missing from its help`);
      // Whatever the parser accepts through the flag the help names too.
      if (flag.short) assert.ok(labels.some((l) => l.startsWith(`-${flag.short}, --${flag.name}`)), `${entry.script}: -${flag.short}`);
      for (const choice of flag.choices ?? []) assert.match(help, choice, `${entry.script}: --${flag.name} ${choice}`);
    }
    for (const arg of entry.args) assert.ok(help.includes(`<${arg.name}>`), `${entry.script}: <${arg.name}> missing from its help`);
    assert.ok(help.startsWith(`usage: npx zx scripts/${entry.script}`), entry.script);
  }
});

test('each script reads only flags it declares, and each declared flag is used', () => {
  const libConsumed = new Set(['help', 'verbose', ...LAB_CONFIG_FLAGS.map((f) => f.name), ...TRIAL_PLAN_FLAGS.map((f) => f.name)]);
  for (const entry of entrySpecs()) {
    const declared = new Set(entry.flags.map((f) => f.name));
    const read = flagsRead(bodyOf(entry));
    for (const name of read) {
      // lab-entry.mjs sets --only itself for the one-stage scripts.
      if (name === 'only' && entry.stage) continue;
      assert.ok(declared.has(name), `${entry.script} reads --${name} but does not declare it`);
    }
    for (const name of declared) assert.ok(read.has(name) || libConsumed.has(name), `${entry.script} declares --${name} but nothing reads it`);
  }
});

test('the help says what used to drift: --network, YAML plans, the profiles', () => {
  for (const script of ['full-lab.mjs', 'run-trial.mjs', 'deploy.mjs']) assert.match(formatHelp(entrySpec(script)), '--network NAME', script);
  const lab = formatHelp(entrySpec('full-lab.mjs'));
  assert.match(lab, /YAML/);
  for (const profile of Object.keys(PROFILES)) assert.match(lab, profile);
  assert.match(formatHelp(entrySpec('find-max-users.mjs')), 'Runs one workshop stage, max-users');
  assert.is(entrySpec('find-max-users.mjs').stage, 'max-users');
});

test('parser: values, switches, choices, arguments and defaults', () => {
  const render = entrySpec('render-report.mjs');
  assert.equal(parseFlags(['run', '--lang', 'es', '--file=index.es.html', '--fail-on-slo'], render), {
    help: false,
    flags: { _: ['run'], lang: 'es', file: 'index.es.html', 'fail-on-slo': true },
  });
  assert.equal(parseFlags(['run'], render).flags, { _: ['run'], lang: 'en' });
  const lab = entrySpec('full-lab.mjs');
  assert.equal(parseFlags(['--calibrate', 'false', '--force', '--profile', 'smoke'], lab).flags, { _: [], calibrate: false, force: true, profile: 'smoke' });
  assert.equal(parseFlags(['--no-force', '--calibrate=true'], lab).flags, { _: [], force: false, calibrate: true });
  // A value may start with one dash; the library refuses it with its own message.
  assert.equal(parseFlags(['--slo-p95', '-5'], lab).flags, { _: [], 'slo-p95': '-5' });
  // Everything after -- is an argument.
  assert.equal(parseFlags(['--', '--lang'], render).flags, { _: ['--lang'], lang: 'en' });
  // --help wins over anything else, even a bad flag.
  assert.is(parseFlags(['--bogus', '-h'], lab).help, true);
  const trial = entrySpec('run-trial.mjs');
  assert.equal(parseFlags(['--command', 'uvicorn main:app --port 8000', '--warmup', 'false'], trial).flags, { _: [], command: 'uvicorn main:app --port 8000', warmup: false });
});

test('parser: every refusal names the flag and the fix', () => {
  const lab = entrySpec('full-lab.mjs');
  const render = entrySpec('render-report.mjs');
  const compare = entrySpec('compare-runs.mjs');
  let e = refusal(() => parseFlags(['--profil', 'smoke'], lab));
  assert.match(e.message, 'Unknown flag --profil.');
  assert.match(e.hint!, '--profile');
  e = refusal(() => parseFlags(['-x'], lab));
  assert.match(e.message, 'Unknown flag -x.');
  e = refusal(() => parseFlags(['--plan'], lab));
  assert.match(e.message, '--plan needs a value.');
  assert.match(e.hint!, '--plan FILE');
  e = refusal(() => parseFlags(['--plan', '--force'], lab));
  assert.match(e.message, '--plan needs a value.');
  e = refusal(() => parseFlags(['--only', 'a', '--only', 'b'], lab));
  assert.match(e.message, '--only is given twice.');
  e = refusal(() => parseFlags(['run', '--lang', 'fr'], render));
  assert.match(e.message, '--lang fr is not available.');
  assert.match(e.hint!, 'Use one of: en, es.');
  e = refusal(() => parseFlags(['--force=maybe'], lab));
  assert.match(e.message, '--force=maybe: a switch is true or false.');
  e = refusal(() => parseFlags(['--calibrate', 'no'], lab));
  assert.match(e.message, 'Unexpected argument "no".');
  assert.match(e.hint!, '--calibrate is a switch');
  e = refusal(() => parseFlags(['smoke'], lab));
  assert.match(e.message, 'Unexpected argument "smoke".');
  assert.match(e.hint!, 'npx zx scripts/full-lab.mjs [options]');
  e = refusal(() => parseFlags(['a'], compare));
  assert.match(e.message, 'Missing the <run folder B> argument.');
  e = refusal(() => parseFlags([], render));
  assert.match(e.message, 'Missing the <run folder> argument.');
});

test.run();
