import { chown, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Unprivileged user Locust runs as when the lab itself runs as root. */
const NOBODY = 65534;

export interface LentFolder {
  /** `uid:gid` for the container's `user:`. */
  user: string;
  /** Gives the folder and what was written in it back to the host user. */
  release(): Promise<void>;
}

/**
 * Locust must never run as root, yet must write its CSVs into the trial
 * folder. A normal user simply lends its own uid; root lends the folder to
 * `nobody` for the run and takes it back afterwards.
 */
export async function lendFolder(dir: string): Promise<LentFolder> {
  const { uid, gid } = os.userInfo();
  if (uid !== 0) return { user: `${uid}:${gid}`, release: async () => undefined };
  await chown(dir, NOBODY, NOBODY);
  return { user: `${NOBODY}:${NOBODY}`, release: () => chownTree(dir, uid, gid) };
}

async function chownTree(dir: string, uid: number, gid: number): Promise<void> {
  await chown(dir, uid, gid);
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) await chownTree(full, uid, gid);
    else await chown(full, uid, gid).catch(() => undefined);
  }
}
