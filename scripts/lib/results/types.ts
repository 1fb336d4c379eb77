/**
 * The result contract between measuring and rendering.
 *
 * Stages write it (`lab-result.json` at the run folder's root, one `trial.json`
 * per trial); the report reads nothing else besides the raw files it links.
 * Bump SCHEMA_VERSION on any change a reader could trip on.
 */

export const SCHEMA_VERSION = 3 as const;

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
  /** Things that make numbers less trustworthy, as data (the report words them in its language). */
  warnings: RunWarning[];
  /** Host speed and noise; `null` in migrated results or when calibration was skipped. */
  calibration: HostCalibration | null;
  /**
   * The locustfile the lab wrote from the target's request description when
   * the target gave none, relative to the run folder (e.g. `generated/locustfile.py`);
   * `null` or absent when the target's own locustfile ran.
   */
  generatedLocustfile?: string | null;
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
  /** Human label, in English, e.g. `baseline · uvicorn ×1 · 1 CPU · 1408 MiB · 100 users` (the CLI's; the report composes its own from the fields). */
  label: string;
  /** The setup in names that need no translation: image and server, e.g. `baseline · uvicorn ×1`; absent in older results. */
  setup?: string;
  /** Lab stage that planned this trial (`deploy`, `memory-floor`, ...; `trial` for a lone trial). */
  stage: string;
  /** API image reference, e.g. `locust-lab/api:baseline`. */
  image: string;
  /** Command the API container runs (argv); empty: the image's own CMD. */
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
   * Existing Docker networks the API joins besides the trial's own (like the
   * workshop's `proyecto-2_default`), declared `external` in the compose file:
   * joined, never created or removed. Locust stays on the trial's own network.
   * NOTE: older results have `network: string | null` instead (load-result.ts migrates it).
   */
  networks: string[];
  /** Port the API listens on inside its container; Locust, nginx and the health check use it (8000 for the demo). */
  port: number;
  /** How the lab knows the API is ready (older results: GET /health answering 200). */
  health: TrialHealth;
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
  /**
   * Stop Locust before the cap once the steady window is this many seconds long
   * and stable; `null` always runs to the cap (holds, probes, ramps).
   */
  stopWhenStableAfterS: number | null;
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

/** Ready: an HTTP answer with this status to GET `path`, or (`tcp`) the API's port accepting a connection. */
export type TrialHealth = { kind: 'http'; path: string; status: number } | { kind: 'tcp' };

