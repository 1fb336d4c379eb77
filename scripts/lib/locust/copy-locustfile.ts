import { copyFile, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { LabError } from '../errors.ts';

/**
 * Copies a locustfile and the `.py` files next to it (modules it may import)
 * into `dest`; returns the copy's path.
 */
export async function copyLocustfile(locustfile: string, dest: string): Promise<string> {
  const source = path.resolve(locustfile);
  const dir = path.dirname(source);
  const names = await readdir(dir).catch(() => null);
  if (!names?.includes(path.basename(source))) {
    throw new LabError(`The locustfile ${source} does not exist.`, 'Give --locustfile the path of an existing Python file.');
  }
  await mkdir(dest, { recursive: true });
  for (const name of names.filter((n) => n.endsWith('.py'))) await copyFile(path.join(dir, name), path.join(dest, name));
  return path.join(dest, path.basename(source));
}
