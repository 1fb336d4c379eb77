import { test } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { splitCommand } from '../../scripts/lib/util/split-command.ts';
import { buildPlan } from '../../scripts/lib/plan/build-plan.ts';
import { LabError } from '../../scripts/lib/errors.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function refusal(fn: () => unknown): LabError {
  try {
    fn();
  } catch (err) {
    assert.instance(err, LabError);
    return err as LabError;
  }
  throw new Error('expected a refusal');
}

test('plain words split on any run of whitespace', () => {
  assert.equal(splitCommand('  uvicorn  main:app\t--host 0.0.0.0\n--port 8000 '), ['uvicorn', 'main:app', '--host', '0.0.0.0', '--port', '8000']);
  assert.equal(splitCommand(''), []);
  assert.equal(splitCommand('   '), []);
});

test('single quotes keep everything literally, backslashes and double quotes included', () => {
  assert.equal(splitCommand(`python3 -c 'import sys; print("hi  there")'`), ['python3', '-c', 'import sys; print("hi  there")']);
  assert.equal(splitCommand(`echo 'a\\b' '$HOME'`), ['echo', 'a\\b', '$HOME']);
  assert.equal(splitCommand(`a '' b`), ['a', '', 'b']);
});

test('double quotes keep spaces; a backslash escapes only \\ " $ ` and a newline inside them', () => {
  assert.equal(splitCommand(`gunicorn --access-logformat "%(h)s %(r)s" main:app`), ['gunicorn', '--access-logformat', '%(h)s %(r)s', 'main:app']);
  assert.equal(splitCommand(`echo "say \\"hi\\"" "a\\\\b" "c\\d" "\\$x"`), ['echo', 'say "hi"', 'a\\b', 'c\\d', '$x']);
  assert.equal(splitCommand(`echo "one\\\ntwo"`), ['echo', 'onetwo']);
  assert.equal(splitCommand(`"" x`), ['', 'x']);
});

test('outside quotes a backslash escapes the next character; quoted and plain parts join', () => {
  assert.equal(splitCommand(`ls my\\ dir a\\'b`), ['ls', 'my dir', "a'b"]);
  assert.equal(splitCommand(`a"b c"d'e f'g`), ['ab cde fg']);
  assert.equal(splitCommand('one \\\ntwo'), ['one', 'two']);
  // Nothing is expanded: variables, globs and operators are plain characters.
  assert.equal(splitCommand('sh -c echo $HOME *.py; ls'), ['sh', '-c', 'echo', '$HOME', '*.py;', 'ls']);
});

test('an unterminated quote names the value, where the quote opened, and the fix', () => {
  let e = refusal(() => splitCommand(`python3 -c 'print(1)`));
  assert.is(e.message, `--command: the ' opened at character 12 of "python3 -c 'print(1)" is never closed.`);
  assert.match(e.hint!, `Close the quote`);
  assert.match(e.hint!, `\\'`);
  e = refusal(() => splitCommand('uvicorn "main:app', '--cmd'));
  assert.match(e.message, /^--cmd: the " opened at character 9 of "uvicorn \\"main:app" is never closed\.$/);
  assert.match(e.hint!, `inside '…'`);
  e = refusal(() => splitCommand('echo "a \\"'));
  assert.match(e.message, 'is never closed');
  e = refusal(() => splitCommand('echo a\\'));
  assert.match(e.message, 'ends with a lone backslash');
  assert.match(e.hint!, 'literal backslash');
});

test('--command of run-trial is split with quotes kept', () => {
  const [trial] = buildPlan({ image: 'myorg/api:1', command: `sh -c 'exec python3 -m uvicorn main:app --host 0.0.0.0 --port 8000'` }, repoRoot).trials;
  assert.equal(trial!.command, ['sh', '-c', 'exec python3 -m uvicorn main:app --host 0.0.0.0 --port 8000']);
  assert.match(refusal(() => buildPlan({ image: 'myorg/api:1', command: `sh -c 'oops` }, repoRoot)).message, /^--command: the ' opened/);
  const empty = refusal(() => buildPlan({ image: 'myorg/api:1', command: '  ' }, repoRoot));
  assert.is(empty.message, '--command is empty.');
  assert.match(empty.hint!, 'leave --command out');
});

test.run();
