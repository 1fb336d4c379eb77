import { isSecretName } from '../results/redact.ts';
import type { TrialSpec } from '../results/types.ts';
import { K8S_FILES } from './k8s-files.ts';

/** What the manifests are sized from: the measured setup and the run's answers. */
export interface K8sInputs {
  /** The trial whose setup is deployed: the max-users answer's hold (image, command, env, port, health, limits). */
  spec: Pick<TrialSpec, 'id' | 'image' | 'command' | 'env' | 'port' | 'health' | 'cpus' | 'memoryMb' | 'healthTimeoutS' | 'locustEnv'>;
  /**
   * The image the cluster pulls: the published reference pinned by digest when
   * the publish stage pushed it to a registry a cluster can reach, else the
   * local name (`pullable: false`, and the header says to publish it).
   */
  image: { ref: string; pullable: boolean };
  /** Replicas from the capacity plan (`count`), and the most the HPA may add (`max`); 1 and 2 without a plan. */
  replicas: { count: number; max: number; fromPlan: boolean };
  /** The API's mean CPU over its limit at the answer (0–1); `null` without samples. */
  utilizationAtAnswer: number | null;
  /** Locust worker processes for the target crowd, from the measured generator cost. */
  locustWorkers: number;
  /** The crowd the plan is for, users. */
  targetUsers: number;
  /** The locustfile the run used and the Python files beside it; the lab's entry and hook stay out, so in a cluster Locust runs it unchanged. */
  locustfile: { name: string; text: string; others: { name: string; text: string }[] };
  /** Locust's version on the host that measured, for the image tag. */
  locustVersion: string | null;
  /** Where the answers come from, for the manifests' header comment. */
  runId: string;
}

/** One file of manifests: its name in the export folder and its documents, in apply order. */
export interface K8sFile {
  name: string;
  /** What it holds and where its numbers come from, as the file's header comment. */
  comment: string[];
  docs: Record<string, unknown>[];
}

/** The HPA asks for more replicas below the CPU share at which the SLO edge was measured, by this factor. */
export const HPA_MARGIN = 0.8;
/** Without a measurement, the common default target. */
const HPA_DEFAULT_PERCENT = 70;
const APP = 'inference-api';
const LOCUST = 'locust';
const SECRET = `${APP}-secrets`;

/**
 * Kubernetes manifests for the setup the lab measured, sized from its
 * answers: a Deployment whose pods get the measured limits as requests and
 * limits (the lab measured under hard limits, so the pods are Guaranteed),
 * probes from the target's health check, the plan's replica count and an HPA
 * above it; a Service; Locust as a master and a worker Deployment with the
 * locustfile in a ConfigMap. Secret-looking environment values are never
 * written: they refer to a Secret the user creates. Pure.
 */
