import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { STOP_FILE } from '../collect/collect-trial.ts';

/**
 * Asks the running Locust to stop now, as its run-time limit would: the lab's
 * hook in the master (or local) process polls the trial folder, mounted at
 * /out, for the stop file every 0.5 s, and then quits the runner, so Locust
 * still writes its CSVs and summary. The file holds the time it was asked, for
 * the record; the hook ignores a file older than its own start.
 */
export async function requestStop(trialDir: string): Promise<void> {
  await writeFile(path.join(trialDir, STOP_FILE), `${new Date().toISOString()}\n`);
}
