// The splitter as compose files and plan files use it (util/split-command.ts, the one splitter).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { splitCommand as splitShellWords, shellOperators } from '../../scripts/lib/util/split-command.ts';

test("the seed's command splits on blanks", () => {
  assert.equal(splitShellWords('uv run uvicorn main:app --host 0.0.0.0 --port 8000'), ['uv', 'run', 'uvicorn', 'main:app', '--host', '0.0.0.0', '--port', '8000']);
  assert.equal(splitShellWords('  a\t b \n c  '), ['a', 'b', 'c']);
  assert.equal(splitShellWords(''), []);
});

test('quotes keep arguments whole, as a shell (and compose) would', () => {
  assert.equal(splitShellWords(`python3 -c "print('hi there')"`), ['python3', '-c', "print('hi there')"]);
  assert.equal(splitShellWords(`sh -c 'echo "$HOME" && exit 0'`), ['sh', '-c', 'echo "$HOME" && exit 0']);
  assert.equal(splitShellWords(`--name="a b"c 'd'"e"`), ['--name=a bc', 'de'], 'adjacent quoted parts join one word');
  assert.equal(splitShellWords(`x "" ''`), ['x', '', ''], 'empty quotes are empty words');
  assert.equal(splitShellWords(`"a \\"b\\" \\\\ \\$x \\n"`), ['a "b" \\ $x \\n'], 'inside double quotes only \\" \\\\ \\$ \\` escape');
  assert.equal(splitShellWords(`'a \\ b'`), ['a \\ b'], 'single quotes keep backslashes');
  assert.equal(splitShellWords(`a\\ b c\\"d`), ['a b', 'c"d'], 'a backslash outside quotes keeps the next character');
  assert.equal(splitShellWords('a \\\n b'), ['a', 'b'], 'backslash-newline joins lines');
});

test('nothing is expanded: variables, globs and operators stay literal', () => {
  assert.equal(splitShellWords('echo $HOME ~ * && ls | wc'), ['echo', '$HOME', '~', '*', '&&', 'ls', '|', 'wc']);
  assert.equal(shellOperators(['echo', '&&', 'ls', '|', 'wc', '>', 'f', '2>&1']), ['&&', '|', '>', '2>&1']);
});

test('an unclosed quote or a lone trailing backslash is refused, naming the field', () => {
  assert.throws(() => splitShellWords(`python3 -c "print(1)`, 'services.api.command'), /services\.api\.command: the " opened at character 12 of .+ is never closed/);
  assert.throws(() => splitShellWords(`echo 'x`), /--command: the ' opened at character 6 of .* is never closed/);
  assert.throws(() => splitShellWords('echo x\\'), /lone backslash/);
});

test.run();
