import type { ComposeCli } from '../docker/detect-compose.ts';
import type { HealthProbeTarget } from '../docker/wait-healthy.ts';
import type { RunStore } from '../results/run-store.ts';
import type { AppliedLimits } from '../results/types.ts';
import type { ApiSessions } from './api-session.ts';

export interface TrialProgress {
  trialId: string;
  phase: 'starting' | 'waiting-health' | 'load' | 'teardown';
  /** Seconds Locust has run, during `load`. */
  elapsedS: number;
  /** Locust's current users, requests/s and windowed p95, from its history file; `null` until written. */
  users?: number | null;
  rps?: number | null;
  p95Ms?: number | null;
  /** Seconds of steady window so far and whether its last sub-windows agree; absent until the window opens. */
  windowS?: number | null;
  stable?: boolean | null;
  runTimeS: number;
  apiCpuPercent: number | null;
  apiMemoryMb: number | null;
  locustCpuPercent: number | null;
}

/** A progress line as the trial's modules report it; the orchestrator adds the trial's id and run time. */
export type ReportProgress = (p: Omit<TrialProgress, 'trialId' | 'runTimeS'>) => void;

export interface TrialContext {
  store: RunStore;
  compose: ComposeCli;
  signal?: AbortSignal;
  onProgress?: (p: TrialProgress) => void;
  /**
   * When given, the trial loads the API held here if it is the same setup
   * (and starts one otherwise), and leaves it running for the next trial if
   * it survived. Without it, every trial starts and removes its own API.
   */
  session?: ApiSessions;
}

/**
 * The API a trial loads, filled in while it starts: teardown reads whatever
 * was known when a start failed or was aborted half way.
 */
export interface RunningApi {
  apiIds: string[];
  /** The container Locust and the health check talk to: the API, or nginx in front of replicas. */
  entryId: string | null;
  /** `host:port` where this host reaches the entry (see `TrialDeployment.entryAddress`). */
  entry: string | undefined;
  probe: HealthProbeTarget | null;
  applied: AppliedLimits | null;
  imageId: string | null;
  /** False once a warm-up request killed it. */
  alive: boolean;
}
