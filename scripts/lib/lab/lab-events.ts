// What a lab run (the whole workshop, or one trial) takes, tells and returns.
// Its own module so that run-lab.ts, run-one-trial.ts, run-in-folder.ts and the
// CLI's event formatter share it without importing each other.

import type { Removed } from '../docker/cleanup.ts';
import type { BuiltImage } from '../docker/build-image.ts';
import type { SwarmNode } from '../docker/swarm.ts';
import type { StageName } from '../plan/lab-config.ts';
import type { RunStore } from '../results/run-store.ts';
import type { HostCalibration, HostInfo } from '../results/types.ts';
import type { StageEvent } from '../stages/stage-context.ts';

/** What the lab tells its caller while it works; the entry script decides how to show it. */
export type LabEvent =
  | { type: 'preflight'; host: HostInfo }
  | { type: 'leftovers-removed'; removed: Removed }
  /** A swarm run's preflight: the nodes, and whether the lab created the swarm (and so leaves it at the end). */
  | { type: 'swarm'; nodes: SwarmNode[]; initialised: boolean }
  | { type: 'swarm-left'; orphan: boolean }
  | { type: 'image'; tag: string; phase: 'start' | 'done'; built?: BuiltImage }
  | { type: 'run-folder'; dir: string; resumed: boolean }
  | { type: 'estimate'; trials: number; seconds: number }
  | { type: 'calibration'; phase: 'start' | 'done' | 'end'; calibration?: HostCalibration | null }
  | { type: 'stage-error'; stage: StageName; message: string }
  | StageEvent
  | { type: 'report'; htmlPath: string };

export interface LabOptions {
  repoRoot: string;
  /** Parent of run folders, usually `<repo>/reports`. */
  reportsDir: string;
  signal?: AbortSignal;
  onEvent?: (e: LabEvent) => void;
  /** A run folder to continue: its finished trials are reused, the rest runs. */
  resumeDir?: string;
}

export interface LabOutcome {
  runDir: string;
  result: RunStore['result'];
  htmlPath: string;
}
