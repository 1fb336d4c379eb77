import type {
  StageResults,
  CommandRecord, HostCalibration, Interval, LabResult, MaxUsersStage, MemoryProbeRecord, PointMeasurement, ReplicaComparison, ReplicaRun, SloSpec,
  SweepCell, TimelinePoint, TrialResult, UsersCurvePoint, WorkerCell, WorkerConfig,
} from '../results/types.ts';
import { SCHEMA_VERSION } from '../results/types.ts';
import { median, runsMinMax, wilsonInterval } from '../analyze/intervals.ts';
import { referenceAnswers } from '../host/reference-answers.ts';
import { capacityPlan } from '../analyze/capacity-plan.ts';
import { hostWarnings, runWarnings } from '../analyze/run-warnings.ts';
import { stageGate } from '../analyze/stage-gate.ts';

const SLO: SloSpec = { p95Ms: 1000, maxFailureRatio: 0.01 };
/** Think time of the synthetic locustfile, s. */
const THINK_S = 1.5;

/**
 * A large, deterministic lab result for the report benchmark and the render
 * tests of schema 2: every stage, `trialCount` trials (200 by default) with
 * `seconds` of 1 Hz history each (600 = 10 minutes), commands, logs and
 * failures; exact summaries with windows, stability, intervals, Little's law
 * and host CPU; points repeated adaptively (1, 3, then 5 runs) where an
 * interval straddles the SLO; a tie in the worker ranking; replicas with both
 * comparisons; a max-users curve of ramp steps, probes and holds with its fits;
 * and a host calibration. The numbers follow simple curves with seeded noise;
 * they only need the shape and size of a real run.
 */
