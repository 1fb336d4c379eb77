/**
 * Starting points for a lone trial (`scripts/run-trial.mjs`), named like the
 * lab profiles. Flags override any value.
 */
export interface TrialDefaults {
  /** `baseline` (lazy model load) or `optimized` (loaded at startup under a lock), or any image reference. */
  image: string;
  cpus: number;
  memoryMb: number;
  users: number;
  spawnRate: number;
  runTimeS: number;
  healthTimeoutS: number;
  /** Resident size of the demo model, MiB (`MODEL_MB` of app/). */
  modelMb: number;
  /** Uvicorn workers for the API command. */
  workers: number;
  /** Send one prediction before the load (see TrialSpec.warmup); demo images only. */
  warmup: boolean;
}

export const TRIAL_PROFILES = {
  /** CI: small model, short run; minutes, not tens of minutes. */
  smoke: { image: 'baseline', cpus: 1, memoryMb: 512, users: 10, spawnRate: 10, runTimeS: 20, healthTimeoutS: 60, modelMb: 64, workers: 1, warmup: true },
  /** Default: the full-size model and a run long enough for a steady phase. */
  quick: { image: 'baseline', cpus: 1, memoryMb: 1536, users: 10, spawnRate: 5, runTimeS: 45, healthTimeoutS: 90, modelMb: 1100, workers: 1, warmup: true },
  /** The seed's parameters: 150 s runs and the workshop's memory. */
  workshop: { image: 'baseline', cpus: 1, memoryMb: 1843, users: 35, spawnRate: 5, runTimeS: 150, healthTimeoutS: 120, modelMb: 1100, workers: 1, warmup: true },
} satisfies Record<string, TrialDefaults>;

export type TrialProfileName = keyof typeof TRIAL_PROFILES;
export const DEFAULT_TRIAL_PROFILE: TrialProfileName = 'quick';
