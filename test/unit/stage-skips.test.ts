// A stage that needs something the target lacks skips with a stated reason
// (a LabError the lab records as the stage's "no verdict" warning) before any
// container starts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveLabConfig } from '../../scripts/lib/plan/resolve-lab-config.ts';
import { runWorkers } from '../../scripts/lib/stages/workers.ts';
import { runDeploy } from '../../scripts/lib/stages/deploy.ts';
import type { StageContext } from '../../scripts/lib/stages/stage-context.ts';
import { LabError } from '../../scripts/lib/errors.ts';

/** Only the config: a stage that reached the store or the engine would throw a TypeError, not a LabError. */
const ctxOf = async (flags: Record<string, unknown>) => ({ config: await resolveLabConfig({ profile: 'smoke', ...flags }) }) as unknown as StageContext;

async function reason(run: () => Promise<unknown>): Promise<LabError> {
  try {
    await run();
  } catch (err) {
    assert.instance(err, LabError);
    return err as LabError;
  }
  throw new Error('expected a stated skip');
}

test('workers: a target with one fixed command has nothing to compare', async () => {
  const e = await reason(async () => runWorkers(await ctxOf({ image: 'myorg/api:1' })));
  assert.match(e.message, /the target api has no setups to compare/);
  assert.match(e.hint!, /target\.setups/);
});

test('deploy: a target without a warm-up request has no first request to fail on', async () => {
  const e = await reason(async () => runDeploy(await ctxOf({ image: 'myorg/api:1' })));
  assert.match(e.message, /has no warm-up request/);
  assert.match(e.hint!, /--skip deploy/);
});

test.run();
