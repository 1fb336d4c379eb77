import type { FailurePhase, TrialCause, TrialStatus } from '../results/types.ts';

/** What the runner observed; everything needed to judge the trial, nothing more. */
export interface TrialObservation {
  /** The engine refused to start the API (compose up failed); its message. */
  engineError: string | null;
  /** `/health` answered before the bound. */
  healthy: boolean;
  /** Unix ms when the warm-up request was sent; `null` if none was. */
  warmupAt: number | null;
  /** Unix ms when Locust started; `null` if it never did. */
  loadStartedAt: number | null;
  /** Unix ms when Locust ended. */
  loadEndedAt: number | null;
  /** Unix ms when the API died (first `die` event), `null` if it stayed up. */
  apiDiedAt: number | null;
  apiExitCode: number | null;
  /** Inspect's OOMKilled, or an `oom` event was seen. */
  apiOomKilled: boolean;
  /** Someone sent the API a signal (`docker kill`, a `kill` engine event) before it died. */
  apiKilledBySignal: number | null;
  /** The container was still running at the end although the OOM killer struck (it killed a worker, not the server). */
  apiSurvived: boolean;
  /** Locust exit code; `null` if it never ran or was killed by our timeout. */
  locustExitCode: number | null;
  locustTimedOut: boolean;
  /** Locust wrote its stats CSV. */
  locustWroteStats: boolean;
  /** Locust's own words when it failed: the last error line of its log. */
  locustError: string | null;
  /** Every recorded failure was a connection error (Locust could not reach its target at all). */
  onlyConnectionFailures: boolean;
  /** Requests Locust counted as successful over the whole run (before any reset). */
  successfulRequests: number;
  runTimeS: number;
  healthTimeoutS: number;
}

export interface Verdict {
  status: TrialStatus;
  cause: TrialCause | null;
  failurePhase: FailurePhase | null;
}

/**
 * Turns observations into a status and a cause as a message id with its
 * values (the console and the report word it). Outside text (the engine's
 * refusal, Locust's last error line) rides along as `detail`, as evidence. Pure.
 */
export function classifyTrial(o: TrialObservation): Verdict {
  if (o.engineError) return { status: 'engine-error', cause: { id: 'engine-refused', values: { detail: o.engineError } }, failurePhase: null };
  if (o.apiDiedAt !== null || o.apiOomKilled) {
    const phase = failurePhase(o);
    const died = (status: TrialStatus, cause: TrialCause): Verdict => ({ status, cause, failurePhase: phase });
    if (o.apiOomKilled && o.apiSurvived) return died('oom-killed', { id: 'oom-killed-process', values: { phase } });
    if (o.apiKilledBySignal !== null && !o.apiOomKilled) {
      return died('crashed', { id: 'killed-by-signal', values: { signal: o.apiKilledBySignal, exit: o.apiExitCode, phase } });
    }
    if (o.apiOomKilled) return died('oom-killed', { id: 'oom-killed', values: { exit: o.apiExitCode ?? 137, phase } });
    // Exit 137 is SIGKILL: the OOM killer's signal, though the engine did not report it as such.
    if (o.apiExitCode === 137) return died('oom-killed', { id: 'oom-suspected', values: { exit: 137, phase } });
    return died('crashed', { id: 'exited', values: { exit: o.apiExitCode, phase } });
  }
  if (!o.healthy) return { status: 'unhealthy', cause: { id: 'never-healthy', values: { timeoutS: o.healthTimeoutS } }, failurePhase: null };
  if (o.locustTimedOut) return { status: 'timeout', cause: { id: 'locust-timeout', values: { runTimeS: o.runTimeS } }, failurePhase: null };
  if (o.locustExitCode === 2 || o.locustExitCode === null || !o.locustWroteStats) {
    const values = { exit: o.locustExitCode, detail: o.locustError };
    return { status: 'locust-error', cause: o.locustWroteStats ? { id: 'locust-failed', values } : { id: 'locust-no-stats', values }, failurePhase: null };
  }
  if (o.onlyConnectionFailures && o.successfulRequests === 0) {
    return { status: 'locust-error', cause: { id: 'locust-unreachable', values: { detail: o.locustError } }, failurePhase: null };
  }
  return { status: 'passed', cause: null, failurePhase: null };
}

function failurePhase(o: TrialObservation): FailurePhase {
  const died = o.apiDiedAt ?? Number.POSITIVE_INFINITY;
  if (!o.healthy) return 'startup';
  // The warm-up is the first request; dying after it and before the load means it killed the API.
  if (o.warmupAt !== null && died >= o.warmupAt && (o.loadStartedAt === null || died < o.loadStartedAt)) return 'first-request';
  if (o.loadStartedAt === null || died < o.loadStartedAt) return 'startup';
  if (o.loadEndedAt !== null && died > o.loadEndedAt) return 'after-load';
  return o.successfulRequests === 0 ? 'first-request' : 'under-load';
}
