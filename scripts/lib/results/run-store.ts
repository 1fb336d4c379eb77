import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeJsonAtomic } from './write-atomic.ts';
import { RESULT_FILE } from './lab-result-schema.ts';
import { TRIAL_FILE } from './trial-schema.ts';
import { SCHEMA_VERSION, type CommandRecord, type HostInfo, type LabResult, type SloSpec, type StageResults, type TrialResult } from './types.ts';

/** Defaults of `--slo-p95` and `--slo-failures`. */
export const DEFAULT_SLO: SloSpec = { p95Ms: 1000, maxFailureRatio: 0.01 };

// The run folder's file names live beside their schemas; re-exported for the writers that import them from here.
export { RESULT_FILE, TRIAL_FILE };

/**
 * The run folder and its `lab-result.json`. Every change is written at once
 * (atomically), so a crash loses at most the trial in flight.
 */
export class RunStore {
  readonly result: LabResult;
  constructor(readonly dir: string, init: { runId: string; profile: string; host: HostInfo; slo?: SloSpec; plan?: unknown; startedAt?: string }) {
    this.result = {
      schemaVersion: SCHEMA_VERSION,
      runId: init.runId,
      startedAt: init.startedAt ?? new Date().toISOString(),
      finishedAt: null,
      profile: init.profile,
      host: init.host,
      slo: init.slo ?? DEFAULT_SLO,
      plan: init.plan ?? null,
      commands: [],
      trials: [],
      stages: {},
      warnings: [],
      calibration: null,
    };
  }

  /** A run folder written before (to resume it): its result is kept and extended. */
  static fromResult(dir: string, result: LabResult): RunStore {
    const store = new RunStore(dir, { runId: result.runId, profile: result.profile, host: result.host });
    Object.assign(store.result, result, { finishedAt: null });
    return store;
  }

  /** Commands are appended here by whoever runs them, and saved with the next write. */
  get commands(): CommandRecord[] {
    return this.result.commands;
  }

  trialDir(trialId: string): string {
    return path.join(this.dir, 'trials', trialId);
  }

  async init(): Promise<void> {
    await mkdir(path.join(this.dir, 'trials'), { recursive: true });
    await this.save();
  }

  async addTrial(trial: TrialResult): Promise<void> {
    const file = path.join(this.dir, trial.files.trialJson);
    await mkdir(path.dirname(file), { recursive: true });
    await writeJsonAtomic(file, trial);
    this.result.trials.push(trial);
    await this.save();
  }

  /** Records a stage's verdict and saves. */
  async setStage<K extends keyof StageResults>(key: K, value: NonNullable<StageResults[K]>): Promise<void> {
    this.result.stages[key] = value;
    await this.save();
  }

  trial(id: string): TrialResult | undefined {
    return this.result.trials.find((t) => t.spec.id === id);
  }

  async finish(): Promise<void> {
    this.result.finishedAt = new Date().toISOString();
    await this.save();
  }

  save(): Promise<void> {
    return writeJsonAtomic(path.join(this.dir, RESULT_FILE), this.result);
  }
}

/**
 * `2026-11-28T01-22-14Z-quick-3fa2`: sortable, filesystem-safe, says what
 * ran; the random tail keeps two labs started in the same second apart.
 */
export function newRunId(profile: string, now = new Date(), tail = randomBytes(2).toString('hex')): string {
  return `${now.toISOString().slice(0, 19).replaceAll(':', '-')}Z-${profile}-${tail}`;
}
