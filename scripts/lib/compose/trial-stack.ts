import type { TrialSpec } from '../results/types.ts';
import { toYaml, type YamlValue } from './to-yaml.ts';
import { API_SERVICE, LB_SERVICE, LOCUST_SERVICE, LOCUST_WORKER_SERVICE, trialComposeDoc, type ComposeContext } from './trial-compose.ts';

/** Services a stack deploys at zero replicas first and scales up in order (see `trialStack`). */
export const LATER_SERVICES = [LB_SERVICE, LOCUST_SERVICE, LOCUST_WORKER_SERVICE] as const;

/**
 * The trial's compose services as a `docker stack deploy` file (one trial on
 * Docker Swarm). Same images, commands, limits, labels and mounts; what
 * swarm needs instead:
 * - `deploy.replicas` for the scale, `restart_policy: none` (a dead task is data, not restarted);
 * - `endpoint_mode: dnsrr` everywhere: `api` resolves to every task, and no
 *   virtual IP is needed (it needs IPVS, which some hosts lack);
 * - no published port: the routing mesh needs IPVS too, and a host-mode port
 *   would listen on every interface. The lab reaches a task on its
 *   `docker_gwbridge` address, which only this host routes to;
 * - the service's own labels under `deploy.labels`, so cleanup finds services too;
 * - an attachable overlay network (Locust and nginx resolve the API's tasks on it).
 * `initial: true` writes the file the stack starts with: the API only, the
 * others at zero replicas (nginx resolves `api` once at its start, Locust
 * must start after the health check), scaled up by the trial in order.
 */
export function trialStack(spec: TrialSpec, ctx: ComposeContext, initial = false): string {
  const doc = trialComposeDoc(spec, ctx);
  const replicas: Record<string, number> = {
    [API_SERVICE]: spec.replicas, [LB_SERVICE]: 1, [LOCUST_SERVICE]: 1, [LOCUST_WORKER_SERVICE]: spec.locustWorkers,
  };
  const services: Record<string, YamlValue> = {};
  for (const [name, service] of Object.entries(doc.services)) {
    if (!service) continue;
    const { restart: _restart, memswap_limit: _swap, depends_on: _deps, ports: _ports, deploy, labels, ...rest } = service;
    const later = (LATER_SERVICES as readonly string[]).includes(name);
    services[name] = {
      ...rest,
      labels,
      deploy: {
        ...(deploy as Record<string, YamlValue> | undefined),
        replicas: initial && later ? 0 : replicas[name]!,
        endpoint_mode: 'dnsrr',
        restart_policy: { condition: 'none' },
        labels,
      },
    };
  }
  const networks = { ...doc.networks, default: { driver: 'overlay', attachable: true, ...(doc.networks.default as Record<string, YamlValue>) } };
  // The file format version that has every key above (compose v1's loader and `docker stack` both read it).
  return toYaml({ version: '3.8', services, networks });
}
