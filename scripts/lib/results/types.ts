/**
 * The result contract between measuring and rendering.
 *
 * Stages write it (`lab-result.json` at the run folder's root, one `trial.json`
 * per trial); the report reads nothing else besides the raw files it links.
 * Bump SCHEMA_VERSION on any change a reader could trip on.
 */

export const SCHEMA_VERSION = 1 as const;

/** One lab run: what was planned, where it ran, and every trial it made. */
export interface LabResult {
  /** Version of this contract; renderers refuse versions they do not know. */
  schemaVersion: typeof SCHEMA_VERSION;
  /** Folder name under `reports/`, e.g. `2026-11-28T01-22-14Z-quick`. */
  runId: string;
  /** ISO 8601 time the run started. */
  startedAt: string;
  /** ISO 8601 time of the last write; `null` while the first trial runs. */
  finishedAt: string | null;
  /** Profile name the plan came from (`smoke`, `quick`, `workshop`, `trial`). */
  profile: string;
  /** The host and tool versions the numbers were measured on. */
  host: HostInfo;
  /** Every command the lab ran against Docker, in order, for the report. */
  commands: CommandRecord[];
  /** Service level the stages judged against. */
  slo: SloSpec;
  /** The resolved plan (profile values after flags and plan file), as run. */
  plan: unknown;
  /** Trials in the order they started. */
  trials: TrialResult[];
  /** Each workshop step's verdict. */
  stages: StageResults;
  /** Things that make numbers less trustworthy (saturated generator, short run, failed trial). */
  warnings: string[];
}

/** Where the run happened. Filled by the preflight. */
export interface HostInfo {
  /** Logical CPUs the engine reports (`docker info` NCPU). */
  cpus: number;
  /** Memory the engine reports, in bytes. */
  memoryBytes: number;
  /** Engine version (`docker info` ServerVersion). */
  dockerVersion: string;
  /** Compose flavour and version, e.g. `docker-compose 1.29.2` or `docker compose 2.29.1`. */
  compose: string;
  /** Locust version inside the Locust image, e.g. `2.12.1`; `null` if not probed. */
  locustVersion: string | null;
  /** Node.js version running the lab. */
  node: string;
  /** OS / kernel string from the engine. */
  os: string;
  /** `cgroup` version of the engine (1 or 2); memory accounting differs. */
  cgroupVersion: 1 | 2;
}

/** One command the lab ran, as shown in the report. */
export interface CommandRecord {
  /** argv, secrets already redacted. */
  argv: string[];
  /** Trial the command belongs to, or `null` for run-level commands. */
  trialId: string | null;
  /** Exit code; `null` when it was killed by a timeout. */
  exitCode: number | null;
  /** Wall time in milliseconds. */
  durationMs: number;
}

