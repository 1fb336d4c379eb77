import type { WorkerConfig } from '../results/types.ts';
import { fillCommand, scalesWithWorkers } from '../target/fill-command.ts';
import type { Target, TargetSetup } from '../target/types.ts';
import { imageName, imageRef, serverLabel } from './make-trial.ts';

/** How much memory each setup gets: from the measured floor when there is one, else from the plan. */
export interface SetupMemory {
  /** The memory-floor stage's answer (the smallest limit one process survived the load in), MiB; `null` when it did not run or found none. */
  floorMb: number | null;
  /** Share added above floor × processes (the floor stage's headroom, e.g. 0.15). */
  headroom: number;
  /** Limits are rounded up to a multiple of this (the floor's resolution), MiB. */
  stepMb: number;
  /** Fallback without a floor: memory for one worker, and what each further worker adds. */
  baseMemoryMb: number;
  perWorkerMb: number;
}

/**
 * The workers stage's configurations: each of the target's setups × its
 * worker counts × each CPU limit. A command without `{workers}` runs one
 * fixed process count, so it is tried once per CPU limit. Pure.
 */
export function workerConfigs(target: Target, cpusList: readonly number[], memory: SetupMemory): WorkerConfig[] {
  const out: WorkerConfig[] = [];
  for (const setup of target.setups) {
    const counts = scalesWithWorkers(setup) ? setup.workers : setup.workers.slice(0, 1);
    for (const workers of counts) {
      for (const cpus of cpusList) {
        const image = imageRef(setup.image ?? target.image.ref);
        const command = fillCommand(setup.command, { workers, port: target.port });
        const variant = imageName(image);
        const server = serverLabel({ kind: 'command', argv: command });
        const { memoryMb, source } = setupMemory(setup, workers, memory);
        out.push({
          configId: `${setup.name}-w${workers}-${cpus}cpu`.replaceAll('.', '_'),
          label: `${setup.name} · ×${workers} · ${cpus} CPU`,
          variant, server, setup: setup.name, image, command, workers, cpus, memoryMb, memorySource: source,
        });
      }
    }
  }
  return out;
}

/**
 * Memory for one setup at `workers` processes: each process holds what one
 * process needed at the floor, plus the headroom, rounded up to the step;
 * without a floor, the plan's base plus a share per further worker.
 */
export function setupMemory(setup: Pick<TargetSetup, 'command'>, workers: number, m: SetupMemory): { memoryMb: number; source: 'floor' | 'plan' } {
  const processes = scalesWithWorkers(setup) ? workers : 1;
  if (m.floorMb !== null) {
    const mb = m.floorMb * processes * (1 + m.headroom);
    return { memoryMb: Math.ceil(mb / m.stepMb - 1e-9) * m.stepMb, source: 'floor' };
  }
  return { memoryMb: m.baseMemoryMb + (processes - 1) * m.perWorkerMb, source: 'plan' };
}
