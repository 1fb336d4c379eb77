import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { removeLabObjects } from '../docker/cleanup.ts';
import type { EventWatch } from '../docker/watch-events.ts';
import { readOutcome } from '../docker/container-outcome.ts';
import { API_SERVICE, LOCUST_SERVICE } from '../compose/trial-compose.ts';
import type { TrialObservation } from '../analyze/classify-trial.ts';
import type { ContainerOutcome, TrialSpec } from '../results/types.ts';
import { apiKey, type ApiSession } from './api-session.ts';
import type { TrialDeployment } from './deployment.ts';
import type { RunningApi, TrialContext } from './trial-context.ts';
import { allRunning, apiName } from './trial-containers.ts';

/** Saves the API's and Locust's logs and reads the API containers' outcomes (the first one's inspect record is saved too). */
export async function saveRecords(deployment: TrialDeployment, dir: string, events: EventWatch): Promise<ContainerOutcome[]> {
  await saveLogs(deployment, dir);
  return outcomes(deployment, events, dir);
}

/**
 * Removes the trial's containers, or only Locust's when the API survived and
 * a session holds it for the next trial of this setup.
 */
export async function removeTrial(
  spec: TrialSpec, ctx: TrialContext,
  t: { deployment: TrialDeployment; owner: string; events: EventWatch; api: RunningApi; obs: TrialObservation },
): Promise<void> {
  const { deployment, api, events } = t;
  const runId = ctx.store.result.runId;
  const { entryId, entry, probe } = api;
  const session: ApiSession | null = ctx.session && deployment.canHoldApi && entryId && entry && probe && t.obs.healthy && !ctx.signal?.aborted
    && !events.events.some((e) => e.service === API_SERVICE && (e.action === 'die' || e.action === 'oom'))
    && (await allRunning([...api.apiIds, entryId]))
    ? { key: apiKey(spec), ownerTrialId: t.owner, deployment, apiIds: api.apiIds, entryId, entry, probe, applied: api.applied, imageId: api.imageId }
    : null;
  if (session) {
    // Only Locust goes; the API stays up for the next trial of this setup.
    await deployment.removeLocust(spec);
  } else {
    await deployment.remove();
  }
  // This trial's own Locust containers, when the API belonged to an earlier trial.
  if (t.owner !== spec.id) await removeLabObjects({ runId, trialId: spec.id });
  if (ctx.session) ctx.session.current = session;
}

async function saveLogs(deployment: TrialDeployment, dir: string): Promise<void> {
  for (const service of [API_SERVICE, LOCUST_SERVICE]) {
    await writeFile(path.join(dir, `${service}.log`), await deployment.logs(service));
  }
}

async function outcomes(deployment: TrialDeployment, events: EventWatch, dir: string): Promise<ContainerOutcome[]> {
  const list = await deployment.containers(API_SERVICE);
  const result: ContainerOutcome[] = [];
  for (const [i, c] of list.entries()) {
    const name = apiName(i, list.length);
    const { outcome, inspect } = await readOutcome(c.Id, name, events.events);
    if (inspect && i === 0) await writeFile(path.join(dir, 'api-inspect.json'), JSON.stringify(inspect, null, 2));
    result.push(outcome);
  }
  return result;
}