/** What to run in one trial. Validated by `plan/trial-spec.ts` before anything starts. */
export interface TrialSpec {
  /** Unique within a run; also the trial's folder name. Lowercase `[a-z0-9-]`. */
  id: string;
  /** Human label for tables, e.g. `baseline · uvicorn w1 · 1 CPU`. */
  label: string;
  /** Lab stage that planned this trial (`deploy`, `memory-floor`, ...; `trial` for a lone trial). */
  stage: string;
  /** API image reference, e.g. `locust-lab/api:baseline`. */
  image: string;
  /** Command the API container runs (argv). */
  command: string[];
  /** Extra environment for the API container (names that look like secrets are redacted when shown). */
  env: Record<string, string>;
  /** API replicas (compose `--scale api=N`); each gets the limits below. */
  replicas: number;
  /** nginx in front of the replicas; Locust and the health check then go through it. */
  loadBalancer: boolean;
  /**
   * Fixed host port for the API, like the workshop's `8000:8000` (bound to
   * 127.0.0.1); `null` lets the engine choose. With replicas > 1 and no load
   * balancer a fixed port reproduces "port is already allocated".
   */
  hostPort: number | null;
  /**
   * An existing Docker network to join (like the workshop's `proyecto-2_default`),
   * declared `external` in the compose file; `null`: compose makes a labelled one.
   */
  network: string | null;
  /** CPU limit in cores (compose `deploy.resources.limits.cpus`). */
  cpus: number;
  /** Memory limit in MiB (compose `deploy.resources.limits.memory`); swap is disabled to match it. */
  memoryMb: number;
  /**
   * One request the lab sends after `/health` answers and before Locust starts,
   * like the workshop's first manual prediction: a lazily loaded model loads
   * once here instead of once per concurrent first request. `null` skips it.
   */
  warmup: WarmupRequest | null;
  /** Locust users (peak; the last step of a ramp). */
  users: number;
  /** Step ramp through Locust's LoadTestShape (users per step, seconds per step); `null` = constant crowd. */
  ramp: { steps: number[]; stepS: number } | null;
  /** Users started per second. */
  spawnRate: number;
  /** Locust `--run-time` cap in seconds. */
  runTimeS: number;
  /** Seconds to wait for `/health` before the trial is called `unhealthy`. */
  healthTimeoutS: number;
  /**
   * Locust worker processes (`--master` plus N `--worker` containers, Locust's
   * own way past one core); 0 runs Locust as one process.
   */
  locustWorkers: number;
  /** Locust image reference. */
  locustImage: string;
  /** Path (relative to the repo) of the locustfile mounted into the Locust container. */
  locustfile: string;
  /** Extra environment for Locust (e.g. `LOCUST_WAIT_MIN`). */
  locustEnv: Record<string, string>;
}

/** A single POST the lab sends before the load. */
export interface WarmupRequest {
  /** Path on the API, e.g. `/predict`. */
  path: string;
  /** JSON body. */
  body: unknown;
  /** Seconds to wait for the answer (a lazy model load can take a while). */
  timeoutS: number;
}

/** How a trial ended. NOTE: the report's status badges and i18n keys use these literals. */
export type TrialStatus =
  /** Locust ran to its cap and the API stayed up (failures may still be > 0). */
  | 'passed'
  /** The API was OOM-killed (OOMKilled true or exit 137 with an oom event). */
  | 'oom-killed'
  /** The API exited on its own (non-137 exit) or was killed by someone else. */
  | 'crashed'
  /** The API never answered `/health` within `healthTimeoutS`. */
  | 'unhealthy'
  /** Locust outlived its outer timeout and was killed. */
  | 'timeout'
  /** Locust itself failed (exit 2, crash, no CSV written). */
  | 'locust-error'
  /** The engine refused to start something (e.g. port already allocated). */
  | 'engine-error';

/** When, relative to the load, the API died. Only set for `oom-killed` and `crashed`. */
export type FailurePhase = 'startup' | 'first-request' | 'under-load' | 'after-load';

/** Limits as read back from the engine after start, not as asked for. */
export interface AppliedLimits {
  /** `HostConfig.NanoCpus / 1e9`; `null` when unlimited. */
  cpus: number | null;
  /** `HostConfig.Memory` in MiB; `null` when unlimited. */
  memoryMb: number | null;
  /** `HostConfig.MemorySwap` in MiB; equal to `memoryMb` means no swap; `null` when unlimited. */
  memorySwapMb: number | null;
}

/**
 * One row of Locust's `_stats.csv`, read by header name.
 * NOTE: field names map to CSV columns in `locust/parse-stats.ts`.
 */
export interface EndpointStats {
  /** `Type` column (HTTP method), empty for `Aggregated`. */
  method: string;
  /** `Name` column; `Aggregated` for the total row. */
  name: string;
  /** `Request Count`. */
  requests: number;
  /** `Failure Count`. */
  failures: number;
  /** `Median Response Time` in ms. */
  medianMs: number | null;
  /** `Average Response Time` in ms. */
  avgMs: number | null;
  /** `Min Response Time` in ms. */
  minMs: number | null;
  /** `Max Response Time` in ms. */
  maxMs: number | null;
  /** `Requests/s` over the whole stats window. */
  rps: number;
  /** `Failures/s`. */
  failuresPerS: number;
  /** Percentile columns keyed by their header (`50%`, `95%`, `99%`, ...); `null` for `N/A`. */
  percentiles: Record<string, number | null>;
}

