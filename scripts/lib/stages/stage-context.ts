import type { ComposeCli } from '../docker/detect-compose.ts';
import type { LabConfig, StageName } from '../plan/lab-config.ts';
import { makeTrial, type TrialOptions } from '../plan/make-trial.ts';
import { checkTrialSpec } from '../plan/check-trial-spec.ts';
import { locustWorkersFor } from '../search/locust-workers.ts';
import { generatorCost } from '../analyze/generator-cost.ts';
import type { RunStore } from '../results/run-store.ts';
import type { HostInfo, StageBase, TrialResult, TrialSpec } from '../results/types.ts';
import { runTrial, type TrialProgress } from '../trial/run-trial.ts';
import { rm } from 'node:fs/promises';
import { LabError, throwIfAborted } from '../errors.ts';
import { engineAnswers, engineGoneError } from '../docker/engine-gone.ts';
import { closeApiSession, type ApiSessions } from '../trial/api-session.ts';

/** What a stage tells the caller; the entry script decides how to show it. */
export type StageEvent =
  | { type: 'stage-start'; stage: StageName }
  | { type: 'stage-end'; stage: StageName; durationMs: number }
  /** `runLeftS`: the run's estimated seconds left, when the caller knows its plan (see plan/estimate-run.ts). */
  | { type: 'trial-start'; stage: string; index: number; spec: TrialSpec; runLeftS?: number }
  | { type: 'trial-progress'; progress: TrialProgress }
  | { type: 'trial-end'; stage: string; index: number; result: TrialResult };

/** Everything a stage needs; stages share nothing else. */
export interface StageContext {
  config: LabConfig;
  repoRoot: string;
  /** The locustfile every trial runs: `--locustfile`, the target's, or the one generated into the run folder. */
  locustfile: string;
  store: RunStore;
  compose: ComposeCli;
  host: HostInfo;
  signal?: AbortSignal;
  emit: (e: StageEvent) => void;
  /** Trial ids this execution has used; a resumed run re-claims its finished trials here. */
  claimed: Set<string>;
  /** The API a stage left running for its next trial of the same setup; the lab closes it after each stage. */
  apiSessions: ApiSessions;
}

/** Trial knobs a stage sets; the rest comes from the lab config. */
export type StageTrialOptions = Pick<TrialOptions, 'id' | 'cpus' | 'memoryMb'> & Partial<TrialOptions> & {
  /**
   * Load the API the previous trial left running when it is the same setup,
   * and leave this one running. For measurements that do not depend on a
   * fresh start: repeats, crowds and search probes of one setup. Never for
   * the memory floor, whose probes are about the start itself.
   */
  reuseApi?: boolean;
};

/**
 * Even a small crowd is spawned over at least this long: users started in one
 * instant fire their first requests together, and that burst would be the p95.
 */
export const MIN_SPAWN_S = 2;

/**
 * A constant-crowd trial stops before its cap once its steady window is this
 * long and stable: three 5 s sub-windows, the fewest the stability rule reads.
 */
export const STABLE_WINDOW_S = 15;

/** The lab-config defaults every stage trial starts from. */
export function trialOptions(ctx: StageContext, stage: StageName, o: StageTrialOptions): TrialOptions {
  const c = ctx.config;
  const users = o.users ?? 10;
  return {
    stage,
    target: c.target,
    users: 10,
    spawnRate: Math.min(c.spawnRate, Math.max(1, users / MIN_SPAWN_S)),
    runTimeS: 10,
    healthTimeoutS: c.healthTimeoutS,
    warmup: true,
    locustfile: ctx.locustfile,
    networks: c.network ? [c.network] : [],
    locustWorkers: locustWorkersFor(o.ramp ? Math.max(...o.ramp.steps) : o.users ?? 0, {
      // Only trials this execution has claimed, in order: a resumed run decides exactly as the first did.
      cost: generatorCost(ctx.store.result.trials.filter((t) => ctx.claimed.has(t.spec.id))),
      hostCpus: ctx.host.cpus,
      fallback: c.locustDistributed,
    }),
    locustEnv: { LOCUST_WAIT_MIN: String(c.waitS.min), LOCUST_WAIT_MAX: String(c.waitS.max) },
    stopWhenStableAfterS: STABLE_WINDOW_S,
    // Compose trials leave the field out, so a run folder from before --engine resumes with the same specs.
    ...(c.engine === 'swarm' ? { engine: 'swarm' as const } : {}),
    ...o,
  };
}

/**
 * Runs one trial of a stage: fills defaults, checks guardrails, makes the id
 * unique in the run, reports progress. A failed trial comes back as data.
 */
export async function runStageTrial(ctx: StageContext, stage: StageName, options: StageTrialOptions): Promise<TrialResult> {
  throwIfAborted(ctx.signal);
  const { reuseApi = false, ...o } = options;
  const base = makeTrial(trialOptions(ctx, stage, { ...o, id: `${stage}-${o.id}` }), ctx.repoRoot);
  const id = nextId(ctx, base.id);
  const spec = { ...base, id };
  ctx.claimed.add(id);
  const index = ctx.claimed.size - 1;
  // Resuming: a finished trial with this id is reused, so the stage replays to the same decisions.
  const done = ctx.store.trial(id);
  if (done) {
    if (JSON.stringify(done.spec) !== JSON.stringify(spec)) {
      throw new LabError(`Cannot resume: trial ${id} ran with a different spec than this plan gives.`, 'Resume with the same profile, plan file and flags, or start a new run.');
    }
    ctx.emit({ type: 'trial-start', stage, index, spec });
    ctx.emit({ type: 'trial-end', stage, index, result: done });
    return done;
  }
  checkTrialSpec(spec, ctx.host);
  if (!reuseApi) await closeApiSession(ctx.apiSessions);
  // A trial that was in flight when the lab died left a partial folder: start it clean.
  await rm(ctx.store.trialDir(id), { recursive: true, force: true });
  ctx.emit({ type: 'trial-start', stage, index, spec });
  const result = await runTrial(spec, {
    store: ctx.store,
    compose: ctx.compose,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    onProgress: (progress) => ctx.emit({ type: 'trial-progress', progress }),
    ...(reuseApi ? { session: ctx.apiSessions } : {}),
  });
  if (result.status === 'engine-error' && !(await engineAnswers())) throw engineGoneError(ctx.store.dir);
  ctx.emit({ type: 'trial-end', stage, index, result });
  return result;
}

/** Ids are `<stage>-<what>`, with `-2`, `-3` ... when a search probes the same point again. */
function nextId(ctx: StageContext, id: string): string {
  const clean = id.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 60);
  if (!ctx.claimed.has(clean)) return clean;
  let n = 2;
  while (ctx.claimed.has(`${clean}-${n}`)) n += 1;
  return `${clean}-${n}`;
}

/** Stage bookkeeping: the trials it ran and where its time went. */
export function stageBase(trials: TrialResult[], startedAt: number, error: string | null = null): StageBase {
  return {
    trialIds: trials.map((t) => t.spec.id),
    // A resumed stage reuses finished trials in no time; their recorded time still counts.
    durationMs: Math.max(Date.now() - startedAt, trials.reduce((sum, t) => sum + t.timing.totalMs, 0)),
    loadMs: trials.reduce((sum, t) => sum + t.timing.loadMs, 0),
    error,
  };
}