/** A single request the lab sends before the load. */
export interface WarmupRequest {
  /** HTTP method; older results have none and sent `POST`. */
  method?: string;
  /** Path on the API, e.g. `/predict`. */
  path: string;
  /** JSON body; `null` or absent sends none. */
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

/**
 * One request as the lab's Locust hook recorded it.
 * NOTE: columns of `locust_requests*.csv`, written by `locust/locust_lab_hook.py`
 * and read by `locust/parse-requests.ts`.
 */
export interface RequestSample {
  /** Unix ms the request started. */
  startMs: number;
  /** Response time, ms; for a `censored` request, the age it had reached when Locust stopped it. */
  latencyMs: number;
  /** `ok`; `fail` (an exception or a failing status); `censored` (never finished). */
  status: 'ok' | 'fail' | 'censored';
  /** HTTP method. */
  method: string;
  /** Request name as Locust groups it. */
  name: string;
  /** The simulated user that sent it, unique within the trial. */
  user: string;
}

/**
 * Locust's phases as the lab's hook saw them, Unix ms.
 * NOTE: lines of `locust_phases.ndjson`, written by `locust/locust_lab_hook.py`.
 */
export interface LocustPhases {
  /** `test_start`. */
  testStartMs: number | null;
  /** Every `spawning_complete`, in order; a ramp has one per step. */
  spawned: { tMs: number; users: number }[];
  /** `test_stopping`: the run-time cap, or the lab's stop once the window was stable. */
  stoppingMs: number | null;
  /** `test_stop`: every user stopped (or was killed after the stop timeout). */
  stoppedMs: number | null;
  /** The lab asked Locust to stop early because the window was stable; `null` if it did not. */
  stopRequestedMs: number | null;
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
  /** Processes in the container (the engine's `top`, read every few seconds; the latest count); absent when not counted (Locust, nginx, older results). */
  processes?: number;
}

/**
 * Summary of a trial, computed from its raw files by `analyze/summarize-trial.ts`.
 * Latency, throughput, CPU and memory all cover the same steady `window`.
 */
export interface TrialSummary {
  /** Requests finished per second within the window. */
  rps: number;
  /** Median response time (ms), exact from the per-request samples. */
  p50Ms: number | null;
  /**
   * 95th percentile (ms), exact from the per-request samples. When censored requests
   * (never finished) reach into the top 5 %, this is the largest age seen and
   * `p95AtLeast` is true: the p95 is "more than" this value.
   */
  p95Ms: number | null;
  /** 99th percentile (ms), as `p95Ms`. */
  p99Ms: number | null;
  /** True when `p95Ms` is a lower bound because censored requests decide it. */
  p95AtLeast: boolean;
  /** Mean response time of the finished requests in the window, ms; `null` without any. */
  meanMs: number | null;
  /** Requests in the window: finished ones plus censored ones. */
  requests: number;
  /** Failed requests plus censored ones: a request that never finished counts against the SLO. */
  failures: number;
  /** failures / requests, 0 when there were no requests. */
  failureRatio: number;
  /** Requests still unfinished when Locust stopped (killed after its stop timeout). */
  censored: number;
  /** Oldest age a censored request reached, ms; `null` when none. */
  censoredMaxAgeMs: number | null;
  /** Peak API memory in MiB over the trial (all API containers summed per sample instant). */
  apiPeakMemoryMb: number | null;
  /** Mean API memory in MiB, within the window. */
  apiMeanMemoryMb: number | null;
  /** Peak API CPU in percent of one core, within the window, never above the limit (see flag `cpu-above-limit`). */
  apiPeakCpuPercent: number | null;
  /** Mean API CPU in percent of one core, within the window. */
  apiMeanCpuPercent: number | null;
  /** Peak Locust CPU in percent of one core; above 90 the generator, not the API, was measured. */
  locustPeakCpuPercent: number | null;
  /** Mean Locust CPU in percent of one core, within the window. */
  locustMeanCpuPercent: number | null;
  /** Number of stats samples kept. */
  statsSamples: number;
  /** What the numbers cover; `null` only in results migrated from schema 1. */
  window: MeasureWindow | null;
  /** Sub-window agreement within the window; `null` when the window is too short to split or was not sampled. */
  stability: Stability | null;
  /** Within-run 95 % intervals; `null` in migrated results. */
  intervals: TrialIntervals | null;
  /** Mean think time per user (a user's request end to its next start), s; `null` without samples. */
  thinkTimeS: number | null;
  /** API CPU time per finished request, ms (service demand D = U / X); `null` without CPU samples. */
  serviceDemandMs: number | null;
  /** Little's law N ≈ X · (R + Z) on this window; `null` when it cannot be checked. */
  littlesLaw: LittlesLaw | null;
}

/**
 * The span of a trial the summary covers, in seconds after Locust started.
 * It opens once all users were spawned plus a warm-up and closes when Locust
 * began to stop. NOTE: the report shows it for every trial (i18n `window.*`).
 */
export interface MeasureWindow {
  /** `request-samples`: exact, from the lab's Locust hook; `locust-stats`: Locust's `--reset-stats` summary (no hook). */
  basis: 'request-samples' | 'locust-stats';
  /** Window start, s after Locust started. */
  startS: number;
  /** Window end, s after Locust started. */
  endS: number;
  /** endS - startS. */
  durationS: number;
  /** Seconds skipped after spawning completed, before the window opened. */
  warmupS: number;
  /** Requests counted in it (finished plus censored). */
  requests: number;
}

/** Throughput and p95 per sub-window, and whether the last ones agree. */
export interface Stability {
  /** Length of each sub-window, s. */
  subWindowS: number;
  /** Full sub-windows in order. */
  subWindows: { startS: number; requests: number; rps: number; p95Ms: number | null }[];
  /** The last `STABLE_SUBWINDOWS` agree within `tolerance` on throughput and p95 (perf_analyzer's rule), or within sampling noise. */
  stable: boolean;
  /**
   * Which rule the agreement met: `tolerance` (spreads within 10 %), or
   * `sampling-noise` (a spread larger than 10 % but no larger than chance gives at
   * these request counts: Poisson counts, overlapping p95 order-statistic
   * intervals); `null` when not stable. Absent in results written before it existed.
   */
  within?: 'tolerance' | 'sampling-noise' | null;
  /** Relative tolerance used (0.1 = 10 %). */
  tolerance: number;
  /** (max - min) / mean of the last sub-windows' throughput; `null` with too few. */
  rpsSpread: number | null;
  /** (max - min) / mean of the last sub-windows' p95; `null` with too few. */
  p95Spread: number | null;
  /** Least-squares slope of the sub-window p95 over the window, relative to its mean, per 10 s; `null` with fewer than 3. */
  p95Trend: number | null;
}

/** How an interval was computed. NOTE: i18n keys `interval.*`. */
export type IntervalMethod = 'order-statistic' | 'wilson' | 'runs-min-max' | 'subwindows-min-max' | 'poisson';

/** A confidence interval with its method. */
export interface Interval {
  low: number;
  high: number;
  /** Nominal coverage, e.g. 0.95; for `runs-min-max` with n runs it is 1 - 2^(1-n). */
  level: number;
  method: IntervalMethod;
}

/** Within-run intervals of one trial. */
export interface TrialIntervals {
  /** Distribution-free interval of the p95 (order statistics of the samples); `null` with too few requests. */
  p95Ms: Interval | null;
  /** Wilson interval of the failure ratio. */
  failureRatio: Interval;
}

/** Little's law for a closed loop: users N against throughput X times (response time R + think time Z). */
export interface LittlesLaw {
  /** Users Locust held. */
  users: number;
  /** X · (R + Z). */
  predictedUsers: number;
  /** |predicted - users| / users. */
  deviation: number;
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
  /** Host CPU during the trial's load (steal, outside-lab use); `null` when not read (migrated results). */
  hostCpu: HostCpuUse | null;
  /**
   * The trial whose API this one loaded again, with no restart in between
   * (repeats, crowds and probes of one setup); `null` or absent when the
   * trial started its own API.
   */
  apiReusedFrom?: string | null;
  /** Signs of a model loaded lazily, read from the API's stats samples (`analyze/load-signals.ts`); absent in older results. */
  loadSignals?: LoadSignals;
}

/** Why a trial looks like a lazy load: more processes than its command runs, or memory stepping up after the first requests. NOTE: i18n keys in templates. */
export type LoadSignalId = 'extra-processes' | 'memory-step-up';

/** One trial's lazy-loading evidence, as numbers; `signals` says which of them crossed its limit. */
export interface LoadSignals {
  /** Most processes one API container ran at a reading; `null` when never counted. */
  processesMax: number | null;
  /** Processes the command runs: workers plus supervisors (`analyze/expected-processes.ts`); `null` for a command the rule does not know. */
  processesExpected: number | null;
  /** API memory at the last reading before the first request read as it turned healthy, before its first request, MiB; `null` when not read (a reused API). */
  memoryAtHealthMb: number | null;
  /** Highest API memory from the first request to the end of the load, MiB. */
  memoryAfterFirstMb: number | null;
  /** A rise above this counts as a step, MiB. */
  stepLimitMb: number | null;
  signals: LoadSignalId[];
}

/** `high`: it may invalidate the numbers it touches (a saturated generator, a failed trial, a stage with no verdict). */
export type WarningSeverity = 'high' | 'normal';

/**
 * One validity warning: a message id with its numbers, never a sentence.
 * NOTE: each `id` has an i18n message `warning.<id>` in templates/i18n/*.json.
 */
export type RunWarning =
  /** Trials of the measuring stages that carry one validity flag. */
  | { id: 'trial-flag'; severity: WarningSeverity; flag: TrialFlag; trialIds: string[] }
  /** A trial that did not pass where a pass was expected (search probes, the deploy step's OOM and the port conflict are findings, not warnings). */
  | { id: 'trial-failed'; severity: WarningSeverity; trialId: string; status: TrialStatus }
  /** A stage that reached no verdict; `message` is the lab's error, recorded as it was raised. */
  | { id: 'stage-error'; severity: WarningSeverity; stage: string; message: string }
  /** The host was busy before the run and the lab measured anyway (`--force` or the smoke profile). Shares of the host, 0..1. */
  | { id: 'host-forced'; severity: WarningSeverity; busy: number; steal: number }
  /** A calibration probe that failed; `error` as raised. */
  | { id: 'host-probe-missed'; severity: WarningSeverity; point: string; error: string }
  /** A stage measured across a change of host speed larger than the drift tolerance; `change` relative (+0.35 = 35 % slower). */
  | { id: 'host-drift'; severity: WarningSeverity; stage: string; metric: 'demand' | 'loop'; change: number; fromPoint: string; toPoint: string };

/** Validity flags on a trial. NOTE: each literal has an i18n message in templates/i18n/*.json. */
export type TrialFlag =
  | 'generator-saturated' | 'short-steady-window' | 'no-requests' | 'few-stats-samples'
  /** The last sub-windows disagreed by more than the tolerance. */
  | 'unstable'
  /** The p95 still rose or fell across the window. */
  | 'p95-trending'
  /** Little's law was off by more than 10 %: users were waiting somewhere the window does not see. */
  | 'littles-law'
  /** Some requests never finished (counted as failures, p95 may be a lower bound). */
  | 'censored-requests'
  /** A CPU sample read above the limit (sampling jitter); the peak is capped at the limit. */
  | 'cpu-above-limit'
  /** Processes outside the lab used more of the host's CPU than the noise limit during the trial. */
  | 'host-busy'
  /** No per-request samples: Locust's own rounded statistics were used. */
  | 'no-request-samples';

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
  /** Per-request samples of the lab's Locust hook (`locust_requests*.csv`, one file per Locust process). */
  requestsCsv: string[];
  /** Locust phases the hook saw (`locust_phases.ndjson`). */
  phases: string | null;
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
  /** The cell's runs, intervals and SLO verdict; `null` in migrated results. */
  point: PointMeasurement | null;
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

/** One side of the replicas comparison. */
export interface ReplicaRun {
  /** The run's trial. */
  trialId: string;
  /** Replicas (1 for a single API). */
  replicas: number;
  /** CPU limit of each replica, cores. */
  cpus: number;
  /** Requests/s. */
  rps: number | null;
  p95Ms: number | null;
  /** Within 5 % of the closed-loop ceiling N / Z: limited by the load, not the server; `null` without think time. */
  loadLimited: boolean | null;
  /** How the trial ended; anything but `passed` voids a comparison it is part of. */
  status: TrialStatus;
}

/** Balanced replicas against one replica, with the two values compared. */
export interface ReplicaComparison {
  /** `same-total-cpu`: one replica with all the replicas' CPUs; `per-replica-cpu`: one replica with one replica's CPUs (the pair has more CPU in total). */
  basis: 'same-total-cpu' | 'per-replica-cpu';
  /** The single-replica run compared against. */
  singleTrialId: string;
  /** Balanced vs single, percent (positive = more requests/s); `null` when void. */
  rpsGainPct: number | null;
  /** Balanced vs single, percent (negative = faster); `null` when void. */
  p95ChangePct: number | null;
  /** Set when a run of the comparison did not pass (a replica OOM-killed ...): the numbers are not compared. */
  voidedBy: { trialId: string; status: TrialStatus } | null;
}

/** Step 5: replicas on a fixed port fail; nginx in front fixes it. */
export interface ReplicasStage extends StageBase {
  /** `replicas: N` with a fixed host port. */
  conflict: { trialId: string; reproduced: boolean; engineError: string | null };
  /** One replica with one replica's CPU limit. */
  single: { trialId: string; rps: number | null; p95Ms: number | null } | null;
  /** N replicas behind nginx under the same load. */
  balanced: { trialId: string; replicas: number; rps: number | null; p95Ms: number | null } | null;
  /** Balanced vs one replica with the same total CPU, percent; `null` when void (in schema 1: against `single`). */
  rpsGainPct: number | null;
  /** As `rpsGainPct`, for p95. */
  p95ChangePct: number | null;
  /** Every run of the comparison; absent in migrated results. */
  runs?: ReplicaRun[];
  /** Balanced against one replica with the same total CPU, and against one with one replica's CPU. */
  comparisons?: ReplicaComparison[];
}

/** One server configuration of the worker comparison. */
export interface WorkerConfig {
  /** e.g. `baseline-uvicorn-w1-1cpu`. */
  configId: string;
  /** Human label for tables. */
  label: string;
  /** The image's short name (`baseline`, `optimized` for the demo; the last part of the reference otherwise). */
  variant: string;
  /** The server: the setup's first word or name, e.g. `uvicorn`, `gunicorn`, `node`. */
  server: string;
  /** The target setup this configuration runs (`TargetSetup.name`); absent in older results. */
  setup?: string;
  /** Image reference the API runs; absent in older results. */
  image?: string;
  /** The setup's command with `{workers}` and `{port}` filled in; absent in older results. */
  command?: string[];
  /** Worker processes. */
  workers: number;
  /** CPU limit. */
  cpus: number;
  /** Grown with the workers: each worker loads its own model. */
  memoryMb: number;
  /** Where `memoryMb` came from: the measured floor × processes with headroom, or the plan's base + per-worker values; absent in older results. */
  memorySource?: 'floor' | 'plan';
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
  /** What showed the lazy-loading race in this cell's runs (none: not seen); absent in older results. */
  raceSignals?: RaceSignalId[];
  /** The cell's runs, intervals and SLO verdict; `null` in migrated results. */
  point: PointMeasurement | null;
}

/** The workers stage's race evidence: more model loads logged than workers, a multi-worker API OOM-killed, or a trial's load signals. NOTE: i18n keys in templates. */
export type RaceSignalId = 'model-loads' | 'oom-killed' | LoadSignalId;

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
  /** Configs that pass everywhere and whose intervals overlap the best's at every crowd: a tie, reported as one. */
  tiedWithBest: string[];
  /** Configs where the lazy-loading race showed: a cell with any `raceSignals`. */
  raceSeenIn: string[];
}