/** One row of `_stats_history.csv` (Aggregated or one endpoint). */
export interface HistoryRow {
  /** Unix seconds. */
  timestamp: number;
  /** `User Count`. */
  users: number;
  /** `Name` column. */
  name: string;
  /** Current requests/s; `null` for `N/A`. */
  rps: number | null;
  /** Current failures/s; `null` for `N/A`. */
  failuresPerS: number | null;
  /** Percentiles keyed by header (`50%`, `95%`...); windowed (10 s) under `--csv-full-history`. */
  percentiles: Record<string, number | null>;
  /** `Total Request Count` (cumulative). */
  totalRequests: number;
  /** `Total Failure Count` (cumulative). */
  totalFailures: number;
  /** `Total Median Response Time`, ms; `null` for `N/A`. */
  totalMedianMs: number | null;
  /** `Total Average Response Time`, ms; `null` for `N/A`. */
  totalAvgMs: number | null;
}

/** One row of `_failures.csv` (4 columns before Locust 2.44, 6 after). */
export interface FailureRow {
  /** `Method` column (HTTP method). */
  method: string;
  /** `Name` column (endpoint). */
  name: string;
  /** Error text as Locust wrote it (may contain commas, quotes, newlines). */
  error: string;
  /** `Occurrences` column. */
  occurrences: number;
  /** `First Seen` (ISO), only in Locust >= 2.44. */
  firstSeen: string | null;
  /** `Last Seen` (ISO), only in Locust >= 2.44. */
  lastSeen: string | null;
}

/** One row of `_exceptions.csv`. */
export interface ExceptionRow {
  /** `Count` column. */
  count: number;
  /** `Message` column. */
  message: string;
  /** `Traceback` column (multi-line). */
  traceback: string;
  /** `Nodes` column (where it happened). */
  nodes: string;
}

/** One container stats sample, as written to `stats.ndjson` (one JSON object a line). */
export interface StatsSample {
  /** Unix milliseconds when the engine read the sample. */
  t: number;
  /** Which container: `api` (or `api-2` ...) or `locust`. */
  container: string;
  /** CPU in percent of one core (100 = one full core), `docker stats` formula. */
  cpuPercentOfCore: number;
  /** CPU in percent of the container's CPU limit; `null` when unlimited. */
  cpuPercentOfLimit: number | null;
  /** Memory in bytes as `docker stats` shows it (usage minus inactive file cache). */
  memoryBytes: number;
  /** Memory limit in bytes as the engine reports it. */
  memoryLimitBytes: number;
}

/** Summary of a trial, computed from its raw files by `analyze/summarize-trial.ts`. */
export interface TrialSummary {
  /** Aggregated requests per second over the steady window (after spawning; Locust `--reset-stats`). */
  rps: number;
  /** Median response time (ms) over the steady window. */
  p50Ms: number | null;
  /** 95th percentile (ms) over the steady window. */
  p95Ms: number | null;
  /** 99th percentile (ms) over the steady window. */
  p99Ms: number | null;
  /** Requests in the steady window. */
  requests: number;
  /** Failed requests in the steady window. */
  failures: number;
  /** failures / requests, 0 when there were no requests. */
  failureRatio: number;
  /** Peak API memory in MiB over the trial (all API containers summed per sample instant). */
  apiPeakMemoryMb: number | null;
  /** Mean API memory in MiB. */
  apiMeanMemoryMb: number | null;
  /** Peak API CPU in percent of one core. */
  apiPeakCpuPercent: number | null;
  /** Mean API CPU in percent of one core, over samples taken while Locust ran. */
  apiMeanCpuPercent: number | null;
  /** Peak Locust CPU in percent of one core; above 90 the generator, not the API, was measured. */
  locustPeakCpuPercent: number | null;
  /** Mean Locust CPU in percent of one core. */
  locustMeanCpuPercent: number | null;
  /** Number of stats samples kept. */
  statsSamples: number;
  /** What the summary numbers cover, e.g. `steady phase (stats reset after spawning)`. */
  window: string;
}

