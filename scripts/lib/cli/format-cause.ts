import type { FailurePhase, TrialCause } from '../results/types.ts';

/**
 * A trial's cause in the console's words (English, like every progress line);
 * the report words the same ids through its message catalogues. Outside text
 * (`detail`) is appended as recorded. `''` for a passed trial.
 */
export function formatCause(cause: TrialCause | null): string {
  if (cause === null) return '';
  const exit = (code: number | null) => (code === null ? 'unknown' : String(code));
  const detail = (text: string | null) => (text ? `: ${text}` : '');
  switch (cause.id) {
    case 'engine-refused':
      return `The engine refused to start the API${detail(cause.values.detail)}`;
    case 'oom-killed-process':
      return `The OOM killer killed a process of the API ${PHASE_TEXT[cause.values.phase]}; the container kept running with the processes left`;
    case 'killed-by-signal':
      return `The API was killed from outside (signal ${cause.values.signal}, e.g. docker kill) ${PHASE_TEXT[cause.values.phase]}; exit ${exit(cause.values.exit)}`;
    case 'oom-killed':
      return `OOM-killed (exit ${cause.values.exit}, OOMKilled) ${PHASE_TEXT[cause.values.phase]}`;
    case 'oom-suspected':
      return `OOM-killed (exit ${cause.values.exit} (SIGKILL), OOMKilled not reported) ${PHASE_TEXT[cause.values.phase]}`;
    case 'exited':
      return `The API exited with code ${exit(cause.values.exit)} ${PHASE_TEXT[cause.values.phase]}`;
    case 'never-healthy':
      return `/health did not answer within ${cause.values.timeoutS} s`;
    case 'locust-timeout':
      return `Locust did not stop by itself after its ${cause.values.runTimeS} s cap and was killed`;
    case 'locust-failed':
      return `Locust failed (exit ${cause.values.exit ?? 'none'})${detail(cause.values.detail)}`;
    case 'locust-no-stats':
      return `Locust failed (exit ${cause.values.exit ?? 'none'}) and wrote no statistics${detail(cause.values.detail)}`;
    case 'locust-unreachable':
      return `Locust could not reach its target${detail(cause.values.detail)}`;
    case 'unknown':
      return cause.values.detail;
  }
}

const PHASE_TEXT: Record<FailurePhase, string> = {
  startup: 'while starting, before any load',
  'first-request': 'on the first request',
  'under-load': 'under load',
  'after-load': 'after the load ended',
};
