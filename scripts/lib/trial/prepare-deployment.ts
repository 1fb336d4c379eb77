import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { projectName } from '../docker/compose-project.ts';
import { secretEnv, trialCompose, type ComposeContext } from '../compose/trial-compose.ts';
import { trialStack } from '../compose/trial-stack.ts';
import type { TrialSpec } from '../results/types.ts';
import type { TrialContext } from './trial-context.ts';
import type { TrialDeployment } from './deployment.ts';
import { composeDeployment } from './compose-deployment.ts';
import { swarmDeployment } from './swarm-deployment.ts';

/** The file every trial keeps as the record of what ran (a stack file on swarm). */
export const COMPOSE_FILE = 'compose.yaml';
/** A swarm stack's first deploy: the API alone (see `trialStack`). */
const STACK_START_FILE = 'stack-start.yaml';

/**
 * Writes the trial's compose (or stack) file into its folder and returns the
 * deployment that runs it on the spec's engine.
 */
export async function prepareDeployment(spec: TrialSpec, ctx: TrialContext, dir: string, files: Omit<ComposeContext, 'runId'> & { apiOwnerTrialId: string }): Promise<TrialDeployment> {
  const runId = ctx.store.result.runId;
  const owner = files.apiOwnerTrialId;
  const fileCtx: ComposeContext = { runId, ...files };
  const file = path.join(dir, COMPOSE_FILE);
  const common = { file, name: projectName(runId, owner), log: ctx.store.commands, trialId: spec.id, env: secretEnv(spec.env) };
  if (spec.engine === 'swarm') {
    const start = path.join(dir, STACK_START_FILE);
    await writeFile(file, trialStack(spec, fileCtx));
    await writeFile(start, trialStack(spec, fileCtx, true));
    return swarmDeployment(common, start, runId, owner);
  }
  await writeFile(file, trialCompose(spec, fileCtx));
  return composeDeployment({ ...common, cli: ctx.compose }, runId, owner);
}