/** How the API container ended, from inspect and engine events. */
export interface ContainerOutcome {
  /** Compose service/container name. */
  name: string;
  /** `State.ExitCode`; `null` when still running at teardown. */
  exitCode: number | null;
  /** `State.OOMKilled`. */
  oomKilled: boolean;
  /** Engine events seen for this container (`oom`, `die`, `kill`, `start`, ...), with Unix ms. */
  events: { t: number; action: string }[];
  /** Last lines of the container log, for evidence in the report. */
  logTail: string[];
}

/** One finished trial (`trial.json`), also embedded in `lab-result.json`. */
export interface TrialResult {
  /** The spec the trial ran. */
  spec: TrialSpec;
  /** How it ended. */
  status: TrialStatus;
  /** Human-readable cause for anything but `passed`, e.g. `OOM-killed (exit 137) on the first request`. */
  cause: string | null;
  /** When the API died relative to the load; `null` if it did not. */
  failurePhase: FailurePhase | null;
  /** Engine error text for `engine-error` (e.g. `port is already allocated`). */
  engineError: string | null;
  /** Limits read back from the engine; `null` when the container never started. */
  appliedLimits: AppliedLimits | null;
  /** Image digest (`sha256:...` image ID) the API ran. */
  imageId: string | null;
  /** Locust's exit code (0 clean, 1 some request failed, 2 Locust error); `null` if it never ran. */
  locustExitCode: number | null;
  /** Summary numbers; `null` when Locust produced no stats. */
  summary: TrialSummary | null;
  /** Aggregated `_stats.csv` rows per endpoint, steady window. */
  endpoints: EndpointStats[];
  /** `_failures.csv` rows. */
  failures: FailureRow[];
  /** The API container(s) at the end. */
  containers: ContainerOutcome[];
  /** Time series for charts: Locust history joined with API stats, one point a second at most. */
  timeline: TimelinePoint[];
  /** Flags such as `generator-saturated` or `short-steady-window`. NOTE: i18n keys in templates. */
  flags: TrialFlag[];
  /** Timing of the trial's phases, milliseconds. */
  timing: TrialTiming;
  /** Files of this trial, relative to the run folder (for links in the report). */
  files: TrialFiles;
}

/** Validity flags on a trial. NOTE: each literal has an i18n message in templates/i18n/*.json. */
export type TrialFlag = 'generator-saturated' | 'short-steady-window' | 'no-requests' | 'few-stats-samples';

/** Where a trial's time went, in milliseconds. */
export interface TrialTiming {
  /** ISO start time. */
  startedAt: string;
  /**
   * ISO time Locust started (the zero of `TimelinePoint.s`); absent in results
   * written before it was recorded. NOTE: the report places container events
   * (oom, die) on the timeline with it; without it, it estimates
   * `startedAt + setupMs` and says so.
   */
  loadStartedAt?: string;
  /** compose up until the API answered `/health` (0 if never). */
  setupMs: number;
  /** Locust running. */
  loadMs: number;
  /** Stop, inspect, collect and compose down. */
  teardownMs: number;
  /** Whole trial wall time. */
  totalMs: number;
}

/** Raw files of a trial, relative to the run folder. `null` when not written. */
export interface TrialFiles {
  /** The compose file the trial ran. */
  compose: string;
  /** This trial's `trial.json`. */
  trialJson: string;
  /** Locust `_stats.csv`. */
  statsCsv: string | null;
  /** Locust `_stats_history.csv`. */
  historyCsv: string | null;
  /** Locust `_failures.csv`. */
  failuresCsv: string | null;
  /** Locust `_exceptions.csv`. */
  exceptionsCsv: string | null;
  /** Container stats samples, one JSON a line. */
  statsNdjson: string | null;
  /** `docker inspect` of the (first) API container at the end. */
  apiInspect: string | null;
  /** Locust container log. */
  locustLog: string | null;
  /** API container log. */
  apiLog: string | null;
}

