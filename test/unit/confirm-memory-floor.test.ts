import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { confirmMemoryFloor } from '../../scripts/lib/search/confirm-memory-floor.ts';
import type { ProbeOutcome } from '../../scripts/lib/search/probe-class.ts';

/** A probe that passes from `floorMb` up, with scripted exceptions per limit (consumed in order). */
function probeWith(floorMb: number, script: Record<number, boolean[]> = {}) {
  const asked: number[] = [];
  const probe = async (memoryMb: number): Promise<ProbeOutcome> => {
    asked.push(memoryMb);
    const pass = script[memoryMb]?.shift() ?? memoryMb >= floorMb;
    return { pass, class: pass ? 'healthy' : 'oom-at-first-request', predicate: 'serves-one-request', trialId: `t${asked.length}` };
  };
  return { probe, asked };
}

test('a measured peak is confirmed twice on each side: 4 probes', async () => {
  const { probe, asked } = probeWith(1248);
  const r = await confirmMemoryFloor({ peakMb: 1227.3, lowMb: 500, highMb: 2048, resolutionMb: 32, probe });
  assert.equal(asked, [1248, 1248, 1216, 1216]);
  assert.equal([r.floorMb, r.lastFailingMb, r.verdict, r.probesUsed], [1248, 1216, 'found', 4]);
});

test('a failing side known already is not probed again', async () => {
  const { probe, asked } = probeWith(1248);
  const r = await confirmMemoryFloor({ peakMb: 1230, lowMb: 1216, lowKnownFailing: true, highMb: 2048, resolutionMb: 32, probe });
  assert.equal(asked, [1248, 1248]);
  assert.equal([r.floorMb, r.lastFailingMb, r.verdict], [1248, 1216, 'found']);
});

test('the side above failing once (a restart that needed more) falls back to a bisection above it, flagged flaky', async () => {
  const { probe, asked } = probeWith(1248, { 1248: [true, false] });
  const r = await confirmMemoryFloor({ peakMb: 1227.3, lowMb: 500, highMb: 2048, resolutionMb: 32, probe });
  assert.equal(asked.slice(0, 2), [1248, 1248]);
  assert.ok(r.floorMb! > 1248, `floor ${r.floorMb}`);
  assert.is(r.verdict, 'found-flaky');
  assert.is(r.probes.length, asked.length);
  assert.equal(r.probes.map((p) => p.order), r.probes.map((_, i) => i + 1));
});

test('earlier probes (the generous one) stay first in the record', async () => {
  const { probe } = probeWith(1248);
  const earlier = [{ memoryMb: 2048, outcome: { pass: true, class: 'healthy' as const, predicate: 'survives-load' as const, trialId: 'g' }, order: 1 }];
  const r = await confirmMemoryFloor({ peakMb: 1227.3, lowMb: 500, highMb: 2048, resolutionMb: 32, earlier, probe });
  assert.equal(r.probes.map((p) => p.memoryMb), [2048, 1248, 1248, 1216, 1216]);
  assert.is(r.probesUsed, 5);
});

test.run();