/** One point of the latency-versus-users curve. */
export interface UsersCurvePoint {
  /** Crowd size. */
  users: number;
  p95Ms: number | null;
  /** Failures / requests; `null` without statistics. */
  failureRatio: number | null;
  /**
   * How the point was taken: a ramp step (a bracket only, never a verdict), a
   * bisection probe, or a long steady hold. NOTE: chart legend and i18n keys.
   */
  source: 'ramp' | 'bisect' | 'hold';
  /** Requests/s at this point; `null` without statistics (and in migrated results). */
  rps?: number | null;
  /** The runs, intervals and verdict of a probe or hold; absent for ramp steps. */
  point?: PointMeasurement | null;
  /** The trial the point comes from (a ramp's steps share one). */
  trialId?: string | null;
}

/** The closed-loop operational bound N* = (D + Z) / D, beyond which users must queue. */
export interface OperationalBound {
  /** Service demand D: API CPU time per request, ms. */
  demandMs: number;
  /** Mean think time Z, s. */
  thinkTimeS: number;
  /** N* = c·(D + Z) / D for a CPU limit of c cores, users. */
  users: number;
  /** Throughput ceiling c / D of the API's CPU limit c, req/s. */
  maxRps: number;
}

/** A Universal Scalability Law fit X(N) = λN / (1 + σ(N−1) + κN(N−1)), by `analyze/usl-fit.ts`. */
export interface UslFit {
  /** λ: throughput of one user without contention, req/s. */
  lambda: number;
  /** σ ≥ 0: contention (serialised share). */
  sigma: number;
  /** κ ≥ 0: coherency cost (crosstalk between users). */
  kappa: number;
  /** √(mean(((X̂ − X) / X)²)) over the points: 0.05 = the curve is 5 % off on average. */
  rmsRelativeResidual: number;
  /** N at which X(N) peaks, √((1 − σ) / κ); `null` when κ = 0 or σ ≥ 1 (no peak). */
  peakUsers: number | null;
  /** Points fitted. */
  points: number;
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
  /** Did the long steady hold at the answer pass? `null` if none was run. */
  confirmed: boolean | null;
  /** Every measurement, each once: ramp steps, bisection probes, holds. */
  curve: UsersCurvePoint[];
  /** Users at the knee of the latency curve, if it has one. */
  knee: number | null;
  /** The bisection closed its gap to `resolution` users; `null` when no bisection ran (migrated results too). */
  converged?: boolean | null;
  /** Target gap, users: the larger of 5 users and 5 % of the answer. */
  resolution?: number | null;
  /** Requests/s at the answer (its hold). */
  rpsAtAnswer?: number | null;
  /** N* from the hold's service demand and think time; `null` without CPU samples. */
  operationalBound?: OperationalBound | null;
  /** USL fit of throughput against users over the measured points; `null` with fewer than 3. */
  usl?: UslFit | null;
}

