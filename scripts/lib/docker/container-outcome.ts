import type Docker from 'dockerode';
import { engine } from './engine.ts';
import type { EngineEvent } from './watch-events.ts';
import type { AppliedLimits, ContainerOutcome } from '../results/types.ts';

const MIB = 1024 * 1024;

/** Limits as the engine applied them; compose versions differ in what they pass. */
export function readAppliedLimits(inspect: Docker.ContainerInspectInfo): AppliedLimits {
  const hc = inspect.HostConfig;
  const mb = (bytes: number | undefined) => (bytes && bytes > 0 ? Math.round(bytes / MIB) : null);
  return {
    cpus: hc.NanoCpus ? hc.NanoCpus / 1e9 : hc.CpuQuota && hc.CpuPeriod ? hc.CpuQuota / hc.CpuPeriod : null,
    memoryMb: mb(hc.Memory),
    memorySwapMb: mb(hc.MemorySwap),
  };
}

/** Exit code, OOMKilled, its events and its last log lines; the raw inspect record too. */
export async function readOutcome(
  id: string,
  name: string,
  events: EngineEvent[],
): Promise<{ outcome: ContainerOutcome; inspect: Docker.ContainerInspectInfo | null }> {
  const container = engine().getContainer(id);
  const inspect = await container.inspect().catch(() => null);
  const logs = await container
    .logs({ stdout: true, stderr: true, tail: 20, timestamps: false })
    .then((buf) => demux(buf as unknown as Buffer))
    .catch(() => '');
  const state = inspect?.State;
  return {
    inspect,
    outcome: {
      name,
      exitCode: state && !state.Running ? state.ExitCode : null,
      oomKilled: Boolean(state?.OOMKilled),
      events: events.filter((e) => e.id === id).map((e) => ({ t: e.t, action: e.action })),
      logTail: logs.split('\n').filter((l) => l.trim() !== '').slice(-20),
    },
  };
}

/** Non-TTY container logs come framed: 8-byte header (stream, 0, 0, 0, size32be), then payload. */
function demux(buf: Buffer): string {
  let out = '';
  let i = 0;
  while (i + 8 <= buf.length) {
    const size = buf.readUInt32BE(i + 4);
    out += buf.subarray(i + 8, i + 8 + size).toString('utf8');
    i += 8 + size;
  }
  return out;
}
