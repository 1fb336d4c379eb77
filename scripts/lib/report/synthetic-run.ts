import type {
  CommandRecord, LabResult, MaxUsersStage, MemoryProbeRecord, SweepCell, TimelinePoint, TrialResult, WorkerCell, WorkerConfig,
} from '../results/types.ts';
import { SCHEMA_VERSION } from '../results/types.ts';

/**
 * A large, deterministic lab result for the report benchmark: every stage,
 * `trialCount` trials (200 by default) with `seconds` of 1 Hz history each
 * (600 = 10 minutes), commands, logs and failures. The numbers follow simple
 * curves with seeded noise; they only need the shape and size of a real run.
 */
export function syntheticRun({ trialCount = 200, seconds = 600, seed = 42 } = {}): LabResult {
  let state = seed;
  const random = () => ((state = (state * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32);
  const start = Date.parse('2026-11-28T03:00:00Z');
  const trials: TrialResult[] = [];
  const commands: CommandRecord[] = [];

  const trial = (id: string, stage: string, cpus: number, memoryMb: number, users: number, load: number): TrialResult => {
    const startedAt = start + trials.length * (seconds + 30) * 1000;
    const timeline: TimelinePoint[] = Array.from({ length: seconds }, (_, s) => ({
      s, users: Math.min(users, Math.ceil((s + 1) * 5)), rps: 40 * cpus * (1 - load / 3) + random() * 5,
      p50Ms: 40 + 400 * load ** 2 + random() * 20, p95Ms: 90 + 900 * load ** 2 + random() * 80 + (s % 97 === 0 ? 400 : 0),
      apiCpuPercent: Math.min(100, 60 + 40 * load + random() * 10), apiMemoryMb: memoryMb * 0.6 + random() * 8,
    }));
    const p95 = Math.round(90 + 900 * load ** 2);
    const dir = `trials/${id}`;
    for (const action of ['up', 'up', 'down']) {
      commands.push({ argv: ['docker', 'compose', '-p', `ll_${id}`, '-f', `/runs/${dir}/compose.yaml`, action, '-d'], trialId: id, exitCode: 0, durationMs: 700 });
    }
    const result: TrialResult = {
      spec: {
        id, label: `${stage} · ${cpus} CPU · ${memoryMb} MiB · ${users} users`, stage, image: 'locust-lab/api:baseline',
        command: ['python3', '-m', 'uvicorn', 'main:app', '--host', '0.0.0.0', '--port', '8000'], env: { MODEL_MB: '1100' },
        replicas: 1, loadBalancer: false, hostPort: null, network: null, cpus, memoryMb, warmup: null, users, ramp: null, spawnRate: 5, locustWorkers: 0,
        runTimeS: seconds, healthTimeoutS: 60, locustImage: 'locust-lab/locust:latest', locustfile: 'locust/locustfile.py', locustEnv: {},
      },
      status: 'passed', cause: null, failurePhase: null, engineError: null,
      appliedLimits: { cpus, memoryMb, memorySwapMb: memoryMb }, imageId: 'sha256:' + '1'.repeat(64), locustExitCode: 0,
      summary: {
        rps: 40 * cpus, p50Ms: p95 / 2, p95Ms: p95, p99Ms: p95 * 1.5, requests: 24_000, failures: 12, failureRatio: 0.0005,
        apiPeakMemoryMb: memoryMb * 0.62, apiMeanMemoryMb: memoryMb * 0.6, apiPeakCpuPercent: 100, apiMeanCpuPercent: 80,
        locustPeakCpuPercent: 40, locustMeanCpuPercent: 30, statsSamples: seconds, window: 'steady phase (stats reset after spawning)',
      },
      endpoints: ['/predict', 'Aggregated'].map((name) => ({
        method: name === 'Aggregated' ? '' : 'POST', name, requests: 24_000, failures: 12, medianMs: p95 / 2, avgMs: p95 / 2,
        minMs: 5, maxMs: p95 * 3, rps: 40 * cpus, failuresPerS: 0.02, percentiles: { '50%': p95 / 2, '95%': p95, '99%': p95 * 1.5 },
      })),
      failures: [{ method: 'POST', name: '/predict', error: 'ConnectionResetError(104, "Connection reset by peer")', occurrences: 12, firstSeen: null, lastSeen: null }],
      containers: [{
        name: 'api', exitCode: null, oomKilled: false,
        events: [{ t: startedAt + 500, action: 'create' }, { t: startedAt + 800, action: 'start' }],
        logTail: Array.from({ length: 20 }, (_, i) => `INFO:     172.18.0.3:${40000 + i} - "POST /predict HTTP/1.1" 200 OK`),
      }],
      timeline, flags: [],
      timing: { startedAt: new Date(startedAt).toISOString(), loadStartedAt: new Date(startedAt + 3000).toISOString(), setupMs: 3000, loadMs: seconds * 1000, teardownMs: 2000, totalMs: seconds * 1000 + 5000 },
      files: {
        compose: `${dir}/compose.yaml`, trialJson: `${dir}/trial.json`, statsCsv: `${dir}/locust_stats.csv`, historyCsv: `${dir}/locust_stats_history.csv`,
        failuresCsv: `${dir}/locust_failures.csv`, exceptionsCsv: `${dir}/locust_exceptions.csv`, statsNdjson: `${dir}/stats.ndjson`,
        apiInspect: `${dir}/api-inspect.json`, locustLog: `${dir}/locust.log`, apiLog: `${dir}/api.log`,
      },
    };
    trials.push(result);
    return result;
  };
  const ids = (from: number) => trials.slice(from).map((t) => t.spec.id);
  const base = { durationMs: 0, loadMs: 0, error: null };

  const deploy = trial('deploy', 'deploy', 0.5, 500, 10, 0.5);
  Object.assign(deploy, { status: 'oom-killed', failurePhase: 'first-request', summary: null, cause: 'OOM-killed (exit 137, OOMKilled) on the first request' });
  deploy.containers[0]!.exitCode = 137;
  deploy.containers[0]!.oomKilled = true;
  deploy.containers[0]!.events.push({ t: Date.parse(deploy.timing.startedAt) + 3200, action: 'oom' }, { t: Date.parse(deploy.timing.startedAt) + 3210, action: 'die' });

  let mark = trials.length;
  const probes = (predicate: 'serve' | 'load'): MemoryProbeRecord[] => [2048, 1024, 1536, 1280, 1408, 1344].map((memoryMb, i) => {
    const pass = memoryMb >= 1344;
    const t = trial(`memory-floor-${predicate}-${memoryMb}m`, 'memory-floor', 1, memoryMb, predicate === 'load' ? 50 : 1, 0.3);
    if (!pass) Object.assign(t, { status: 'oom-killed', failurePhase: 'first-request', summary: null });
    return { memoryMb, pass, class: pass ? 'healthy' : 'oom-at-first-request', trialId: t.spec.id, order: i + 1 };
  });
  const search = (predicate: 'serve' | 'load') => ({
    predicate: predicate === 'serve' ? 'serves-one-request' as const : 'survives-load' as const, floorMb: 1344, lastFailingMb: 1280,
    resolutionMb: 32, probes: probes(predicate), verdict: 'found' as const, durationMs: 60_000,
  });
  const serve = search('serve');
  const load = search('load');
  const memoryFloor = { ...base, trialIds: ids(mark), serve, load, recommendedMb: 1600, headroom: 0.15, linearWalk: { startMb: 500, stepMb: 100, probes: 10, reachedMb: 1400 }, linearWalkAtResolution: { startMb: 500, stepMb: 32, probes: 29, reachedMb: 1396 }, loadUsers: 50, loadRunTimeS: 60 };

  mark = trials.length;
  const cells: SweepCell[] = [];
  for (const cpus of [0.5, 1, 1.5, 2, 2.5, 3]) {
    for (const memoryMb of [1344, 1472, 1600, 1728, 1856, 1984, 2112, 2240]) {
      const loadLevel = Math.min(1.5, 1 / cpus);
      const t = trial(`sweep-${cpus}cpu-${memoryMb}m`, 'sweep', cpus, memoryMb, 1000, loadLevel);
      const pass = (t.summary?.p95Ms ?? Infinity) <= 1000;
      cells.push({ trialId: t.spec.id, cpus, memoryMb, pass, binding: 'p95', rps: t.summary!.rps, p95Ms: t.summary!.p95Ms, failureRatio: 0.0005 });
    }
  }
  const minimum = cells.find((c) => c.pass) ?? null;
  const sweep = { ...base, trialIds: ids(mark), users: 1000, runTimeS: seconds, cells, minimum: minimum && { cpus: minimum.cpus, memoryMb: minimum.memoryMb, trialId: minimum.trialId } };

  mark = trials.length;
  const conflict = trial('replicas-fixed-port', 'replicas', 1, 2048, 100, 0.4);
  Object.assign(conflict, { status: 'engine-error', summary: null, timeline: [], engineError: 'Bind for 127.0.0.1:8000 failed: port is already allocated' });
  const single = trial('replicas-single', 'replicas', 1, 2048, 100, 0.6);
  const balanced = trial('replicas-nginx-x2', 'replicas', 1, 2048, 100, 0.4);
  const replicas = {
    ...base, trialIds: ids(mark), conflict: { trialId: conflict.spec.id, reproduced: true, engineError: conflict.engineError },
    single: { trialId: single.spec.id, rps: single.summary!.rps, p95Ms: single.summary!.p95Ms },
    balanced: { trialId: balanced.spec.id, replicas: 2, rps: balanced.summary!.rps * 1.6, p95Ms: balanced.summary!.p95Ms },
    rpsGainPct: 60, p95ChangePct: -30,
  };

  mark = trials.length;
  const configs: WorkerConfig[] = [];
  for (const variant of ['baseline', 'optimized']) {
    for (const [server, workers] of [['uvicorn', 1], ['uvicorn', 2], ['gunicorn', 2]] as const) {
      for (const cpus of [1, 2]) {
        configs.push({ configId: `${variant}-${server}-w${workers}-${cpus}cpu`, label: `${variant} · ${server} ×${workers} · ${cpus} CPU`, variant, server, workers, cpus, memoryMb: 1100 + workers * 1000 });
      }
    }
  }
  const crowds = [10, 25, 50, 100, 200, 400, 700, 1000];
  const workerCells: WorkerCell[] = [];
  for (const config of configs) {
    for (const users of crowds) {
      const t = trial(`workers-${config.configId}-${users}u`, 'workers', config.cpus, config.memoryMb, users, users / 1000 / config.cpus);
      workerCells.push({ configId: config.configId, users, trialId: t.spec.id, pass: t.summary!.p95Ms! <= 1000, binding: 'p95', rps: t.summary!.rps, p95Ms: t.summary!.p95Ms, failureRatio: 0.0005, modelLoads: config.workers });
    }
  }
  const ranking = configs.map((c) => c.configId).reverse();
  const workers = {
    ...base, trialIds: ids(mark), configs, crowds, cells: workerCells, ranking, bestConfigId: ranking[0]!, referenceConfigId: configs[0]!.configId,
    bestGain: { users: 1000, rpsGainPct: 42.5, p95ChangePct: -18.2 }, paretoFront: ranking.slice(0, 3), raceSeenIn: [],
  };

  mark = trials.length;
  const curve: MaxUsersStage['curve'] = [];
  for (let i = 0; trials.length < trialCount; i++) {
    const users = 10 + i * 5;
    const t = trial(`max-users-${users}u`, 'max-users', 2, 3100, users, users / 300);
    curve.push({ users, p95Ms: t.summary!.p95Ms, failureRatio: 0.0005, source: i === 0 ? 'ramp' : 'bisect' });
  }
  const passing = curve.filter((p) => (p.p95Ms ?? Infinity) <= 1000);
  const maxUsers: MaxUsersStage = {
    ...base, trialIds: ids(mark), configLabel: configs.at(-1)!.label, lastPassingUsers: passing.at(-1)?.users ?? null,
    firstFailingUsers: curve.find((p) => (p.p95Ms ?? Infinity) > 1000)?.users ?? null, binding: 'p95', confirmed: true, curve, knee: 150,
  };

  return {
    schemaVersion: SCHEMA_VERSION, runId: '2026-11-28T03-00-00Z-synthetic', startedAt: new Date(start).toISOString(),
    finishedAt: new Date(start + trials.length * (seconds + 30) * 1000).toISOString(), profile: 'synthetic',
    host: { cpus: 2, memoryBytes: 24 * 1024 ** 3, dockerVersion: '20.10.24', compose: 'docker-compose 1.29.2', locustVersion: '2.12.1', node: process.version, os: 'Debian 12', cgroupVersion: 2 },
    commands, slo: { p95Ms: 1000, maxFailureRatio: 0.01 }, plan: { profile: 'synthetic', trials: trialCount, seconds }, trials,
    stages: {
      publish: { ...base, trialIds: [], registry: '127.0.0.1:5000', images: [{ source: 'locust-lab/api:baseline', reference: '127.0.0.1:5000/locust-lab/api:baseline', imageId: 'sha256:' + '1'.repeat(64), digest: 'sha256:' + '2'.repeat(64), verified: { catalog: true, tag: true, digestMatches: true }, pushMs: 30_000 }] },
      deploy: { ...base, trialIds: [deploy.spec.id], trialId: deploy.spec.id, reproduced: true, status: 'oom-killed', failurePhase: 'first-request', exitCode: 137, oomKilled: true, cpus: 0.5, memoryMb: 500 },
      memoryFloor, sweep, replicas, workers, maxUsers,
    },
    warnings: [],
  };
}