/**
 * One setup at one crowd, measured once or repeated: the unit every SLO verdict
 * and every ranking rests on. Repeats are adaptive: only a verdict whose
 * interval straddles a limit is measured again (3 runs, then up to 5).
 */
export interface PointMeasurement {
  /** The runs, in order (ids into LabResult.trials). */
  trialIds: string[];
  /** Median of the runs' exact p95, ms; `null` without any. */
  p95Ms: number | null;
  /** True when censored requests make the p95 only a lower bound. */
  p95AtLeast: boolean;
  /** Interval of the p95: within-run (order statistics widened to the last sub-windows) for one run; [min, max] of the runs' p95 for more. */
  p95Interval: Interval | null;
  /** Median of the runs' throughput, req/s. */
  rps: number | null;
  /** Throughput interval: Poisson counting noise of the window widened to its last sub-windows for one run; [min, max] of the runs' throughput for more. */
  rpsInterval: Interval | null;
  /** Pooled failures / requests over the runs (censored requests count as failures). */
  failureRatio: number | null;
  /** Wilson interval of the pooled failure ratio. */
  failureInterval: Interval | null;
  /** Every run's window was stable; `null` when a run's window was too short to judge. */
  stable: boolean | null;
  /** The SLO verdict on the intervals. NOTE: i18n keys `verdict.*`. */
  verdict: SloVerdict;
  /** Met the SLO: `verdict === 'meets'`. An undecided point does not pass. */
  pass: boolean;
  /** The limit that decided (or came closest): `p95`, `failures` or `status`. */
  binding: SloBinding | null;
}