/**
 * One instant of a trial, for the timeline chart. Built by `analyze/build-timeline.ts`
 * from `_stats_history.csv` (Aggregated rows) and `stats.ndjson`.
 */
export interface TimelinePoint {
  /** Seconds since Locust started. */
  s: number;
  /** Locust `User Count` at that instant; `null` between history rows. */
  users: number | null;
  /** Current requests/s (Locust); `null` for `N/A` or no history row. */
  rps: number | null;
  /** Windowed median (ms); `null` for `N/A`. */
  p50Ms: number | null;
  /** Windowed 95th percentile (ms); `null` for `N/A`. */
  p95Ms: number | null;
  /** API CPU, percent of its limit (or of one core when unlimited); `null` without a sample. */
  apiCpuPercent: number | null;
  /** API memory in MiB (`docker stats` formula); `null` without a sample. */
  apiMemoryMb: number | null;
}

/**
 * Verdicts of the workshop's stages, each built from its trials by the stage
 * that ran them. A stage that did not run is absent.
 * NOTE: the report's sections read these fields (report/view-model.ts, templates/partials/stage-*.hbs).
 */
export interface StageResults {
  /** Step 1. */
  publish?: PublishStage;
  /** Step 2. */
  deploy?: DeployStage;
  /** Step 3. */
  memoryFloor?: MemoryFloorStage;
  /** Step 4. */
  sweep?: SweepStage;
  /** Step 5. */
  replicas?: ReplicasStage;
  /** Step 6. */
  workers?: WorkersStage;
  /** Step 7. */
  maxUsers?: MaxUsersStage;
}

/** What every stage records about itself. */
export interface StageBase {
  /** Trials this stage ran, in order (ids into LabResult.trials). */
  trialIds: string[];
  /** Wall time of the stage, ms. */
  durationMs: number;
  /** Time Locust was running during the stage, ms. */
  loadMs: number;
  /** Set when the stage could not reach a verdict (the text says why); its trials are still kept. */
  error: string | null;
}

/** Step 1: the image pushed to a registry and verified through the registry's HTTP API. */
export interface PublishStage extends StageBase {
  /** Registry host, e.g. `127.0.0.1:5000` (the lab's own) or `docker.io`. */
  registry: string;
  /** Images pushed, one per demo variant. */
  images: PublishedImage[];
}

export interface PublishedImage {
  /** Local image pushed, e.g. `locust-lab/api:baseline`. */
  source: string;
  /** Full remote reference, e.g. `127.0.0.1:5000/locust-lab/api:baseline`. */
  reference: string;
  /** Local image ID (`sha256:...`). */
  imageId: string;
  /** Manifest digest the registry reports (`sha256:...`); `null` if it could not be read. */
  digest: string | null;
  /** Checks made against the registry's HTTP API. */
  verified: { catalog: boolean; tag: boolean; digestMatches: boolean };
  /** Push wall time, ms. */
  pushMs: number;
}

/** Step 2: the workshop's first compose (0.5 CPU, 500 MB) with the lazily loading API. */
export interface DeployStage extends StageBase {
  /** The trial that replayed the compose. */
  trialId: string;
  /** True when the API started, answered /health, then was OOM-killed on its first prediction, as in the workshop. */
  reproduced: boolean;
  /** Its status. */
  status: TrialStatus;
  /** When the API died, if it did. */
  failurePhase: FailurePhase | null;
  /** The API's exit code (137 = SIGKILL, the OOM killer's signal). */
  exitCode: number | null;
  /** Inspect's `State.OOMKilled`. */
  oomKilled: boolean;
  /** CPU limit used (the workshop's 0.5). */
  cpus: number;
  /** Memory limit used, MiB (the workshop's 500 MB). */
  memoryMb: number;
}

/** Outcome class of one memory probe. NOTE: i18n keys `probe.*` in templates. */
export type ProbeClassName = 'never-healthy' | 'oom-at-start' | 'oom-at-first-request' | 'oom-under-load' | 'crashed' | 'healthy' | 'inconclusive';

