import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LabError } from '../errors.ts';
import { workerConfigs } from '../plan/worker-configs.ts';
import { rankConfigs } from '../search/rank-configs.ts';
import { tiedWith } from '../search/tied-with.ts';
import { settleTies } from '../search/tie-repeats.ts';
import type { TrialResult, WorkerCell, WorkerConfig, WorkersStage } from '../results/types.ts';
import { stageBase, type StageContext, type StageTrialOptions } from './stage-context.ts';
import { extendPoint, measurePoint, type MeasuredPoint } from './measure-point.ts';
import { raceSignals } from '../analyze/load-signals.ts';

/**
 * The target's setups (for the demo: the lazy and the startup-loading image,
 * each under uvicorn ×1, ×2 and gunicorn ×2) × CPU limit, at each crowd.
 * Memory grows with the processes: the measured floor × processes with
 * headroom when the memory-floor stage found one, else the plan's values.
 * The reference is the first setup at its first worker count and CPU limit
 * (the workshop's lazy image under one uvicorn worker, for the demo).
 */
export async function runWorkers(ctx: StageContext): Promise<WorkersStage> {
  const started = Date.now();
  const c = ctx.config.workers;
  const target = ctx.config.target;
  if (target.setups.length === 0) {
    throw new LabError(
      `the target ${target.name} has no setups to compare (one fixed command), so the workers stage has nothing to measure`,
      'Add target.setups to the plan file: a command template with {workers} and {port}, or a built-in template (uvicorn, gunicorn, uv-uvicorn) with app.',
    );
  }
  const floor = ctx.store.result.stages.memoryFloor;
  const configs: WorkerConfig[] = workerConfigs(target, c.cpus, {
    floorMb: floor?.load.floorMb ?? null, headroom: floor?.headroom ?? ctx.config.memoryFloor.headroom,
    stepMb: ctx.config.memoryFloor.resolutionMb, baseMemoryMb: c.baseMemoryMb, perWorkerMb: c.perWorkerMb,
  });
  const trials: TrialResult[] = [];
  const cells: Cell[] = [];
  // Setup by setup, so that the crowds and repeats of one setup load the same running API.
  for (const cfg of configs) {
    for (const users of c.crowds) {
      const options: StageTrialOptions = {
        id: `${cfg.configId}-${users}u`, image: cfg.image!, server: { kind: 'command', argv: cfg.command! },
        cpus: cfg.cpus, memoryMb: cfg.memoryMb, users, runTimeS: c.runTimeS, reuseApi: true,
      };
      const measured = await measurePoint(ctx, 'workers', options);
      trials.push(...measured.trials);
      cells.push(await cellOf(ctx, cfg, users, options, measured));
    }
  }
  const reference = configs[0]?.configId ?? null;
  const rank = (now: readonly Cell[]) => rankConfigs(
    now.map((cell) => {
      const cfg = configs.find((k) => k.configId === cell.configId)!;
      return { configId: cell.configId, users: cell.users, cpus: cfg.cpus, memoryMb: cfg.memoryMb, summary: medianSummary(cell), status: cell.trials[0]!.status, point: cell.point };
    }),
    ctx.config.slo,
    reference,
  );
  const tiedNow = (r: ReturnType<typeof rank>, now: readonly Cell[]) => tiedWith(r.bestConfigId, r.overall.filter((s) => s.passesAll).map((s) => s.configId), now);

  // A close ranking is measured again, as an undecided verdict is: the best and the setups tied
  // with it get 3 runs at every crowd, then one more each while they still tie, up to the plan's
  // `tieBreakRuns`. Setups that still tie then are one answer.
  const tieBreak = await settleTies({
    cells,
    maxRuns: c.tieBreakRuns,
    standing: (now) => {
      const r = rank(now);
      return { bestId: r.bestConfigId, tied: tiedNow(r, now) };
    },
    measureMore: async (cell, runs) => {
      const measured = await extendPoint(ctx, 'workers', cell.options, cell.trials, runs);
      trials.push(...measured.trials.slice(cell.runs));
      return cellOf(ctx, configs.find((k) => k.configId === cell.configId)!, cell.users, cell.options, measured);
    },
  });
  const ranking = rank(tieBreak.cells);
  const best = ranking.overall.find((s) => s.configId === ranking.bestConfigId);
  const largest = Math.max(...c.crowds);
  const gainAtLargest = best?.gains.find((g) => g.users === largest);
  return {
    ...stageBase(trials, started),
    configs,
    crowds: c.crowds,
    cells: tieBreak.cells.map(({ runs: _runs, trials: _trials, options: _options, ...cell }) => cell),
    ranking: ranking.overall.map((s) => s.configId),
    bestConfigId: ranking.bestConfigId,
    referenceConfigId: reference,
    bestGain: gainAtLargest && reference
      ? { users: largest, rpsGainPct: gainAtLargest.rpsGainPct, p95ChangePct: gainAtLargest.p95ReductionPct === null ? null : -gainAtLargest.p95ReductionPct }
      : null,
    paretoFront: ranking.paretoFront,
    tiedWithBest: tiedNow(ranking, tieBreak.cells),
    tieBreak: tieBreak.remeasured.length > 0 ? { configIds: tieBreak.remeasured, separated: tieBreak.separated } : null,
    raceSeenIn: [...new Set(tieBreak.cells.filter((cell) => cell.raceSignals?.length).map((cell) => cell.configId))],
  };
}

/** A cell with what the tie-break needs to measure it again: its runs and the options they ran with. */
type Cell = WorkerCell & { runs: number; trials: TrialResult[]; options: StageTrialOptions };

async function cellOf(ctx: StageContext, cfg: WorkerConfig, users: number, options: StageTrialOptions, { point, trials: runs }: MeasuredPoint): Promise<Cell> {
  const loads = await Promise.all(runs.map((run) => countModelLoads(path.join(ctx.store.dir, run.files.apiLog ?? ''))));
  const counted = loads.filter((n): n is number => n !== null);
  // The most loads any run logged: the race shows in a run, not on average.
  const modelLoads = counted.length ? Math.max(...counted) : null;
  return {
    configId: cfg.configId, users, trialId: runs[0]!.spec.id, pass: point.pass, binding: point.binding,
    rps: point.rps, p95Ms: point.p95Ms, failureRatio: point.failureRatio,
    modelLoads, raceSignals: raceSignals({ workers: cfg.workers, modelLoads, runs }), point, runs: runs.length, trials: runs, options,
  };
}

/** The first run's summary with the point's medians: a repeated cell ranks and compares by its medians, as the report quotes them. */
function medianSummary(cell: Cell): TrialResult['summary'] {
  const first = cell.trials[0]!.summary;
  return first && cell.point ? { ...first, rps: cell.point.rps ?? first.rps, p95Ms: cell.point.p95Ms } : first;
}

/** The demo API logs one `model loaded:` line per load; more than one per worker is the lazy-loading race. `null`: no log, or no such line (an image that does not log it). */
async function countModelLoads(apiLog: string): Promise<number | null> {
  const text = await readFile(apiLog, 'utf8').catch(() => null);
  const n = text === null ? 0 : (text.match(/model loaded:/g) ?? []).length;
  return n > 0 ? n : null;
}
