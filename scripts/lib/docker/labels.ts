/**
 * Labels on everything the lab creates, so it can find and remove its own
 * containers and networks, and never touch anyone else's.
 */
export const LABEL_MANAGED = 'io.locust-lab.managed';
export const LABEL_RUN = 'io.locust-lab.run';
export const LABEL_TRIAL = 'io.locust-lab.trial';
/** The lab process that created the object: a dead owner means a leftover of a killed run. */
export const LABEL_OWNER_PID = 'io.locust-lab.pid';

export function labLabels(runId: string, trialId?: string): Record<string, string> {
  const labels: Record<string, string> = { [LABEL_MANAGED]: 'true', [LABEL_RUN]: runId, [LABEL_OWNER_PID]: String(process.pid) };
  if (trialId) labels[LABEL_TRIAL] = trialId;
  return labels;
}

/** Docker API `filters` value selecting lab objects, optionally of one run or trial. */
export function labFilter(scope: { runId?: string; trialId?: string } = {}): { label: string[] } {
  const label = [`${LABEL_MANAGED}=true`];
  if (scope.runId) label.push(`${LABEL_RUN}=${scope.runId}`);
  if (scope.trialId) label.push(`${LABEL_TRIAL}=${scope.trialId}`);
  return { label };
}
