import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { compose, serviceContainers, type ComposeProject } from '../docker/compose-project.ts';
import { removeLabObjects } from '../docker/cleanup.ts';
import type { EventWatch } from '../docker/watch-events.ts';
import { readOutcome } from '../docker/container-outcome.ts';
import { API_SERVICE, LOCUST_SERVICE, LOCUST_WORKER_SERVICE } from '../compose/trial-compose.ts';
import type { TrialObservation } from '../analyze/classify-trial.ts';
import type { ContainerOutcome, TrialSpec } from '../results/types.ts';
import { apiKey, removeApi, type ApiSession } from './api-session.ts';
import type { RunningApi, TrialContext } from './trial-context.ts';
import { allRunning, apiName } from './trial-containers.ts';

/** Saves the API's and Locust's logs and reads the API containers' outcomes (the first one's inspect record is saved too). */
export async function saveRecords(project: ComposeProject, dir: string, events: EventWatch): Promise<ContainerOutcome[]> {
  await saveLogs(project, dir);
  return outcomes(project, events, dir);
}

/**
 * Removes the trial's containers, or only Locust's when the API survived and
 * a session holds it for the next trial of this setup.
 */
export async function removeTrial(
  spec: TrialSpec, ctx: TrialContext,
  t: { project: ComposeProject; owner: string; events: EventWatch; api: RunningApi; obs: TrialObservation },
): Promise<void> {
  const { project, api, events } = t;
  const runId = ctx.store.result.runId;
  const { entryId, port, probe } = api;
  const session: ApiSession | null = ctx.session && entryId && port && probe && t.obs.healthy && !ctx.signal?.aborted
    && !events.events.some((e) => e.service === API_SERVICE && (e.action === 'die' || e.action === 'oom'))
    && (await allRunning([...api.apiIds, entryId]))
    ? { key: apiKey(spec), ownerTrialId: t.owner, project, apiIds: api.apiIds, entryId, port, probe, applied: api.applied, imageId: api.imageId }
    : null;
  if (session) {
    // Only Locust goes; the API stays up for the next trial of this setup.
    await compose(project, ['rm', '-s', '-f', LOCUST_SERVICE, ...(spec.locustWorkers > 0 ? [LOCUST_WORKER_SERVICE] : [])], 120_000);
  } else {
    await removeApi(project, runId, t.owner);
  }
  // This trial's own Locust containers, when the API belonged to an earlier trial.
  if (t.owner !== spec.id) await removeLabObjects({ runId, trialId: spec.id });
  if (ctx.session) ctx.session.current = session;
}

async function saveLogs(project: ComposeProject, dir: string): Promise<void> {
  for (const service of [API_SERVICE, LOCUST_SERVICE]) {
    const out = await compose({ ...project, log: [] }, ['logs', '--no-color', service], 30_000);
    await writeFile(path.join(dir, `${service}.log`), out.stdout + out.stderr);
  }
}

async function outcomes(project: ComposeProject, events: EventWatch, dir: string): Promise<ContainerOutcome[]> {
  const list = await serviceContainers(project, API_SERVICE);
  const result: ContainerOutcome[] = [];
  for (const [i, c] of list.entries()) {
    const name = apiName(i, list.length);
    const { outcome, inspect } = await readOutcome(c.Id, name, events.events);
    if (inspect && i === 0) await writeFile(path.join(dir, 'api-inspect.json'), JSON.stringify(inspect, null, 2));
    result.push(outcome);
  }
  return result;
}
