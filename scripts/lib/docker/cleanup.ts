import { engine } from './engine.ts';
import { LABEL_OWNER_PID, labFilter } from './labels.ts';

export interface Removed {
  /** Swarm services (a stack's); absent in older events. */
  services?: string[];
  containers: string[];
  networks: string[];
}

/**
 * Removes lab swarm services, containers (forcefully) and networks, found by
 * label only, so nothing the lab did not create is ever touched. Services go
 * first: a service would otherwise start its task again.
 */
export async function removeLabObjects(scope: { runId?: string; trialId?: string } = {}, only: (labels: Record<string, string>) => boolean = () => true): Promise<Removed> {
  const docker = engine();
  const filters = labFilter(scope);
  const removed: Removed = { containers: [], networks: [] };
  // Services exist only on a swarm manager; elsewhere the engine refuses the question, which means none.
  const services = (await docker.listServices({ filters }).catch(() => [])).filter((s) => only(s.Spec?.Labels ?? {}));
  for (const s of services) {
    await docker.getService(s.ID).remove().catch(ignoreGone);
    (removed.services ??= []).push(s.Spec?.Name ?? s.ID);
  }
  const containers = (await docker.listContainers({ all: true, filters })).filter((c) => only(c.Labels ?? {}));
  for (const c of containers) {
    await docker.getContainer(c.Id).remove({ force: true, v: true }).catch(ignoreGone);
    removed.containers.push(c.Names[0]?.replace(/^\//, '') ?? c.Id.slice(0, 12));
  }
  for (const n of (await docker.listNetworks({ filters })).filter((net) => only(net.Labels ?? {}))) {
    // A network still in use (a Swarm service on it: 400, an endpoint left: 403) stays; its user removes it.
    const gone = await docker.getNetwork(n.Id).remove().then(() => true, (err: { statusCode?: number }) => {
      if (err.statusCode === 400 || err.statusCode === 403) return false;
      ignoreGone(err);
      return true;
    });
    if (gone) removed.networks.push(n.Name);
  }
  return removed;
}

function ignoreGone(err: { statusCode?: number }): void {
  if (err.statusCode !== 404 && err.statusCode !== 409) throw err;
}

/**
 * Leftovers of lab runs whose process is gone (Ctrl-C twice, `kill -9`, a
 * reboot): objects of a lab that is still running elsewhere on this host are
 * left alone, and so are objects with no owner pid (a Swarm stack's network
 * carries the lab's label but no pid): nothing says they are orphans.
 */
export function removeOrphans(): Promise<Removed> {
  return removeLabObjects({}, (labels) => LABEL_OWNER_PID in labels && !isAlive(Number(labels[LABEL_OWNER_PID])));
}

/** Whether a lab process with this pid still runs on this host. */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