export function k8sManifests(i: K8sInputs): K8sFile[] {
  const { spec } = i;
  const labels = { app: APP };
  const probe = spec.health.kind === 'http'
    ? { httpGet: { path: spec.health.path, port: spec.port } }
    : { tcpSocket: { port: spec.port } };
  const targetPercent = i.utilizationAtAnswer === null
    ? HPA_DEFAULT_PERCENT
    : Math.max(10, Math.min(90, Math.round(i.utilizationAtAnswer * HPA_MARGIN * 100)));
  const secretNames = Object.keys(spec.env).filter(isSecretName);
  const env = Object.entries(spec.env).map(([name, value]) => (isSecretName(name)
    ? { name, valueFrom: { secretKeyRef: { name: SECRET, key: name } } }
    : { name, value }));
  const resources = { cpu: cpuQuantity(spec.cpus), memory: `${Math.round(spec.memoryMb)}Mi` };
  const api: K8sFile = {
    name: K8S_FILES[0],
    comment: [
      `The API as Locust Lab measured it in run ${i.runId} (trial ${spec.id}).`,
      ...(i.image.pullable ? [] : [`Image ${i.image.ref} exists only on the host that measured it: push it where the cluster pulls from (npx zx scripts/publish-image.mjs --registry <yours>) and set image: below.`]),
      `Replicas: ${i.replicas.count}${i.replicas.fromPlan ? ` from the capacity plan for ${i.targetUsers} users` : ' (the run has no capacity plan: size it with --target-users)'}; the HPA may add up to ${i.replicas.max}.`,
      `HPA target: ${targetPercent} % CPU, ${HPA_MARGIN * 100} % of the ${i.utilizationAtAnswer === null ? 'unmeasured' : `${Math.round(i.utilizationAtAnswer * 100)} %`} the API used at the largest crowd within the SLO.`,
      ...(secretNames.length ? [`Create the Secret first: kubectl create secret generic ${SECRET} ${secretNames.map((n) => `--from-literal=${n}=...`).join(' ')}`] : []),
    ],
    docs: [
      {
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: APP, labels },
        spec: {
          replicas: i.replicas.count,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              containers: [{
                name: 'api', image: i.image.ref,
                ...(spec.command ? { command: spec.command } : {}),
                ports: [{ containerPort: spec.port, name: 'http' }],
                ...(env.length ? { env } : {}),
                resources: { requests: resources, limits: resources },
                // The lab's health timeout bounds the start (a model load); after it, the usual checks.
                startupProbe: { ...probe, periodSeconds: 5, failureThreshold: Math.max(1, Math.ceil(spec.healthTimeoutS / 5)) },
                readinessProbe: { ...probe, periodSeconds: 5, failureThreshold: 3 },
                livenessProbe: { ...probe, periodSeconds: 10, failureThreshold: 3 },
              }],
            },
          },
        },
      },
      {
        apiVersion: 'v1', kind: 'Service', metadata: { name: APP, labels },
        spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: spec.port }] },
      },
      {
        apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: APP, labels },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: APP },
          minReplicas: i.replicas.count,
          maxReplicas: Math.max(i.replicas.count, i.replicas.max),
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: targetPercent } } }],
        },
      },
    ],
  };

  const locustLabels = (role: string) => ({ app: LOCUST, role });
  const image = `locustio/locust:${i.locustVersion ?? 'latest'}`;
  const mount = { volumeMounts: [{ name: 'locustfile', mountPath: '/mnt/locust' }] };
  const volumes = [{ name: 'locustfile', configMap: { name: `${LOCUST}-file` } }];
  const locustEnv = Object.entries(spec.locustEnv).map(([name, value]) => ({ name, value }));
  const file = `/mnt/locust/${i.locustfile.name}`;
  const locustDeployment = (role: 'master' | 'worker', replicas: number, args: string[], extra: Record<string, unknown> = {}) => ({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `${LOCUST}-${role}`, labels: locustLabels(role) },
    spec: {
      replicas,
      selector: { matchLabels: locustLabels(role) },
      template: {
        metadata: { labels: locustLabels(role) },
        spec: {
          containers: [{ name: LOCUST, image, args, ...(locustEnv.length ? { env: locustEnv } : {}), ...mount, ...extra }],
          volumes,
        },
      },
    },
  });
  const locust: K8sFile = {
    name: K8S_FILES[1],
    comment: [
      `Locust for ${i.targetUsers} users: ${i.locustWorkers} worker pods, from the CPU per request Locust used in run ${i.runId} (each kept below 0.8 of a core).`,
      `Start it from the web UI (kubectl port-forward deploy/${LOCUST}-master 8089) or add --headless -u ${i.targetUsers} to the master's args.`,
    ],
    docs: [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${LOCUST}-file`, labels: { app: LOCUST } }, data: Object.fromEntries([i.locustfile, ...i.locustfile.others].map((f) => [f.name, f.text])) },
      locustDeployment('master', 1, ['-f', file, '--master', '--host', `http://${APP}`], { ports: [{ containerPort: 8089, name: 'web' }, { containerPort: 5557, name: 'master' }] }),
      {
        apiVersion: 'v1', kind: 'Service', metadata: { name: `${LOCUST}-master`, labels: locustLabels('master') },
        spec: { selector: locustLabels('master'), ports: [{ name: 'master', port: 5557, targetPort: 5557 }, { name: 'web', port: 8089, targetPort: 8089 }] },
      },
      locustDeployment('worker', Math.max(1, i.locustWorkers), ['-f', file, '--worker', '--master-host', `${LOCUST}-master`]),
    ],
  };
  return [api, locust];
}

/** Kubernetes CPU quantity: whole cores as they are, fractions in millicores (`0.5` → `500m`). */
export function cpuQuantity(cpus: number): string {
  return Number.isInteger(cpus) ? String(cpus) : `${Math.round(cpus * 1000)}m`;
}
