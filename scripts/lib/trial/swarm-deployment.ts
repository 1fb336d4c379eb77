import { runCommand } from '../docker/run-command.ts';
import { removeLabObjects } from '../docker/cleanup.ts';
import { deployStack, removeStack, scaleServices, serviceLogs, stackContainers, STACK_LABEL, waitContainers, type StackProject } from '../docker/stack-project.ts';
import { gwbridgeAddress } from '../docker/swarm.ts';
import { API_SERVICE, LB_SERVICE, LOCUST_SERVICE, LOCUST_WORKER_SERVICE } from '../compose/trial-compose.ts';
import type { TrialDeployment } from './deployment.ts';

/** How long swarm may take to create a service's task containers. */
const TASKS_TIMEOUT_MS = 60_000;

/**
 * A trial as a swarm stack. `startFile` has the API alone (the others at zero
 * replicas); nginx, then Locust's master, then its workers are scaled up in
 * order, because each resolves the one before it by name when it starts.
 */
export function swarmDeployment(stack: StackProject, startFile: string, runId: string, ownerTrialId: string): TrialDeployment {
  const running = async (service: string, n: number) => {
    const list = await waitContainers(stack, service, n, TASKS_TIMEOUT_MS);
    return list.length >= n;
  };
  return {
    engine: 'swarm',
    name: stack.name,
    labelFilter: [`${STACK_LABEL}=${stack.name}`],
    // A task history keeps exited Locust tasks; every trial deploys its own stack instead.
    canHoldApi: false,
    async startApi(spec) {
      const deployed = await deployStack(stack, startFile);
      let ok = deployed.exitCode === 0 && (await running(API_SERVICE, spec.replicas));
      if (ok && spec.loadBalancer) {
        await scaleServices(stack, { [LB_SERVICE]: 1 });
        ok = await running(LB_SERVICE, 1);
      }
      return { ok, output: ok ? deployed.stderr || deployed.stdout : await taskErrors(stack, deployed.stderr || deployed.stdout) };
    },
    async startLocust(spec) {
      await scaleServices(stack, { [LOCUST_SERVICE]: 1 });
      await running(LOCUST_SERVICE, 1);
      if (spec.locustWorkers > 0) {
        await scaleServices(stack, { [LOCUST_WORKER_SERVICE]: spec.locustWorkers });
        await running(LOCUST_WORKER_SERVICE, spec.locustWorkers);
      }
    },
    containers: (service) => stackContainers(stack, service),
    async address(inspect, port) {
      const ip = await gwbridgeAddress(inspect.Id);
      return ip ? `${ip}:${port}` : null;
    },
    async entryAddress(entryId, spec) {
      const ip = await gwbridgeAddress(entryId);
      return ip ? `${ip}:${spec.port}` : undefined;
    },
    logs: (service) => serviceLogs(stack, service),
    async removeLocust() {
      throw new Error('a swarm trial never holds its API (canHoldApi is false)');
    },
    async remove() {
      await removeStack(stack);
      // Task containers or a network that swarm had not removed within the bound.
      await removeLabObjects({ runId, trialId: ownerTrialId });
    },
  };
}

/** The tasks' own errors (image missing, no node with enough memory ...), which `docker stack deploy` does not print. */
async function taskErrors(stack: StackProject, deployOutput: string): Promise<string> {
  const ps = await runCommand(['docker', 'stack', 'ps', '--no-trunc', '--format', '{{.Name}}: {{.CurrentState}} {{.Error}}', stack.name], { timeoutMs: 30_000 });
  return [deployOutput.trim(), ps.stdout.trim()].filter(Boolean).join('\n');
}