export function syntheticRun({ trialCount = 200, seconds = 600, seed = 42 } = {}): LabResult {
  let state = seed;
  const random = () => ((state = (state * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32);
  const start = Date.parse('2026-11-28T03:00:00Z');
  const trials: TrialResult[] = [];
  const commands: CommandRecord[] = [];

  const trial = (id: string, stage: string, cpus: number, memoryMb: number, users: number, load: number, noise = 0): TrialResult => {
    const startedAt = start + trials.length * (seconds + 30) * 1000;
    const timeline: TimelinePoint[] = Array.from({ length: seconds }, (_, s) => ({
      s, users: Math.min(users, Math.ceil((s + 1) * 5)), rps: 40 * cpus * (1 - load / 3) + random() * 5,
      p50Ms: 40 + 400 * load ** 2 + random() * 20, p95Ms: 90 + 900 * load ** 2 + random() * 80 + (s % 97 === 0 ? 400 : 0),
      apiCpuPercent: Math.min(100, 60 + 40 * load + random() * 10), apiMemoryMb: memoryMb * 0.6 + random() * 8,
    }));
    const p95 = Math.round((90 + 900 * load ** 2) * (1 + noise));
    const rps = 40 * cpus;
    const dir = `trials/${id}`;
    for (const action of ['up', 'up', 'down']) {
      commands.push({ argv: ['docker', 'compose', '-p', `ll_${id}`, '-f', `/runs/${dir}/compose.yaml`, action, '-d'], trialId: id, exitCode: 0, durationMs: 700 });
    }
    const windowS = Math.max(1, seconds - 10);
    const requests = Math.round(rps * windowS);
    const subWindows = Array.from({ length: Math.floor(windowS / 5) }, (_, i) => ({
      startS: 10 + i * 5, requests: Math.round(rps * 5), rps: rps * (0.97 + random() * 0.06), p95Ms: p95 * (0.95 + random() * 0.1),
    }));
    const meanMs = p95 / 2;
    const predictedUsers = rps * (meanMs / 1000 + THINK_S);
    const result: TrialResult = {
      spec: {
        id, label: `${stage} · ${cpus} CPU · ${memoryMb} MiB · ${users} users`, stage, image: 'locust-lab/api:baseline',
        command: ['python3', '-m', 'uvicorn', 'main:app', '--host', '0.0.0.0', '--port', '8000'], env: { MODEL_MB: '1100' },
        replicas: 1, loadBalancer: false, hostPort: null, networks: [], port: 8000, health: { kind: 'http', path: '/health', status: 200 }, cpus, memoryMb, warmup: null, users, ramp: null, spawnRate: 5, locustWorkers: 0,
        runTimeS: seconds, stopWhenStableAfterS: null, healthTimeoutS: 60, locustImage: 'locust-lab/locust:latest', locustfile: 'locust/locustfile.py', locustEnv: {},
      },
      status: 'passed', cause: null, failurePhase: null, engineError: null,
      appliedLimits: { cpus, memoryMb, memorySwapMb: memoryMb }, imageId: 'sha256:' + '1'.repeat(64), locustExitCode: 0,
      summary: {
        rps, p50Ms: p95 / 2, p95Ms: p95, p99Ms: p95 * 1.5, requests, failures: 12, failureRatio: 12 / requests,
        apiPeakMemoryMb: memoryMb * 0.62, apiMeanMemoryMb: memoryMb * 0.6, apiPeakCpuPercent: 100, apiMeanCpuPercent: 80,
        locustPeakCpuPercent: 40, locustMeanCpuPercent: 30, statsSamples: seconds,
        p95AtLeast: false, meanMs, censored: 0, censoredMaxAgeMs: null,
        window: { basis: 'request-samples', startS: 10, endS: seconds, durationS: windowS, warmupS: 5, requests },
        stability: subWindows.length < 3 ? null : {
          subWindowS: 5, subWindows, stable: true, tolerance: 0.1, rpsSpread: 0.06, p95Spread: 0.08, p95Trend: 0.01,
        },
        intervals: {
          p95Ms: { low: p95 * 0.95, high: p95 * 1.05, level: 0.95, method: 'order-statistic' },
          failureRatio: wilsonInterval(12, requests),
        },
        thinkTimeS: THINK_S, serviceDemandMs: 20,
        littlesLaw: { users, predictedUsers, deviation: Math.abs(predictedUsers - users) / users },
      },
      endpoints: ['/predict', 'Aggregated'].map((name) => ({
        method: name === 'Aggregated' ? '' : 'POST', name, requests, failures: 12, medianMs: p95 / 2, avgMs: p95 / 2,
        minMs: 5, maxMs: p95 * 3, rps, failuresPerS: 0.02, percentiles: { '50%': p95 / 2, '95%': p95, '99%': p95 * 1.5 },
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
        requestsCsv: [`${dir}/locust_requests-local.csv`], phases: `${dir}/locust_phases.ndjson`,
      },
      hostCpu: { seconds, steal: 0.002, busy: 0.55 + random() * 0.1, outsideLab: 0.01 + random() * 0.02 },
    };
    trials.push(result);
    return result;
  };

  /**
   * One setup at one crowd, measured as the lab does: once, then 3 and 5 runs
   * while the p95 interval straddles the SLO limit.
   */
  const measure = (id: string, stage: string, cpus: number, memoryMb: number, users: number, load: number): { point: PointMeasurement; runs: TrialResult[] } => {
    const runs = [trial(id, stage, cpus, memoryMb, users, load)];
    let point = pointOf(runs);
    while (point.verdict === 'undecided' && runs.length < 5) {
      for (let i = 0; i < 2; i++) runs.push(trial(`${id}-r${runs.length + 1}`, stage, cpus, memoryMb, users, load, (random() - 0.5) * 0.06));
      point = pointOf(runs);
    }
    return { point, runs };
  };

  const ids = (from: number) => trials.slice(from).map((t) => t.spec.id);
  const base = { durationMs: 0, loadMs: 0, error: null };

  const deploy = trial('deploy', 'deploy', 0.5, 500, 10, 0.5);
  Object.assign(deploy, { status: 'oom-killed', failurePhase: 'first-request', summary: null, cause: { id: 'oom-killed', values: { exit: 137, phase: 'first-request' } } });
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
      // Memory past the floor buys a little speed, so the 1-CPU column crosses the limit.
      const { point, runs } = measure(`sweep-${cpus}cpu-${memoryMb}m`, 'sweep', cpus, memoryMb, 1000, Math.min(1.5, 1 / cpus) * (1 - (memoryMb - 1344) / 8000));
      const first = runs[0]!.summary!;
      cells.push({ trialId: runs[0]!.spec.id, cpus, memoryMb, pass: point.pass, binding: point.binding, rps: first.rps, p95Ms: first.p95Ms, failureRatio: first.failureRatio, point });
    }
  }
  const minimum = cells.find((c) => c.pass) ?? null;
  const sweep = { ...base, trialIds: ids(mark), users: 1000, runTimeS: seconds, cells, minimum: minimum && { cpus: minimum.cpus, memoryMb: minimum.memoryMb, trialId: minimum.trialId } };

  mark = trials.length;
  const conflict = trial('replicas-fixed-port', 'replicas', 1, 2048, 100, 0.4);
  Object.assign(conflict, { status: 'engine-error', summary: null, timeline: [], engineError: 'Bind for 127.0.0.1:8000 failed: port is already allocated' });
  Object.assign(conflict.spec, { replicas: 2, hostPort: 8000 });
  const single = trial('replicas-single', 'replicas', 1, 2048, 100, 0.6);
  const singleTotal = trial('replicas-single-2cpu', 'replicas', 2, 2048, 100, 0.3);
  const balanced = trial('replicas-nginx-x2', 'replicas', 1, 2048, 100, 0.4);
  Object.assign(balanced.spec, { replicas: 2, loadBalancer: true });
  // The pair ran at the closed loop's ceiling N / Z: limited by the load, not the server.
  balanced.summary!.rps = 100 / THINK_S;
  const replicaRun = (t: TrialResult): ReplicaRun => ({
    trialId: t.spec.id, replicas: t.spec.replicas, cpus: t.spec.cpus, rps: t.summary!.rps, p95Ms: t.summary!.p95Ms, status: t.status,
    loadLimited: t.summary!.rps >= 0.95 * t.spec.users / THINK_S,
  });
  const compare = (basis: ReplicaComparison['basis'], one: TrialResult): ReplicaComparison => ({
    basis, singleTrialId: one.spec.id, voidedBy: null,
    rpsGainPct: Math.round((balanced.summary!.rps / one.summary!.rps - 1) * 1000) / 10,
    p95ChangePct: Math.round((balanced.summary!.p95Ms! / one.summary!.p95Ms! - 1) * 1000) / 10,
  });
  const comparisons = [compare('same-total-cpu', singleTotal), compare('per-replica-cpu', single)];
  const replicas = {
    ...base, trialIds: ids(mark), conflict: { trialId: conflict.spec.id, reproduced: true, engineError: conflict.engineError },
    single: { trialId: single.spec.id, rps: single.summary!.rps, p95Ms: single.summary!.p95Ms },
    balanced: { trialId: balanced.spec.id, replicas: 2, rps: balanced.summary!.rps, p95Ms: balanced.summary!.p95Ms },
    rpsGainPct: comparisons[0]!.rpsGainPct, p95ChangePct: comparisons[0]!.p95ChangePct,
    runs: [single, singleTotal, balanced].map(replicaRun), comparisons,
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
  for (const [i, config] of configs.entries()) {
    for (const users of crowds) {
      const { point, runs } = measure(`workers-${config.configId}-${users}u`, 'workers', config.cpus, config.memoryMb, users, users / (1000 + 25 * i) / config.cpus);
      const first = runs[0]!.summary!;
      workerCells.push({
        configId: config.configId, users, trialId: runs[0]!.spec.id, pass: point.pass, binding: point.binding,
        rps: first.rps, p95Ms: first.p95Ms, failureRatio: first.failureRatio, modelLoads: config.workers, point,
      });
    }
  }
  const ranking = configs.map((c) => c.configId).reverse();
  const workers = {
    ...base, trialIds: ids(mark), configs, crowds, cells: workerCells, ranking, bestConfigId: ranking[0]!, referenceConfigId: configs[0]!.configId,
    bestGain: { users: 1000, rpsGainPct: 42.5, p95ChangePct: -18.2 }, paretoFront: ranking.slice(0, 3), raceSeenIn: [],
    // The same server with startup loading ties with the best: one answer, "A = B".
    tiedWithBest: [ranking[0]!, ranking[1]!],
    // Measured again to tell them apart, and still one answer.
    tieBreak: { configIds: [ranking[0]!, ranking[1]!], separated: false },
  };

  // One ramp run brackets the answer, a bisection of probes refines it, two holds confirm it;
  // probes below the bracket fill the remaining budget of trials.
  mark = trials.length;
  const curve: UsersCurvePoint[] = [];
  const maxLoad = (users: number) => users / 285;
  const resolution = 5;
  let lastPassing: number | null = null;
  let firstFailing: number | null = null;
  let converged: boolean | null = null;
  let confirmed: boolean | null = null;
  let holdPoint: PointMeasurement | null = null;
  const probe = (users: number, source: 'bisect' | 'hold') => {
    const { point, runs } = measure(`max-users-${source === 'hold' ? 'hold-' : ''}${users}u`, 'max-users', 2, 3100, users, maxLoad(users));
    if (users >= 300) {
      // Past the limit some requests never finish: they count as failures and the p95 is only a lower bound.
      for (const run of runs) {
        Object.assign(run.summary!, { censored: 3, censoredMaxAgeMs: 9_400, p95AtLeast: true });
        run.summary!.stability = run.summary!.stability && { ...run.summary!.stability, stable: false, rpsSpread: 0.04, p95Spread: 0.23, p95Trend: 0.18 };
        run.flags.push('censored-requests', 'unstable', 'p95-trending');
      }
      point.p95AtLeast = true;
    }
    curve.push({ users, p95Ms: point.p95Ms, failureRatio: point.failureRatio, source, rps: point.rps, point, trialId: runs[0]!.spec.id });
    return point;
  };
  if (trials.length < trialCount) {
    const ramp = trial('max-users-ramp', 'max-users', 2, 3100, 400, maxLoad(400));
    ramp.spec.ramp = { steps: [50, 100, 200, 400], stepS: 10 };
    for (const users of ramp.spec.ramp.steps) {
      curve.push({ users, p95Ms: Math.round(90 + 900 * maxLoad(users) ** 2), failureRatio: 0.0005, source: 'ramp', rps: null, point: null, trialId: ramp.spec.id });
    }
    let [low, high] = [200, 400];
    while (high - low > resolution) {
      const users = Math.round((low + high) / 2);
      if (probe(users, 'bisect').pass) low = users;
      else high = users;
    }
    converged = true;
    holdPoint = probe(low, 'hold');
    confirmed = holdPoint.pass;
    const above = probe(high, 'hold');
    // A passing hold above the answer moves it up; the ramp's failing step bounds it then.
    [lastPassing, firstFailing] = !confirmed ? [null, low] : above.pass ? [high, 400] : [low, high];
    for (let users = 195; trials.length < trialCount && users > 50; users -= 5) probe(users, 'bisect');
    if (!confirmed) {
      const below = curve.filter((p) => p.point?.pass && p.users < low).map((p) => p.users);
      lastPassing = below.length > 0 ? Math.max(...below) : null;
    }
  }
  const maxUsers: MaxUsersStage = {
    ...base, trialIds: ids(mark), configLabel: configs.at(-1)!.label, lastPassingUsers: lastPassing, firstFailingUsers: firstFailing,
    binding: 'p95', confirmed, curve: curve.sort((a, b) => a.users - b.users), knee: 150,
    converged, resolution, rpsAtAnswer: holdPoint?.rps ?? null,
    operationalBound: { demandMs: 20, thinkTimeS: THINK_S, users: (2 * (0.02 + THINK_S)) / 0.02, maxRps: 2 / 0.02 },
    usl: { lambda: 0.655, sigma: 0.0123, kappa: 0.000041, rmsRelativeResidual: 0.034, peakUsers: 154.2, points: curve.filter((p) => p.source !== 'ramp').length },
  };

  const stages: StageResults = {
    publish: { ...base, trialIds: [], registry: '127.0.0.1:5000', images: [{ source: 'locust-lab/api:baseline', reference: '127.0.0.1:5000/locust-lab/api:baseline', imageId: 'sha256:' + '1'.repeat(64), digest: 'sha256:' + '2'.repeat(64), verified: { catalog: true, tag: true, digestMatches: true }, pushMs: 30_000 }] },
    deploy: { ...base, trialIds: [deploy.spec.id], trialId: deploy.spec.id, reproduced: true, status: 'oom-killed', failurePhase: 'first-request', exitCode: 137, oomKilled: true, cpus: 0.5, memoryMb: 500 },
    memoryFloor, sweep, replicas, workers, maxUsers,
  };
  const host = calibration(start, trials.length * (seconds + 30));
  const run = {
    schemaVersion: SCHEMA_VERSION, runId: '2026-11-28T03-00-00Z-synthetic', startedAt: new Date(start).toISOString(),
    finishedAt: new Date(start + trials.length * (seconds + 30) * 1000).toISOString(), profile: 'synthetic',
    host: { cpus: 2, memoryBytes: 24 * 1024 ** 3, dockerVersion: '20.10.24', compose: 'docker-compose 1.29.2', locustVersion: '2.12.1', node: process.version, os: 'Debian 12', cgroupVersion: 2 },
    commands, slo: SLO, plan: { profile: 'synthetic', trials: trialCount, seconds }, trials,
    stages,
    // What the lab would store: the analysis' warnings over these trials and this host.
    warnings: [...runWarnings(trials), ...hostWarnings(host)],
    calibration: { ...host, onReference: referenceAnswers(stages, host.speedIndex) },
    gate: stageGate({ stages, trials }),
  } satisfies LabResult;
  // The plan the lab stores at the end of a run; 1,000 users keep it below the fitted ceiling, so the page shows a plan.
  return { ...run, capacity: capacityPlan(run, 1000) };
}

/** The point of one or more runs: medians, intervals, and the verdict on the p95 interval against the SLO. */
function pointOf(runs: TrialResult[]): PointMeasurement {
  const summaries = runs.map((run) => run.summary!);
  const p95s = summaries.map((s) => s.p95Ms!);
  const p95Interval: Interval | null = runs.length === 1 ? summaries[0]!.intervals!.p95Ms : runsMinMax(p95s);
  const requests = summaries.reduce((sum, s) => sum + s.requests, 0);
  const failures = summaries.reduce((sum, s) => sum + s.failures, 0);
  const rpsValues = summaries.flatMap((s) => s.stability?.subWindows.map((w) => w.rps) ?? [s.rps]);
  const high = p95Interval?.high ?? Infinity;
  const low = p95Interval?.low ?? Infinity;
  const verdict = high <= SLO.p95Ms ? 'meets' : low > SLO.p95Ms ? 'misses' : 'undecided';
  return {
    trialIds: runs.map((run) => run.spec.id), p95Ms: median(p95s), p95AtLeast: false, p95Interval,
    rps: median(summaries.map((s) => s.rps)),
    rpsInterval: { low: Math.min(...rpsValues), high: Math.max(...rpsValues), level: 0.95, method: 'subwindows-min-max' },
    failureRatio: failures / requests, failureInterval: wilsonInterval(failures, requests),
    stable: summaries.every((s) => s.stability?.stable === true), verdict, pass: verdict === 'meets', binding: 'p95',
  };
}

/** Four probes over the run: start, after two stages, end; the host slowed a little towards the end. */
function calibration(start: number, spanS: number): HostCalibration {
  const points = ['start', 'after:sweep', 'after:workers', 'end'];
  const demands = [18.4, 18.1, 18.6, 19.2];
  const probes = points.map((point, i) => ({
    at: new Date(start + (i / (points.length - 1)) * spanS * 1000).toISOString(), point,
    requests: 200, durationS: 6.1, p50Ms: demands[i]! + 4.2, meanMs: demands[i]! + 4.8, demandMs: demands[i]!,
    loopMs: 412 + i * 6, speedIndex: 17.9 / demands[i]!,
  }));
  const sorted = [...demands].sort((a, b) => a - b);
  const mid = (sorted[1]! + sorted[2]!) / 2;
  return {
    cpuModel: 'Intel(R) Xeon(R) CPU @ 2.20GHz',
    reference: { demandMs: 17.9, host: 'the lab\'s reference laptop (i7-1165G7)' },
    probes,
    speedIndex: median(probes.map((p) => p.speedIndex)),
    drift: (sorted.at(-1)! - sorted[0]!) / mid,
    drifts: [{ stage: 'maxUsers', fromPoint: 'after:workers', toPoint: 'end', metric: 'loop', change: 0.12 }],
    idleCheck: { seconds: 5, steal: 0, busy: 0.03, outsideLab: 0.03 },
    idleVerdict: 'quiet',
    run: { seconds: spanS, steal: 0.004, busy: 0.61, outsideLab: 0.02 },
  };
}
