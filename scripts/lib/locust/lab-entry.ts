import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LabError } from '../errors.ts';

/** The file Locust's `-f` points at: the lab's hook, then the user's locustfile. */
export const LAB_ENTRY_FILE = 'locust_lab_entry.py';
/** The request hook, copied from the repo's `locust/` folder next to the entry. */
export const LAB_HOOK_FILE = 'locust_lab_hook.py';

const HOOK_SOURCE = fileURLToPath(new URL(`../../../locust/${LAB_HOOK_FILE}`, import.meta.url));

/**
 * Writes `locust_lab_entry.py` next to the copied locustfile and copies the
 * lab's request hook beside it; returns the entry's path. Locust then loads
 * the entry instead of the locustfile, so every locustfile, the user's too,
 * gets the hook without a change.
 */
export async function writeLabEntry(copiedLocustfile: string): Promise<string> {
  const dir = path.dirname(copiedLocustfile);
  const name = path.basename(copiedLocustfile);
  checkLocustfileName(name);
  await copyFile(HOOK_SOURCE, path.join(dir, LAB_HOOK_FILE));
  const entry = path.join(dir, LAB_ENTRY_FILE);
  await writeFile(entry, labEntrySource(name));
  return entry;
}

/** Refuses locustfile names the entry cannot load beside the lab's own files. */
export function checkLocustfileName(name: string): void {
  if (name === LAB_ENTRY_FILE || name === LAB_HOOK_FILE) {
    throw new LabError(
      `The locustfile is named ${name}, a name the lab writes its own file under next to it.`,
      'Rename your locustfile (for example to locustfile.py) and pass the new path to --locustfile.',
    );
  }
  if (!name.endsWith('.py') || name === '.py') {
    throw new LabError(`The locustfile ${name} is not a .py file.`, 'Give --locustfile a Python file whose name ends in .py.');
  }
}

/**
 * The entry's Python text. It loads the locustfile by path, under its own
 * module name, exactly as Locust 2.12 loads a `-f` file, rather than with
 * `from locustfile import *`: a star import would pick a standard module
 * first for a file named like one (`test.py`), would fail on names that are
 * not identifiers (`load-test.py`), and would drop `_Private` User classes and
 * whatever `__all__` leaves out. Locust collects User and LoadTestShape
 * classes from `vars()` of the module it loaded, so the entry copies every
 * name of the locustfile's module into its own.
 */
export function labEntrySource(locustfileName: string): string {
  // JSON string literals are valid Python string literals, so any file name is quoted safely.
  const file = JSON.stringify(locustfileName);
  const moduleName = JSON.stringify(locustfileName.slice(0, -'.py'.length));
  return `"""Written by Locust Lab: its request hook, then the locustfile next to this file.

Locust is pointed here instead of at the locustfile, so any locustfile gets the
hook unchanged. Without LOCUST_LAB_OUT the hook does nothing.
"""
import importlib.util as _lab_util
import os as _lab_os
import sys as _lab_sys

import ${LAB_HOOK_FILE.slice(0, -'.py'.length)}  # noqa: F401  (registers the lab's event listeners)

# Loaded by path under its own module name, as Locust loads a -f file.
_lab_spec = _lab_util.spec_from_file_location(${moduleName}, _lab_os.path.join(_lab_os.path.dirname(_lab_os.path.abspath(__file__)), ${file}))
_lab_module = _lab_util.module_from_spec(_lab_spec)
# Registered before it runs, as an import would, so its dataclasses and pickling find it.
_lab_sys.modules[${moduleName}] = _lab_module
_lab_spec.loader.exec_module(_lab_module)

# Locust shows the locustfile's docstring, and collects User and LoadTestShape
# classes from vars() of this module: hand it every name of the locustfile.
__doc__ = _lab_module.__doc__
globals().update({_k: _v for _k, _v in vars(_lab_module).items() if not (_k.startswith("__") and _k.endswith("__"))})
`;
}
