import { engine } from '../docker/engine.ts';
import { compose, serviceContainers, type ComposeProject } from '../docker/compose-project.ts';
import { removeLabObjects } from '../docker/cleanup.ts';
import { API_SERVICE, LB_SERVICE, LOCUST_SERVICE, LOCUST_WORKER_SERVICE } from '../compose/trial-compose.ts';
import type { TrialDeployment } from './deployment.ts';

/** A trial as a compose project on this host (the default engine). */
export function composeDeployment(project: ComposeProject, runId: string, ownerTrialId: string): TrialDeployment {
  return {
    engine: 'compose',
    name: project.name,
    labelFilter: [`com.docker.compose.project=${project.name}`],
    canHoldApi: true,
    async startApi(spec) {
      const services = spec.loadBalancer ? [API_SERVICE, LB_SERVICE] : [API_SERVICE];
      const up = await compose(project, ['up', '-d', '--no-color', '--scale', `${API_SERVICE}=${spec.replicas}`, ...services], 180_000);
      return { ok: up.exitCode === 0, output: up.stderr || up.stdout };
    },
    async startLocust(spec) {
      const workers = spec.locustWorkers > 0 ? ['--scale', `${LOCUST_WORKER_SERVICE}=${spec.locustWorkers}`, LOCUST_WORKER_SERVICE] : [];
      await compose(project, ['up', '-d', '--no-color', '--no-deps', ...workers, LOCUST_SERVICE], 120_000);
    },
    containers: (service) => serviceContainers(project, service),
    async address(inspect, port) {
      // The trial's own bridge network first: the host reaches it (a user's overlay network it may not).
      const nets = inspect.NetworkSettings.Networks ?? {};
      const ip = nets[`${project.name}_default`]?.IPAddress || Object.values(nets).map((n) => n.IPAddress).find(Boolean);
      return ip ? `${ip}:${port}` : null;
    },
    async entryAddress(entryId, spec) {
      const port = (await engine().getContainer(entryId).inspect()).NetworkSettings.Ports?.[`${spec.port}/tcp`]?.[0]?.HostPort;
      return port ? `127.0.0.1:${port}` : undefined;
    },
    async logs(service) {
      const out = await compose({ ...project, log: [] }, ['logs', '--no-color', service], 30_000);
      return out.stdout + out.stderr;
    },
    async removeLocust(spec) {
      await compose(project, ['rm', '-s', '-f', LOCUST_SERVICE, ...(spec.locustWorkers > 0 ? [LOCUST_WORKER_SERVICE] : [])], 120_000);
    },
    async remove() {
      await compose(project, ['down', '--volumes', '--remove-orphans', '-t', '5'], 120_000);
      // compose down misses containers a failed `up` left half-created; the labels find them.
      await removeLabObjects({ runId, trialId: ownerTrialId });
    },
  };
}