/**
 * `meets`: the interval's upper bound is within every limit; `misses`: a run
 * failed, or an interval lies wholly past a limit; `undecided`: an interval
 * still straddles a limit after the most repeats; `not-judged`: no numbers.
 */
export type SloVerdict = 'meets' | 'misses' | 'undecided' | 'not-judged';

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

/**
 * A calibration probe (issue "Know the host"): a fixed reference workload on the
 * demo API at a fixed CPU limit with no queueing (one user, no think time), plus
 * a fixed compute loop in the same container. Repeated through the run to see drift.
 */
export interface CalibrationProbe {
  /** ISO time the probe started. */
  at: string;
  /** Where in the run: `start`, `after:<stage>`, or `end`. */
  point: string;
  /** Requests answered in the probe. */
  requests: number;
  /** Seconds of requests. */
  durationS: number;
  /** Median single-user latency, ms. */
  p50Ms: number;
  /** Mean single-user latency, ms. */
  meanMs: number;
  /** Service demand D0: API CPU-seconds per request, in ms (cgroup CPU time / requests). */
  demandMs: number;
  /** Wall time of the fixed compute loop, ms (lower is faster). */
  loopMs: number;
  /** Host speed index of this probe: reference D0 / measured D0 (1 = the reference host, 2 = twice as fast). */
  speedIndex: number;
}

