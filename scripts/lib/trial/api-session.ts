import type { HealthProbeTarget } from '../docker/wait-healthy.ts';
import type { AppliedLimits, TrialSpec } from '../results/types.ts';
import type { TrialDeployment } from './deployment.ts';

/**
 * An API left running after a trial, so that the next trial of the same
 * setup loads it again with no teardown, start, health wait or warm-up in
 * between (repeats of one point, the crowds of one setup, the probes of a
 * search). Locust still starts afresh for every trial.
 */
export interface ApiSession {
  /** What a trial must share to reuse this API (see `apiKey`). */
  key: string;
  /** The trial that started the API: its compose project and labels own the containers. */
  ownerTrialId: string;
  deployment: TrialDeployment;
  apiIds: string[];
  /** The container Locust and the health check talk to: the API, or nginx in front of replicas. */
  entryId: string;
  /** `host:port` where this host reaches the entry (loopback and the published port, on compose). */
  entry: string;
  /** Where the health check reaches the API again. */
  probe: HealthProbeTarget;
  applied: AppliedLimits | null;
  imageId: string | null;
}

/** The one running API a stage may hold; `null` when none is. */
export interface ApiSessions {
  current: ApiSession | null;
}

/**
 * Everything that makes two trials' APIs the same server: image, command,
 * environment, limits, replicas, balancer, networks, port and health check.
 * Crowd, run time and the locustfile may differ.
 */
export function apiKey(spec: TrialSpec): string {
  const { image, command, env, cpus, memoryMb, replicas, loadBalancer, networks, hostPort, port, health, engine } = spec;
  return JSON.stringify({ image, command, env, cpus, memoryMb, replicas, loadBalancer, networks, hostPort, port, health, engine });
}

/** Stops and removes the held API, if any; the next trial starts its own. */
export async function closeApiSession(sessions: ApiSessions): Promise<void> {
  const s = sessions.current;
  if (!s) return;
  sessions.current = null;
  await s.deployment.remove();
}
