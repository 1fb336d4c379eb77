import { engine } from './engine.ts';
import { labFilter } from './labels.ts';

export interface Removed {
  containers: string[];
  networks: string[];
}

/**
 * Removes lab containers (forcefully) and lab networks, found by label only,
 * so nothing the lab did not create is ever touched.
 */
export async function removeLabObjects(scope: { runId?: string; trialId?: string } = {}): Promise<Removed> {
  const docker = engine();
  const filters = labFilter(scope);
  const containers = await docker.listContainers({ all: true, filters });
  const removed: Removed = { containers: [], networks: [] };
  for (const c of containers) {
    await docker.getContainer(c.Id).remove({ force: true, v: true }).catch(ignoreGone);
    removed.containers.push(c.Names[0]?.replace(/^\//, '') ?? c.Id.slice(0, 12));
  }
  for (const n of await docker.listNetworks({ filters })) {
    await docker.getNetwork(n.Id).remove().catch(ignoreGone);
    removed.networks.push(n.Name);
  }
  return removed;
}

function ignoreGone(err: { statusCode?: number }): void {
  if (err.statusCode !== 404 && err.statusCode !== 409) throw err;
}