/** The host's CPU as `/proc/stat` saw it over a span of time. */
export interface HostCpuUse {
  /** Seconds covered. */
  seconds: number;
  /** Share of all CPUs' time stolen by the hypervisor (0..1). */
  steal: number;
  /** Share of all CPUs' time busy (user, nice, system, irq, softirq). */
  busy: number;
  /** Busy share used by processes outside the lab's containers (0..1 of the whole host); `null` without container numbers. */
  outsideLab: number | null;
}

/** What the lab knows about the host's speed and noise in this run. */
export interface HostCalibration {
  /** CPU model from `/proc/cpuinfo`. */
  cpuModel: string;
  /** The reference D0 (ms) that speed index 1 stands for, and where it was measured. */
  reference: { demandMs: number; host: string };
  /** Every probe, in order. */
  probes: CalibrationProbe[];
  /** Points whose probe failed (the engine gone, the reference API not answering), with the error; absent in older results. */
  missed?: { point: string; error: string }[];
  /** Median speed index over the probes; `null` before the first probe. */
  speedIndex: number | null;
  /** (max - min) / median of the probes' D0; `null` with fewer than 2 probes. */
  drift: number | null;
  /** Stages measured across a drift of more than 10 % between two probes, and by how much. */
  drifts: { stage: string; fromPoint: string; toPoint: string; metric: 'demand' | 'loop'; change: number }[];
  /** Host CPU use before the run started (the busy-host check). */
  idleCheck: HostCpuUse | null;
  /** What the busy-host check decided: `quiet`, or busy and then `waited` (until quiet), `forced` (went on with a warning). */
  idleVerdict: 'quiet' | 'waited' | 'forced' | null;
  /** Host CPU use over the whole run. */
  run: HostCpuUse | null;
  /** The capacity answers as they would be on the reference host; absent in older results, `null` without a speed index. */
  onReference?: ReferenceAnswers | null;
}

/** A capacity answer measured here and scaled to the reference host (`host/speed-index.ts` `normalise`). */
export interface ReferenceAnswer {
  /** As measured on this host. */
  measured: number;
  /** The same answer on the reference host: users and req/s divided by the speed index, CPUs multiplied by it. */
  onReference: number;
}

/** The run's capacity answers in reference-host units; a field is `null` when its stage gave no answer. */
export interface ReferenceAnswers {
  /** The run's median speed index, the factor every answer was scaled by. */
  speedIndex: number;
  /** Max users within the SLO (max-users stage). */
  maxUsers: ReferenceAnswer | null;
  /** Throughput at that crowd, req/s. */
  rpsAtAnswer: ReferenceAnswer | null;
  /** The smallest CPU limit meeting the SLO in the sweep, cores. */
  minimumCpus: ReferenceAnswer | null;
  /** The best worker setup's throughput at the crowd of its gain, req/s. */
  bestRps: ReferenceAnswer | null;
}
