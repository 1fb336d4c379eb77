import { findMemoryFloor, linearWalkCost, type MemoryFloorSearch } from '../search/bisect-memory.ts';
import { judgeProbe, type MemoryPredicate, type ProbeOutcome } from '../search/probe-class.ts';
import { confirmMemoryFloor } from '../search/confirm-memory-floor.ts';
import { collectTrial } from '../collect/collect-trial.ts';
import { recommendLimit } from '../search/recommend-limit.ts';
import type { MemoryFloorStage, MemorySearchRecord, TrialResult } from '../results/types.ts';
import { runStageTrial, stageBase, type StageContext } from './stage-context.ts';

/** The workshop walked up in 100 MB steps (from 500 MB, the quick profile's low end). */
const WALK_STEP_MB = 100;

/**
 * The smallest memory limit, measured rather than searched for: one probe
 * at a generous limit under a short load measures the real peak (the model
 * loaded, one request served, then the load). Each floor then only needs
 * confirming, twice on each side: the first multiple
 * of the resolution above the peak passes, the one below fails (the seed saw
 * the model's memory vary between restarts). A side that disagrees falls back
 * to a bisection, every probe kept. Each probe is a real trial whose outcome
 * is classed (never healthy, OOM at start, at the first request, under load).
 */
export async function runMemoryFloor(ctx: StageContext): Promise<MemoryFloorStage> {
  const started = Date.now();
  const c = ctx.config.memoryFloor;
  const trials: TrialResult[] = [];
  const probe = (predicate: MemoryPredicate) => async (memoryMb: number): Promise<ProbeOutcome> => {
    const serveOnly = predicate === 'serves-one-request';
    const trial = await runStageTrial(ctx, 'memory-floor', {
      id: `${serveOnly ? 'serve' : 'load'}-${memoryMb}m`, cpus: c.cpus, memoryMb,
      // Serving one request is the warm-up; a tiny Locust run only confirms the API still answers.
      users: serveOnly ? 1 : c.users, runTimeS: serveOnly ? 5 : c.runTimeS,
      // A probe asks whether the API survives the whole load, so it runs to its cap.
      stopWhenStableAfterS: null,
    });
    trials.push(trial);
    return judgeProbe(trial, predicate);
  };

  const t0 = Date.now();
  const generous = await probe('survives-load')(c.highMb);
  const first = trials[0]!;
  const peakMb = await measuredPeak(ctx, first);
  const earlier = [{ memoryMb: c.highMb, outcome: generous, order: 1 }];
  const serveSearch = generous.pass && peakMb !== null
    ? await confirmMemoryFloor({ peakMb, lowMb: c.lowMb, highMb: c.highMb, resolutionMb: c.resolutionMb, earlier, probe: probe('serves-one-request') })
    : await findMemoryFloor({ lowMb: c.lowMb, highMb: c.highMb, resolutionMb: c.resolutionMb, probe: probe('serves-one-request') });
  const serve = record('serves-one-request', serveSearch, Date.now() - t0);

  const t1 = Date.now();
  // Below the serve floor nothing survives a load either: a load limit at or under the serve
  // floor's failing side is known to fail and is not probed again.
  const loadSearch = generous.pass && peakMb !== null && serve.floorMb !== null
    ? await confirmMemoryFloor({
      peakMb: Math.max(peakMb, serve.floorMb), lowMb: serve.lastFailingMb ?? c.lowMb, lowKnownFailing: serve.lastFailingMb !== null,
      highMb: c.highMb, resolutionMb: c.resolutionMb, probe: probe('survives-load'),
    })
    : await findMemoryFloor({ lowMb: serve.lastFailingMb ?? c.lowMb, highMb: c.highMb, resolutionMb: c.resolutionMb, lowKnownFailing: serve.lastFailingMb !== null, probe: probe('survives-load') });
  const load = record('survives-load', loadSearch, Date.now() - t1);
  const floor = load.floorMb;
  return {
    ...stageBase(trials, started, floor === null ? `no limit up to ${c.highMb} MiB survived the load (${load.verdict}); to search higher, raise memoryFloor.highMb in a plan file (--plan)` : null),
    serve,
    load,
    recommendedMb: floor === null ? null : recommendLimit(floor, c.headroom).limitMb,
    headroom: c.headroom,
    linearWalk: floor === null ? null : linearWalkCost(floor, { startMb: c.lowMb, stepMb: WALK_STEP_MB }),
    linearWalkAtResolution: floor === null ? null : linearWalkCost(floor, { startMb: c.lowMb, stepMb: c.resolutionMb }),
    loadUsers: c.users,
    loadRunTimeS: c.runTimeS,
  };
}

/**
 * The API's peak memory over the generous probe, MiB, from its stats samples.
 * It stands for both floors: the 1 Hz samples can miss the short time between
 * the model's load and the start of the load, so a "before the load" peak
 * reads low, and under the load the model is still most of the memory.
 */
async function measuredPeak(ctx: StageContext, trial: TrialResult): Promise<number | null> {
  if (trial.status !== 'passed') return null;
  const { samples } = await collectTrial(ctx.store.trialDir(trial.spec.id));
  const api = samples.filter((s) => s.container.startsWith('api'));
  return api.length ? Math.max(...api.map((s) => s.memoryBytes)) / 2 ** 20 : null;
}

function record(predicate: MemoryPredicate, s: MemoryFloorSearch, durationMs: number): MemorySearchRecord {
  return {
    predicate,
    floorMb: s.floorMb,
    lastFailingMb: s.lastFailingMb,
    resolutionMb: s.resolutionMb,
    probes: s.probes.map((p) => ({ memoryMb: p.memoryMb, pass: p.outcome.pass, class: p.outcome.class, trialId: p.outcome.trialId, order: p.order })),
    verdict: s.verdict,
    durationMs,
  };
}
