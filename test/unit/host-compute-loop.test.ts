import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LOOP_ITERATIONS, loopScript, parseLoopOutput } from '../../scripts/lib/host/compute-loop.ts';

test('the script runs the fixed size and prints one tagged line', () => {
  const script = loopScript();
  assert.ok(script.includes(`work(${LOOP_ITERATIONS})`));
  assert.ok(script.includes('time.perf_counter()'));
  assert.ok(loopScript(1000.7).includes('work(1000)'));
});

test('reads the time the script printed (output recorded from the container)', () => {
  assert.is(parseLoopOutput('loop_ms=371.176\n'), 371.176);
  assert.is(parseLoopOutput('some warning\nloop_ms=402\n'), 402);
});

test('no time printed is null, not NaN', () => {
  assert.is(parseLoopOutput(''), null);
  assert.is(parseLoopOutput('Traceback (most recent call last):\n'), null);
  assert.is(parseLoopOutput('loop_ms=\n'), null);
});

test.run();