/** One probe of a memory search. */
export interface MemoryProbeRecord {
  /** Limit probed, MiB. */
  memoryMb: number;
  /** The search's predicate held at this limit. */
  pass: boolean;
  /** What happened to the API. */
  class: ProbeClassName;
  /** The probe's trial. */
  trialId: string | null;
  /** 1-based order in which the search ran it. */
  order: number;
}

/** One bisection over memory limits. */
export interface MemorySearchRecord {
  /** What a probe had to do to pass. */
  predicate: 'serves-one-request' | 'survives-load';
  /** Smallest passing limit probed, MiB; `null` if none passed. */
  floorMb: number | null;
  /** Largest failing limit probed below the floor, MiB. */
  lastFailingMb: number | null;
  /** Probes inside the range are multiples of this, MiB. */
  resolutionMb: number;
  /** Every probe, in the order run. */
  probes: MemoryProbeRecord[];
  /** How the search ended. */
  verdict: MemorySearchVerdict;
  /** Wall time of this search, ms. */
  durationMs: number;
}

/** Step 3: the smallest memory limit, found by bisection instead of 100 MB steps. */
export interface MemoryFloorStage extends StageBase {
  /** Starts and serves one request. */
  serve: MemorySearchRecord;
  /** Stays up under a short load. */
  load: MemorySearchRecord;
  /** Recommended limit: the under-load floor plus headroom, rounded up. */
  recommendedMb: number | null;
  /** Headroom used for the recommendation (0.15 = 15 %). */
  headroom: number;
  /** Probes a linear walk from `startMb` in `stepMb` steps (the workshop's method) would have needed to reach the under-load floor. */
  linearWalk: { startMb: number; stepMb: number; probes: number; reachedMb: number } | null;
  /** Probes the same walk would need at the bisection's resolution, for a like-for-like comparison. */
  linearWalkAtResolution: { startMb: number; stepMb: number; probes: number; reachedMb: number } | null;
  /** Users and seconds of the under-load probes. */
  loadUsers: number;
  /** Seconds of each under-load probe. */
  loadRunTimeS: number;
}

/** One cell of a resource sweep. */
export interface SweepCell {
  /** The cell's trial. */
  trialId: string;
  /** CPU limit. */
  cpus: number;
  /** Memory limit, MiB. */
  memoryMb: number;
  /** Met the SLO. */
  pass: boolean;
  /** Which SLO limit decided (`p95`, `failures`, `status`). */
  binding: SloBinding | null;
  /** Requests/s (steady phase). */
  rps: number | null;
  p95Ms: number | null;
  /** Failures / requests. */
  failureRatio: number | null;
}

/** Step 4: the smallest CPU and memory limits that serve the target crowd within the SLO. */
export interface SweepStage extends StageBase {
  /** The target crowd. */
  users: number;
  /** Locust cap of each cell, s. */
  runTimeS: number;
  /** Every cell of the grid. */
  cells: SweepCell[];
  /** The smallest passing cell (fewest CPUs, then least memory); `null` if none passed. */
  minimum: { cpus: number; memoryMb: number; trialId: string } | null;
}

/** Step 5: replicas on a fixed port fail; nginx in front fixes it. */
export interface ReplicasStage extends StageBase {
  /** `replicas: N` with a fixed host port. */
  conflict: { trialId: string; reproduced: boolean; engineError: string | null };
  /** One replica, then N behind nginx, under the same load. */
  single: { trialId: string; rps: number | null; p95Ms: number | null } | null;
  /** N replicas behind nginx under the same load. */
  balanced: { trialId: string; replicas: number; rps: number | null; p95Ms: number | null } | null;
  /** Balanced vs single, percent (positive = more requests/s). */
  rpsGainPct: number | null;
  /** Balanced vs single, percent (negative = faster). */
  p95ChangePct: number | null;
}

