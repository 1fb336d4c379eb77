import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LabError } from '../../scripts/lib/errors.ts';
import { LAB_ENTRY_FILE, LAB_HOOK_FILE, checkLocustfileName, labEntrySource, writeLabEntry } from '../../scripts/lib/locust/lab-entry.ts';

const hasPython = spawnSync('python3', ['--version']).status === 0;

test('the entry imports the hook, then loads the locustfile by path under its own name', () => {
  const source = labEntrySource('locustfile.py');
  const hook = source.indexOf('import locust_lab_hook');
  const load = source.indexOf('spec_from_file_location("locustfile", ');
  assert.ok(hook > 0 && load > hook, 'hook first: its listeners must exist before the locustfile runs');
  assert.match(source, /"locustfile\.py"\)\)/);
  assert.match(source, /_lab_sys\.modules\["locustfile"\] = _lab_module/);
  assert.match(source, /globals\(\)\.update\(/);
});

test('file names reach Python as quoted string literals', () => {
  const source = labEntrySource('load "test".py');
  assert.match(source, /spec_from_file_location\("load \\"test\\"", /);
  assert.match(source, /"load \\"test\\"\.py"/);
});

test("refuses a locustfile named like the lab's own files, or not a .py file", () => {
  for (const name of [LAB_ENTRY_FILE, LAB_HOOK_FILE, 'locustfile', 'locustfile.txt', '.py']) {
    try {
      checkLocustfileName(name);
      assert.unreachable(name);
    } catch (error) {
      assert.instance(error, LabError, name);
      assert.ok((error as LabError).hint, `${name}: the error says what to do`);
    }
  }
  checkLocustfileName('my-load test.py');
});

test('writes the entry and a copy of the hook next to the copied locustfile', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lab-entry-'));
  try {
    await writeFile(path.join(dir, 'locustfile.py'), '');
    const entry = await writeLabEntry(path.join(dir, 'locustfile.py'));
    assert.is(entry, path.join(dir, LAB_ENTRY_FILE));
    assert.is(await readFile(entry, 'utf8'), labEntrySource('locustfile.py'));
    const hook = await readFile(new URL(`../../locust/${LAB_HOOK_FILE}`, import.meta.url), 'utf8');
    assert.is(await readFile(path.join(dir, LAB_HOOK_FILE), 'utf8'), hook);
    try {
      await writeLabEntry(path.join(dir, LAB_HOOK_FILE));
      assert.unreachable();
    } catch (error) {
      assert.instance(error, LabError);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

// Locust 2.12 loads the -f file with SourceFileLoader and collects classes from vars() of it.
// This replays that load with plain Python (a stand-in hook: Locust itself is not on the host;
// the real hook was run in the Locust image, see test/fixtures/locust/requests/README.md).
(hasPython ? test : test.skip)('the entry hands Locust every name a star import would drop, under the right module', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lab-entry-py-'));
  try {
    // Named like the standard library's `test` package, and hiding its class from a star import.
    await writeFile(path.join(dir, 'test.py'), [
      '"""The user\'s docstring."""',
      '__all__ = []',
      'import helper',
      'class _PrivateUser:',
      '    pass',
      'SHAPE = helper.VALUE',
      '',
    ].join('\n'));
    await writeFile(path.join(dir, 'helper.py'), 'VALUE = 42\n');
    await writeLabEntry(path.join(dir, 'test.py'));
    await writeFile(path.join(dir, LAB_HOOK_FILE), 'import sys\nsys.lab_hook_loaded = True\n');
    const probe = [
      'import importlib.machinery, json, sys',
      `path = ${JSON.stringify(path.join(dir, LAB_ENTRY_FILE))}`,
      `sys.path.insert(0, ${JSON.stringify(dir)})`,
      'module = importlib.machinery.SourceFileLoader("locust_lab_entry", path).load_module()',
      'names = vars(module)',
      'print(json.dumps({"hook": getattr(sys, "lab_hook_loaded", False), "doc": module.__doc__, "private": "_PrivateUser" in names,',
      '  "module": names["_PrivateUser"].__module__, "file": sys.modules["test"].__file__, "shape": names.get("SHAPE")}))',
    ].join('\n');
    const run = spawnSync('python3', ['-c', probe], { encoding: 'utf8', timeout: 20_000 });
    assert.is(run.status, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout), {
      hook: true, doc: "The user's docstring.", private: true, module: 'test', file: path.join(dir, 'test.py'), shape: 42,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
