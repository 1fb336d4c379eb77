import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cpuQuantity, k8sManifests, type K8sInputs } from '../../scripts/lib/export/k8s-manifests.ts';
import { checkK8s } from '../../scripts/lib/export/check-k8s.ts';
import { k8sYaml } from '../../scripts/lib/export/export-k8s.ts';
import { YAML } from 'zx';
import { k8sInputs } from '../../scripts/lib/export/k8s-inputs.ts';
import { loadLabResult } from '../../scripts/lib/report/load-result.ts';

const inputs = (o: Partial<K8sInputs> = {}): K8sInputs => ({
  spec: {
    id: 'max-users-hold-137u', image: 'registry.example/api:optimized',
    command: ['gunicorn', '-k', 'uvicorn.workers.UvicornWorker', '-w', '2', '-b', '0.0.0.0:8000', 'main:app'],
    env: { MODEL_MB: '1100', MLFLOW_TRACKING_PASSWORD: 'hunter2' }, port: 8000, health: { kind: 'http', path: '/health', status: 200 },
    cpus: 1, memoryMb: 2816, healthTimeoutS: 90, locustEnv: { LOCUST_WAIT_MIN: '1', LOCUST_WAIT_MAX: '2' },
  },
  image: { ref: 'registry.example/api@sha256:0f0f', pullable: true },
  replicas: { count: 74, max: 90, fromPlan: true },
  utilizationAtAnswer: 0.95,
  locustWorkers: 21,
  targetUsers: 10_000,
  locustfile: { name: 'locustfile.py', text: 'from locust import HttpUser\n', others: [{ name: 'payloads.py', text: 'BODY = {}\n' }] },
  locustVersion: '2.12.1',
  runId: '2026-11-30T04-53-57Z-quick-2181',
  ...o,
});

const byKind = (docs: Record<string, unknown>[], kind: string, name?: string) => docs.find((d) => d.kind === kind && (name === undefined || (d.metadata as { name: string }).name === name)) as Record<string, any>;

test('the API: measured limits as requests and limits, probes from the health check, the plan\'s replicas, an HPA above them', async () => {
  const [api] = k8sManifests(inputs());
  await checkK8s(api!.name, api!.docs);
  const deployment = byKind(api!.docs, 'Deployment');
  assert.is(deployment.spec.replicas, 74);
  const c = deployment.spec.template.spec.containers[0];
  assert.equal(c.resources, { requests: { cpu: '1', memory: '2816Mi' }, limits: { cpu: '1', memory: '2816Mi' } });
  assert.equal(c.readinessProbe.httpGet, { path: '/health', port: 8000 });
  // The health timeout bounds the start: 90 s in 5 s periods.
  assert.is(c.startupProbe.failureThreshold, 18);
  assert.equal(c.command.slice(0, 2), ['gunicorn', '-k']);
  assert.is(c.image, 'registry.example/api@sha256:0f0f');
  assert.not.match(k8sYaml(api!), /&a\d|\*a\d/, 'no YAML aliases: kubectl users read these files');
  // A secret-looking value is never written: it refers to a Secret, and the header says how to create it.
  assert.equal(c.env, [{ name: 'MODEL_MB', value: '1100' }, { name: 'MLFLOW_TRACKING_PASSWORD', valueFrom: { secretKeyRef: { name: 'inference-api-secrets', key: 'MLFLOW_TRACKING_PASSWORD' } } }]);
  assert.not.match(k8sYaml(api!), /hunter2/);
  assert.match(api!.comment.join('\n'), /kubectl create secret generic inference-api-secrets --from-literal=MLFLOW_TRACKING_PASSWORD=\.\.\./);
  const hpa = byKind(api!.docs, 'HorizontalPodAutoscaler');
  assert.equal([hpa.spec.minReplicas, hpa.spec.maxReplicas], [74, 90]);
  // 80 % of the 95 % CPU the API used at the SLO's edge.
  assert.is(hpa.spec.metrics[0].resource.target.averageUtilization, 76);
  assert.is(byKind(api!.docs, 'Service').spec.ports[0].targetPort, 8000);
});

test('a TCP health check and a fractional CPU', async () => {
  const [api] = k8sManifests(inputs({ spec: { ...inputs().spec, health: { kind: 'tcp' }, cpus: 0.5, port: 9090 }, utilizationAtAnswer: null }));
  await checkK8s(api!.name, api!.docs);
  const c = byKind(api!.docs, 'Deployment').spec.template.spec.containers[0];
  assert.equal(c.livenessProbe.tcpSocket, { port: 9090 });
  assert.is(c.resources.limits.cpu, '500m');
  assert.is(byKind(api!.docs, 'HorizontalPodAutoscaler').spec.metrics[0].resource.target.averageUtilization, 70, 'unmeasured: the common default');
  assert.equal([cpuQuantity(2), cpuQuantity(1.5), cpuQuantity(0.25)], ['2', '1500m', '250m']);
});

test('Locust: the locustfile and its modules in a ConfigMap, a master with its Service, the workers the crowd needs', async () => {
  const [, locust] = k8sManifests(inputs());
  await checkK8s(locust!.name, locust!.docs);
  assert.equal(Object.keys(byKind(locust!.docs, 'ConfigMap').data), ['locustfile.py', 'payloads.py']);
  const worker = byKind(locust!.docs, 'Deployment', 'locust-worker');
  assert.is(worker.spec.replicas, 21);
  assert.equal(worker.spec.template.spec.containers[0].args, ['-f', '/mnt/locust/locustfile.py', '--worker', '--master-host', 'locust-master']);
  assert.is(worker.spec.template.spec.containers[0].image, 'locustio/locust:2.12.1');
  assert.ok(byKind(locust!.docs, 'Service', 'locust-master'));
});

test('the YAML stream parses back to the same documents', () => {
  for (const file of k8sManifests(inputs())) {
    const parsed = YAML.parseAllDocuments(k8sYaml(file)).map((d) => d.toJS());
    assert.equal(parsed, file.docs);
  }
});

test('a document that does not fit the schema is refused with its file, document and field', async () => {
  const [api] = k8sManifests(inputs());
  const broken = structuredClone(api!.docs);
  (broken[0] as any).spec.replicas = 'many';
  try {
    await checkK8s('api.yaml', broken);
    assert.unreachable('accepted');
  } catch (error) {
    assert.match((error as Error).message, /^api\.yaml: document 1 \(apps\/v1 Deployment inference-api\) does not fit the Kubernetes schema: .*spec\/replicas must be integer/);
  }
});

test('the committed sample: sized from its answer\'s hold and its capacity plan, the image named as local', async () => {
  const dir = 'reports/sample';
  const result = await loadLabResult(dir);
  const i = await k8sInputs(dir, result);
  assert.is(i.spec.id, 'max-users-hold-137u', 'the steady hold at the max-users answer');
  assert.equal(i.replicas, { count: result.capacity!.replicas!.count, max: 2 * result.capacity!.replicas!.count, fromPlan: true });
  // Pushed only to the lab's own registry on loopback: no cluster can pull it.
  assert.equal(i.image, { ref: 'locust-lab/api:optimized', pullable: false });
  assert.is(i.locustfile.name, 'locustfile.py');
  assert.match(i.locustfile.text, /class \w+\(HttpUser\)/);
  const [api] = k8sManifests(i);
  assert.match(api!.comment.join('\n'), /exists only on the host that measured it/);
  await checkK8s(api!.name, api!.docs);
});

test.run();