/** One server configuration of the worker comparison. */
export interface WorkerConfig {
  /** e.g. `baseline-uvicorn-w1-1cpu`. */
  configId: string;
  /** Human label for tables. */
  label: string;
  /** `baseline` or `optimized`. */
  variant: string;
  /** `uvicorn` or `gunicorn`. */
  server: string;
  /** Worker processes. */
  workers: number;
  /** CPU limit. */
  cpus: number;
  /** Grown with the workers: each worker loads its own model. */
  memoryMb: number;
}

/** One configuration at one crowd size. */
export interface WorkerCell {
  /** Which configuration. */
  configId: string;
  /** Crowd size. */
  users: number;
  /** The cell's trial. */
  trialId: string;
  /** Met the SLO. */
  pass: boolean;
  /** Which SLO limit decided. */
  binding: SloBinding | null;
  /** Requests/s (steady phase). */
  rps: number | null;
  p95Ms: number | null;
  /** Failures / requests. */
  failureRatio: number | null;
  /** Times the model was loaded (from the API log); more than `workers` shows the lazy-loading race. */
  modelLoads: number | null;
}

/** Step 6: uvicorn ×1 / ×2, gunicorn, lazy vs startup loading, across CPU limits and crowds. */
export interface WorkersStage extends StageBase {
  /** Every configuration of the matrix. */
  configs: WorkerConfig[];
  /** Crowd sizes measured. */
  crowds: number[];
  /** Every configuration at every crowd size. */
  cells: WorkerCell[];
  /** Config ids, best first: passing everywhere first, then mean RPS, then p95. */
  ranking: string[];
  /** First in the ranking if it passes everywhere; else `null`. */
  bestConfigId: string | null;
  /** The workshop's original setup (baseline, uvicorn ×1, 1 CPU), if it was in the matrix. */
  referenceConfigId: string | null;
  /** Best vs reference at the largest crowd: percent more requests/s and percent change of p95. */
  bestGain: { users: number; rpsGainPct: number | null; p95ChangePct: number | null } | null;
  /** Configs no other config beats on RPS, p95 and resources at once. */
  paretoFront: string[];
  /** Configs where the lazy-loading race showed: more model loads logged than workers, or a multi-worker API OOM-killed although its memory was sized for one model per worker. */
  raceSeenIn: string[];
}

/** One point of the latency-versus-users curve. */
export interface UsersCurvePoint {
  /** Crowd size. */
  users: number;
  p95Ms: number | null;
  /** Failures / requests; `null` without statistics. */
  failureRatio: number | null;
  /** Where the point was measured: a ramp step, a bisection probe or the final hold. */
  source: 'ramp' | 'bisect' | 'hold';
}

/** Step 7: the largest crowd that still meets the SLO. */
export interface MaxUsersStage extends StageBase {
  /** Configuration measured (from the worker comparison when it ran). */
  configLabel: string;
  /** Largest crowd that met the SLO. */
  lastPassingUsers: number | null;
  /** Smallest crowd that missed it. */
  firstFailingUsers: number | null;
  /** SLO limit that bound the answer: `p95`, `failures` or `status`. */
  binding: SloBinding | null;
  /** Did a steady hold at the answer pass? `null` if none was run. */
  confirmed: boolean | null;
  /** Every measurement: ramp steps, bisection probes, the hold. */
  curve: UsersCurvePoint[];
  /** Users at the knee of the latency curve, if it has one. */
  knee: number | null;
}

/**
 * Which SLO limit decided a check. `status` means the trial itself did not
 * pass (killed, unhealthy, no stats). NOTE: i18n keys `binding.*` in templates.
 */
export type SloBinding = 'p95' | 'failures' | 'status';

/** How a memory bisection ended. NOTE: i18n keys `memoryVerdict.*` in templates. */
export type MemorySearchVerdict = 'found' | 'found-flaky' | 'low-passes' | 'no-pass-within-range' | 'budget-exhausted';

/** Service level the searches judge against. */
export interface SloSpec {
  /** 95th percentile limit, ms. */
  p95Ms: number;
  /** Largest acceptable failures / requests. */
  maxFailureRatio: number;
}
