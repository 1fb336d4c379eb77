import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LOOP_ITERATIONS, LOOP_RUNS, loopScript, parseLoopOutput } from '../../scripts/lib/host/compute-loop.ts';

test('the script runs the fixed size LOOP_RUNS times, each timed on its own', () => {
  const script = loopScript();
  assert.ok(script.includes(`work(${LOOP_ITERATIONS})`));
  assert.ok(script.includes(`for _ in range(${LOOP_RUNS}):`));
  assert.ok(script.includes('time.perf_counter()'));
  assert.ok(loopScript(1000.7, 0).includes('work(1000)'));
  assert.ok(loopScript(1000, 0).includes('range(1)'), 'at least one run');
});

test('reads every time the script printed, in order (output recorded from the container)', () => {
  assert.equal(parseLoopOutput('loop_ms=387.630\nloop_ms=365.541\nloop_ms=386.270\n'), [387.63, 365.541, 386.27]);
  assert.equal(parseLoopOutput('some warning\nloop_ms=402\n'), [402]);
});

test('no time printed is an empty list, not NaN', () => {
  assert.equal(parseLoopOutput(''), []);
  assert.equal(parseLoopOutput('Traceback (most recent call last):\n'), []);
  assert.equal(parseLoopOutput('loop_ms=\nloop_ms=abc\n'), []);
});

test.run();
