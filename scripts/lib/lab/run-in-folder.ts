import path from 'node:path';
import { removeLabObjects, removeOrphans } from '../docker/cleanup.ts';
import { leaveOrphanSwarm } from '../docker/swarm.ts';
import { engineGoneError, isEngineGone } from '../docker/engine-gone.ts';
import type { RunStore } from '../results/run-store.ts';
import { renderReport } from '../report/render-report.ts';
import { renderRunsIndex } from '../report/render-index.ts';
import { prepareImages } from '../docker/lab-images.ts';
import type { LabEvent } from './lab-events.ts';

/** Leftovers of killed runs go first, and the user is told. */
export async function clearOrphans(emit: (e: LabEvent) => void): Promise<void> {
  const removed = await removeOrphans();
  if (removed.services?.length || removed.containers.length || removed.networks.length) emit({ type: 'leftovers-removed', removed });
  // After its services: a swarm that a killed lab run created is left as that run would have.
  if (await leaveOrphanSwarm([])) emit({ type: 'swarm-left', orphan: true });
}

/**
 * What every run does around its trials: images first, then `body`; then,
 * whatever happened (Ctrl-C, a lost engine, a bug), its containers are
 * removed, the result is finished and the report rendered, before the
 * failure, if any, goes on to the caller. Returns the report's path.
 */
export async function runInFolder(store: RunStore, repoRoot: string, emit: (e: LabEvent) => void, body: () => Promise<void>): Promise<string> {
  let failure: unknown = null;
  try {
    const images = await prepareImages(repoRoot, store.commands, (tag, phase, built) => emit({ type: 'image', tag, phase, ...(built ? { built } : {}) }));
    store.result.host.locustVersion = images.locustVersion;
    await store.save();
    await body();
  } catch (err) {
    failure = isEngineGone(err) ? engineGoneError(store.dir, err) : err;
  } finally {
    // With the engine gone there is nothing to remove now; the next run removes it by label.
    await removeLabObjects({ runId: store.result.runId }).catch(() => undefined);
    await store.finish();
  }
  const { htmlPath } = await renderReport(store.dir);
  // The list of runs next to them stays current; a broken neighbour folder must not fail this run.
  await renderRunsIndex(path.dirname(store.dir)).catch(() => undefined);
  emit({ type: 'report', htmlPath });
  if (failure) throw failure;
  return htmlPath;
}
