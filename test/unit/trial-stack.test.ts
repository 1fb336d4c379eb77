import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { YAML } from 'zx';
import { trialStack } from '../../scripts/lib/compose/trial-stack.ts';
import type { TrialSpec } from '../../scripts/lib/results/types.ts';

const spec: TrialSpec = {
  id: 't1', label: 'x', stage: 'trial', replicas: 2, loadBalancer: true, hostPort: null, networks: [], port: 8000, health: { kind: 'http', path: '/health', status: 200 }, ramp: null, image: 'locust-lab/api:baseline', command: [],
  env: { MODEL_MB: '64', API_TOKEN: 's3cr3t' }, cpus: 0.5, memoryMb: 512, warmup: null,
  users: 10, spawnRate: 5, runTimeS: 20, stopWhenStableAfterS: null, healthTimeoutS: 60, locustWorkers: 2, locustImage: 'locust-lab/locust:latest',
  locustfile: 'locust/locustfile.py', locustEnv: {}, engine: 'swarm',
};
const ctx = { runId: 'r1', trialDir: '/runs/r1/trials/t1', locustfilePath: '/runs/r1/trials/t1/locust/locustfile.py', user: '1000:1000' };

test('every service is replicated by swarm, reached by DNS round robin, never restarted, and labelled for cleanup', () => {
  const doc = YAML.parse(trialStack(spec, ctx));
  assert.equal(Object.keys(doc.services), ['api', 'lb', 'locust', 'locust-worker']);
  assert.equal(Object.fromEntries(Object.entries(doc.services).map(([k, v]: [string, any]) => [k, v.deploy.replicas])), { api: 2, lb: 1, locust: 1, 'locust-worker': 2 });
  for (const [name, s] of Object.entries(doc.services) as [string, any][]) {
    assert.is(s.deploy.endpoint_mode, 'dnsrr', name);
    assert.equal(s.deploy.restart_policy, { condition: 'none' }, name);
    assert.is(s.deploy.labels['io.locust-lab.managed'], 'true', `${name}: the service's labels`);
    assert.is(s.labels['io.locust-lab.trial'], 't1', `${name}: the task containers' labels`);
    for (const key of ['restart', 'memswap_limit', 'depends_on', 'ports']) assert.is(s[key], undefined, `${name}: ${key} is compose's, not swarm's`);
  }
  assert.equal(doc.services.api.deploy.resources.limits, { cpus: '0.5', memory: '512M' });
  assert.equal(doc.networks.default.driver, 'overlay');
  assert.is(doc.networks.default.attachable, true);
  assert.is(doc.networks.default.labels['io.locust-lab.managed'], 'true');
});

test('the trial folder is bind-mounted as compose does, and secrets stay out of the file', () => {
  const text = trialStack(spec, ctx);
  const doc = YAML.parse(text);
  assert.ok(doc.services.locust.volumes.includes('/runs/r1/trials/t1:/out'));
  assert.ok(doc.services.lb.volumes.includes('/runs/r1/trials/t1/nginx.conf:/etc/nginx/nginx.conf:ro'));
  assert.not.match(text, /s3cr3t/);
});

test('the first deploy starts the API alone; the rest is scaled up in order', () => {
  const doc = YAML.parse(trialStack(spec, ctx, true));
  assert.equal(Object.fromEntries(Object.entries(doc.services).map(([k, v]: [string, any]) => [k, v.deploy.replicas])), { api: 2, lb: 0, locust: 0, 'locust-worker': 0 });
});

test.run();
