import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { rankConfigs } from '../search/rank-configs.ts';
import { tiedWith } from '../search/tied-with.ts';
import type { TrialResult, WorkerCell, WorkerConfig, WorkersStage } from '../results/types.ts';
import { stageBase, type StageContext } from './stage-context.ts';
import { measurePoint } from './measure-point.ts';

/** The workshop's starting point: the lazy image, one uvicorn worker, one CPU. */
const REFERENCE = { variant: 'baseline', server: 'uvicorn', workers: 1, cpus: 1 };

/**
 * The server matrix: image (lazy vs startup loading) × server (uvicorn ×1,
 * ×2, gunicorn ×2) × CPU limit, at each crowd size. Memory grows with the
 * workers because each worker loads its own model.
 */
export async function runWorkers(ctx: StageContext): Promise<WorkersStage> {
  const started = Date.now();
  const c = ctx.config.workers;
  const configs: WorkerConfig[] = [];
  for (const variant of c.variants) {
    for (const server of c.servers) {
      for (const cpus of c.cpus) {
        configs.push({
          configId: `${variant}-${server.kind}-w${server.workers}-${cpus}cpu`.replaceAll('.', '_'),
          label: `${variant} · ${server.kind} ×${server.workers} · ${cpus} CPU`,
          variant, server: server.kind, workers: server.workers, cpus,
          memoryMb: c.baseMemoryMb + (server.workers - 1) * c.perWorkerMb,
        });
      }
    }
  }
  const trials: TrialResult[] = [];
  const cells: (WorkerCell & { runs: TrialResult[] })[] = [];
  // Setup by setup, so that the crowds and repeats of one setup load the same running API.
  for (const cfg of configs) {
    for (const users of c.crowds) {
      const { point, trials: runs } = await measurePoint(ctx, 'workers', {
        id: `${cfg.configId}-${users}u`, image: cfg.variant, server: { kind: cfg.server as 'uvicorn' | 'gunicorn', workers: cfg.workers },
        cpus: cfg.cpus, memoryMb: cfg.memoryMb, users, runTimeS: c.runTimeS, reuseApi: true,
      });
      trials.push(...runs);
      const loads = await Promise.all(runs.map((run) => countModelLoads(path.join(ctx.store.dir, run.files.apiLog ?? ''))));
      const counted = loads.filter((n): n is number => n !== null);
      cells.push({
        configId: cfg.configId, users, trialId: runs[0]!.spec.id, pass: point.pass, binding: point.binding,
        rps: point.rps, p95Ms: point.p95Ms, failureRatio: point.failureRatio,
        // The most loads any run logged: the race shows in a run, not on average.
        modelLoads: counted.length ? Math.max(...counted) : null, point, runs,
      });
    }
  }
  const reference = configs.find((k) => Object.entries(REFERENCE).every(([key, v]) => k[key as keyof WorkerConfig] === v))?.configId ?? null;
  const ranking = rankConfigs(
    cells.map((cell) => {
      const cfg = configs.find((k) => k.configId === cell.configId)!;
      return { configId: cell.configId, users: cell.users, cpus: cfg.cpus, memoryMb: cfg.memoryMb, summary: cell.runs[0]!.summary, status: cell.runs[0]!.status, point: cell.point };
    }),
    ctx.config.slo,
    reference,
  );
  const best = ranking.overall.find((s) => s.configId === ranking.bestConfigId);
  const largest = Math.max(...c.crowds);
  const gainAtLargest = best?.gains.find((g) => g.users === largest);
  return {
    ...stageBase(trials, started),
    configs,
    crowds: c.crowds,
    cells: cells.map(({ runs: _runs, ...cell }) => cell),
    ranking: ranking.overall.map((s) => s.configId),
    bestConfigId: ranking.bestConfigId,
    referenceConfigId: reference,
    bestGain: gainAtLargest && reference
      ? { users: largest, rpsGainPct: gainAtLargest.rpsGainPct, p95ChangePct: gainAtLargest.p95ReductionPct === null ? null : -gainAtLargest.p95ReductionPct }
      : null,
    paretoFront: ranking.paretoFront,
    tiedWithBest: tiedWith(ranking.bestConfigId, ranking.overall.filter((s) => s.passesAll).map((s) => s.configId), cells),
    // Seen: more loads logged than workers. A worker killed mid-load never logs, so an OOM kill
    // of a multi-worker API whose memory was sized for one model per worker counts too.
    raceSeenIn: [...new Set(cells.filter((cell) => {
      const cfg = configs.find((k) => k.configId === cell.configId)!;
      const extraLoads = cell.modelLoads !== null && cell.modelLoads > cfg.workers;
      return extraLoads || (cfg.workers > 1 && cell.runs.some((run) => run.status === 'oom-killed'));
    }).map((cell) => cell.configId))],
  };
}

/** The demo API logs one `model loaded:` line per load; more than one per worker is the lazy-loading race. */
async function countModelLoads(apiLog: string): Promise<number | null> {
  const text = await readFile(apiLog, 'utf8').catch(() => null);
  return text === null ? null : (text.match(/model loaded:/g) ?? []).length;
}
