import type { FailurePhase, TrialStatus } from '../results/types.ts';

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
  cause: string | null;
  failurePhase: FailurePhase | null;
}

/** Turns observations into a status and a cause a person can read. Pure. */
export function classifyTrial(o: TrialObservation): Verdict {
  if (o.engineError) return { status: 'engine-error', cause: `The engine refused to start the API: ${o.engineError}`, failurePhase: null };
  if (o.apiDiedAt !== null || o.apiOomKilled) {
    const phase = failurePhase(o);
    const when = PHASE_TEXT[phase];
    if (o.apiOomKilled && o.apiSurvived) {
      return { status: 'oom-killed', cause: `The OOM killer killed a process of the API ${when}; the container kept running with the processes left`, failurePhase: phase };
    }
    if (o.apiKilledBySignal !== null && !o.apiOomKilled) {
      return { status: 'crashed', cause: `The API was killed from outside (signal ${o.apiKilledBySignal}, e.g. docker kill) ${when}; exit ${o.apiExitCode ?? 'unknown'}`, failurePhase: phase };
    }
    if (o.apiOomKilled || o.apiExitCode === 137) {
      const evidence = o.apiOomKilled ? `exit ${o.apiExitCode ?? 137}, OOMKilled` : 'exit 137 (SIGKILL), OOMKilled not reported';
      return { status: 'oom-killed', cause: `OOM-killed (${evidence}) ${when}`, failurePhase: phase };
    }
    return { status: 'crashed', cause: `The API exited with code ${o.apiExitCode ?? 'unknown'} ${when}`, failurePhase: phase };
  }
  if (!o.healthy) return { status: 'unhealthy', cause: `/health did not answer within ${o.healthTimeoutS} s`, failurePhase: null };
  if (o.locustTimedOut) return { status: 'timeout', cause: `Locust did not stop by itself after its ${o.runTimeS} s cap and was killed`, failurePhase: null };
  if (o.locustExitCode === 2 || o.locustExitCode === null || !o.locustWroteStats) {
    const why = o.locustError ? `: ${o.locustError}` : '';
    return { status: 'locust-error', cause: `Locust failed (exit ${o.locustExitCode ?? 'none'})${o.locustWroteStats ? '' : ' and wrote no statistics'}${why}`, failurePhase: null };
  }
  if (o.onlyConnectionFailures && o.successfulRequests === 0) {
    return { status: 'locust-error', cause: `Locust could not reach its target${o.locustError ? `: ${o.locustError}` : ''}`, failurePhase: null };
  }
  return { status: 'passed', cause: null, failurePhase: null };
}

const PHASE_TEXT: Record<FailurePhase, string> = {
  startup: 'while starting, before any load',
  'first-request': 'on the first request',
  'under-load': 'under load',
  'after-load': 'after the load ended',
};

function failurePhase(o: TrialObservation): FailurePhase {
  const died = o.apiDiedAt ?? Number.POSITIVE_INFINITY;
  if (!o.healthy) return 'startup';
  // The warm-up is the first request; dying after it and before the load means it killed the API.
  if (o.warmupAt !== null && died >= o.warmupAt && (o.loadStartedAt === null || died < o.loadStartedAt)) return 'first-request';
  if (o.loadStartedAt === null || died < o.loadStartedAt) return 'startup';
  if (o.loadEndedAt !== null && died > o.loadEndedAt) return 'after-load';
  return o.successfulRequests === 0 ? 'first-request' : 'under-load';
}
