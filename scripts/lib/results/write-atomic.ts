import { rename, writeFile } from 'node:fs/promises';

/**
 * Writes through a temporary file and a rename, so a reader (or a crash)
 * sees the old file or the new one, never half of one.
 */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

export function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  return writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n');
}
