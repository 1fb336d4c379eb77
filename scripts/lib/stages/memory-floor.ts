import { findMemoryFloor, linearWalkCost, type MemoryFloorSearch } from '../search/bisect-memory.ts';
import { judgeProbe, type MemoryPredicate } from '../search/probe-class.ts';
import { recommendLimit } from '../search/recommend-limit.ts';
import type { MemoryFloorStage, MemorySearchRecord, TrialResult } from '../results/types.ts';
import { runStageTrial, stageBase, type StageContext } from './stage-context.ts';

/** The workshop walked up in 100 MB steps (from 500 MB, the quick profile's low end). */
const WALK_STEP_MB = 100;

/**
 * Two bisections instead of the workshop's linear walk: the smallest limit
 * that starts and serves one request, then (above it) the smallest that
 * stays up under a short load. Each probe is a real trial whose outcome is
 * classed (never healthy, OOM at start, at the first request, under load).
 */
export async function runMemoryFloor(ctx: StageContext): Promise<MemoryFloorStage> {
  const started = Date.now();
  const c = ctx.config.memoryFloor;
  const trials: TrialResult[] = [];
  const search = async (predicate: MemoryPredicate, lowMb: number, lowKnownFailing: boolean, firstGuessMb?: number): Promise<MemorySearchRecord> => {
    const t0 = Date.now();
    const serveOnly = predicate === 'serves-one-request';
    const result = await findMemoryFloor({
      lowMb, highMb: c.highMb, resolutionMb: c.resolutionMb, lowKnownFailing, ...(firstGuessMb ? { firstGuessMb } : {}),
      probe: async (memoryMb) => {
        const trial = await runStageTrial(ctx, 'memory-floor', {
          id: `${serveOnly ? 'serve' : 'load'}-${memoryMb}m`, cpus: c.cpus, memoryMb,
          // Serving one request is the warm-up; a tiny Locust run only confirms the API still answers.
          users: serveOnly ? 1 : c.users, runTimeS: serveOnly ? 5 : c.runTimeS,
        });
        trials.push(trial);
        return judgeProbe(trial, predicate);
      },
    });
    return record(predicate, result, Date.now() - t0);
  };

  const serve = await search('serves-one-request', c.lowMb, false);
  // Below the serve floor nothing survives a load either, so the second search starts just under it.
  const loadLow = serve.lastFailingMb ?? c.lowMb;
  const load = await search('survives-load', loadLow, serve.lastFailingMb !== null, serve.floorMb ?? undefined);
  const floor = load.floorMb;
  return {
    ...stageBase(trials, started, floor === null ? `no limit up to ${c.highMb} MiB survived the load (${load.verdict})` : null),
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
