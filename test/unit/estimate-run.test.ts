import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { estimateRun, secondsLeft, TRIAL_OVERHEAD_S } from '../../scripts/lib/plan/estimate-run.ts';
import { PROFILES } from '../../scripts/lib/plan/lab-config.ts';

test('one estimate per planned stage, in order, from the caps', () => {
  const config = { ...structuredClone(PROFILES.quick), stages: ['sweep', 'replicas'] as const } as unknown as typeof PROFILES.quick;
  const [sweep, replicas] = estimateRun(config);
  assert.equal([sweep!.stage, sweep!.trials, sweep!.seconds], ['sweep', 4, 4 * (45 + TRIAL_OVERHEAD_S)]);
  assert.equal([replicas!.stage, replicas!.trials], ['replicas', 4]);
});

test('time left: later stages whole, the current one less its elapsed time, never below zero', () => {
  const estimates = [{ stage: 'sweep', trials: 4, seconds: 200 }, { stage: 'workers', trials: 12, seconds: 500 }] as const;
  assert.is(secondsLeft([...estimates], 'sweep', 50), 650);
  assert.is(secondsLeft([...estimates], 'sweep', 400), 500);
  assert.is(secondsLeft([...estimates], 'workers', 100), 400);
});

test.run();
