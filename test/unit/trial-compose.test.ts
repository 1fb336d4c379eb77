import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { trialCompose, locustArgs, secretEnv } from '../../scripts/lib/compose/trial-compose.ts';
import { toYaml } from '../../scripts/lib/compose/to-yaml.ts';
import { LAB_ENTRY_FILE } from '../../scripts/lib/locust/lab-entry.ts';
import type { TrialSpec } from '../../scripts/lib/results/types.ts';

const spec: TrialSpec = {
  id: 't1', label: 'x', stage: 'trial', replicas: 1, loadBalancer: false, hostPort: null, networks: [], port: 8000, health: { kind: 'http', path: '/health', status: 200 }, ramp: null, image: 'locust-lab/api:baseline', command: ['python3', '-m', 'uvicorn', 'main:app'],
  env: { MODEL_MB: '64', API_TOKEN: 's3cr3t', PRICE: 'cost$5' }, cpus: 0.5, memoryMb: 1300, warmup: null,
  users: 10, spawnRate: 5, runTimeS: 150, stopWhenStableAfterS: null, healthTimeoutS: 60, locustWorkers: 0, locustImage: 'locust-lab/locust:latest',
  locustfile: 'locust/locustfile.py', locustEnv: { LOCUST_WAIT_MIN: '0.5' },
};
const ctx = { runId: 'r1', trialDir: '/runs/r1/trials/t1', locustfilePath: '/repo/locust/locustfile.py', user: '1000:1000' };

test('limits go under deploy.resources with swap pinned to the memory limit', () => {
  const yaml = trialCompose(spec, ctx);
  assert.match(yaml, /deploy:\n\s+resources:\n\s+limits:\n\s+cpus: "0.5"\n\s+memory: "1300M"/);
  assert.match(yaml, /memswap_limit: "1300M"/);
});

test('the API port is published on loopback only, with an engine-chosen host port', () => {
  assert.match(trialCompose(spec, ctx), /ports:\n\s+- "127.0.0.1::8000"/);
});

test('every service and the network carry the lab labels', () => {
  const yaml = trialCompose(spec, ctx);
  assert.is(yaml.match(/io.locust-lab.managed: "true"/g)?.length, 3);
  assert.is(yaml.match(/io.locust-lab.trial: t1/g)?.length, 3);
});

test('secrets never reach the file; compose reads them from its environment', () => {
  const yaml = trialCompose(spec, ctx);
  assert.not.match(yaml, /s3cr3t/);
  assert.match(yaml, /API_TOKEN: "\$\{API_TOKEN\}"/);
  assert.equal(secretEnv(spec.env), { API_TOKEN: 's3cr3t' });
  assert.match(yaml, /PRICE: "cost\$\$5"/, 'a literal $ must be escaped for compose');
});

test("a command's own $ survives compose's substitution", () => {
  const yaml = trialCompose({ ...spec, command: ['sh', '-c', 'echo $HOME'] }, ctx);
  assert.match(yaml, /- "echo \$\$HOME"/);
});

test('a trial that loads an API an earlier trial started: the API keeps its labels, Locust carries its own', () => {
  const yaml = trialCompose(spec, { ...ctx, apiOwnerTrialId: 't0' });
  assert.is(yaml.match(/io.locust-lab.trial: t0/g)?.length, 2, 'the API and the network');
  assert.is(yaml.match(/io.locust-lab.trial: t1/g)?.length, 1, 'Locust');
});

test('Locust runs headless, capped, with CSV history and stats reset, as the host user', () => {
  const args = locustArgs(spec);
  for (const flag of ['--headless', '--csv-full-history', '--reset-stats']) assert.ok(args.includes(flag), flag);
  assert.is(args[args.indexOf('-t') + 1], '150s');
  assert.is(args[args.indexOf('-u') + 1], '10');
  const yaml = trialCompose(spec, ctx);
  assert.match(yaml, /user: "1000:1000"/);
  assert.match(yaml, /- "?\/repo\/locust:\/mnt\/locust:ro"?\n/);
  assert.match(yaml, /LOCUST_WAIT_MIN: "0.5"/);
});

test("Locust loads the lab's entry (hook, then the locustfile) and the hook writes to /out", () => {
  const args = locustArgs(spec);
  assert.is(args[args.indexOf('-f') + 1], `/mnt/locust/${LAB_ENTRY_FILE}`);
  const yaml = trialCompose(spec, ctx);
  assert.match(yaml, /LOCUST_LAB_OUT: \/out\n/);
  assert.match(yaml, /- "?\/runs\/r1\/trials\/t1:\/out"?\n/);
  // The lab's value wins: its analysis depends on the hook writing there.
  assert.match(trialCompose({ ...spec, locustEnv: { LOCUST_LAB_OUT: '/elsewhere' } }, ctx), /LOCUST_LAB_OUT: \/out\n/);
});

