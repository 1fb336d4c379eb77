import type Docker from 'dockerode';
import type { TrialSpec } from '../results/types.ts';

/** Which engine runs a trial's containers (`--engine`). */
export type TrialEngine = NonNullable<TrialSpec['engine']>;

/**
 * One trial's containers on one engine: compose (a project on this host) or
 * Docker Swarm (a stack). The trial's modules start, find, read and remove
 * containers only through this, so one trial runs the same way on both.
 */
export interface TrialDeployment {
  engine: TrialEngine;
  /** The stack or project name, unique per run and trial. */
  name: string;
  /**
   * Label filter of the trial's containers, for the event watch: the project
   * or stack, not the trial label (a reused API carries the labels of the trial that started it).
   */
  labelFilter: string[];
  /** Whether a survived API may stay up for the next trial of its setup (see api-session.ts). */
  canHoldApi: boolean;
  /** Starts the API (and nginx in front of replicas); `ok` false with the engine's words when it refused. */
  startApi(spec: TrialSpec): Promise<{ ok: boolean; output: string }>;
  /** Starts Locust (and its workers) once the API is healthy. */
  startLocust(spec: TrialSpec): Promise<void>;
  /** Containers of one service, oldest first. */
  containers(service: string): Promise<Docker.ContainerInfo[]>;
  /** `host:port` where this host reaches `port` of a container (TCP checks); `null` when it cannot. */
  address(inspect: Docker.ContainerInspectInfo, port: number): Promise<string | null>;
  /** `host:port` where this host reaches the entry (the API, or nginx in front of replicas). */
  entryAddress(entryId: string, spec: TrialSpec): Promise<string | undefined>;
  /** Every container's log of one service, as text. */
  logs(service: string): Promise<string>;
  /** Removes Locust only, leaving the API up (only when `canHoldApi`). */
  removeLocust(spec: TrialSpec): Promise<void>;
  /** Removes everything of the trial, also what a failed start left half-made. */
  remove(): Promise<void>;
}