test('distributed: every worker loads the entry, gets LOCUST_LAB_OUT and mounts the trial folder for its own samples', () => {
  const yaml = trialCompose({ ...spec, locustWorkers: 2 }, ctx);
  const worker = yaml.slice(yaml.indexOf('  locust-worker:\n'));
  assert.ok(worker.length > 0 && worker.length < yaml.length);
  assert.ok(worker.includes(`- "-f"\n      - /mnt/locust/${LAB_ENTRY_FILE}\n      - "--worker"`), worker);
  assert.match(worker, /LOCUST_LAB_OUT: \/out\n/);
  assert.match(worker, /- "?\/runs\/r1\/trials\/t1:\/out"?\n/);
  assert.match(worker, /- "?\/repo\/locust:\/mnt\/locust:ro"?\n/);
  assert.is(yaml.match(/LOCUST_LAB_OUT/g)?.length, 2);
});

test('external networks are joined by the API, not created or labelled; Locust stays on the trial network', () => {
  const yaml = trialCompose({ ...spec, networks: ['proyecto-2_default', 'mlflow'] }, ctx);
  assert.match(yaml, /\n  external-1:\n    name: proyecto-2_default\n    external: true\n  external-2:\n    name: mlflow\n    external: true\n/);
  assert.match(yaml, /  api:\n[\s\S]*?    networks:\n      - default\n      - external-1\n      - external-2\n/);
  const locust = yaml.slice(yaml.indexOf('  locust:'), yaml.indexOf('\nnetworks:'));
  assert.not.match(locust, /external-/);
  // The trial's own network is labelled; the user's are not.
  assert.match(yaml, /networks:\n  default:\n    labels:/);
});

test("the target's port: published, Locust's host and no command when the image's CMD runs", () => {
  const yaml = trialCompose({ ...spec, port: 9090, command: [] }, ctx);
  assert.match(yaml, /- "127\.0\.0\.1::9090"/);
  assert.match(yaml, /- http:\/\/api:9090/);
  assert.not.match(yaml.slice(yaml.indexOf('  api:'), yaml.indexOf('  locust:')), /command:/);
  const lb = trialCompose({ ...spec, port: 9090, replicas: 2, loadBalancer: true }, ctx);
  assert.match(lb, /- http:\/\/lb:9090/);
});

test('replicas behind nginx: only the balancer publishes a port, Locust targets it', () => {
  const yaml = trialCompose({ ...spec, replicas: 2, loadBalancer: true }, ctx);
  assert.match(yaml, /  lb:\n    image: locust-lab\/nginx:latest\n    ports:\n      - "127.0.0.1::8000"/);
  assert.is(yaml.match(/127\.0\.0\.1::8000/g)?.length, 1);
  assert.match(yaml, /- http:\/\/lb:8000/);
  assert.match(yaml, /\/runs\/r1\/trials\/t1\/nginx.conf:\/etc\/nginx\/nginx.conf:ro/);
});

test("a fixed host port is the workshop's 8000:8000, still on loopback", () => {
  assert.match(trialCompose({ ...spec, hostPort: 8000 }, ctx), /- "127.0.0.1:8000:8000"/);
});

test('a ramp hands its steps to the LoadTestShape and drops -u, -r, -t and --reset-stats', () => {
  const ramped = { ...spec, ramp: { steps: [5, 10, 20], stepS: 15 } };
  const args = locustArgs(ramped);
  for (const flag of ['-u', '-r', '-t', '--reset-stats']) assert.not.ok(args.includes(flag), flag);
  const yaml = trialCompose(ramped, ctx);
  assert.match(yaml, /LOCUST_STEPS: "5,10,20"/);
  assert.match(yaml, /LOCUST_STEP_SECONDS: "15"/);
});

test('the YAML writer quotes what YAML would misread', () => {
  assert.is(toYaml({ a: 'yes', b: '1.5', c: 'plain', d: '-x', e: 'a: b', f: [], g: {} }), 'a: "yes"\nb: "1.5"\nc: plain\nd: "-x"\ne: "a: b"\nf: []\ng: {}\n');
  assert.is(toYaml({ list: [{ k: 1, j: [true] }] }), 'list:\n  - k: 1\n    j:\n      - true\n');
});

test.run();
