import { PassThrough } from 'node:stream';
import { engine } from '../docker/engine.ts';
import { withTimeout } from '../util/with-timeout.ts';

/**
 * Iterations of the fixed loop. Chosen so it takes about 0.4 s on the reference
 * host (Intel Xeon, 2026-11-30): long enough that timer and scheduler jitter
 * (a few ms) stay near 1 %, short enough that a probe stays cheap. Changing it
 * makes every recorded `loopMs` incomparable.
 */
export const LOOP_ITERATIONS = 8_000_000;

/**
 * Pure-Python integer work: it touches no memory beyond a few objects, so it
 * measures the core's single-thread speed and its share of the CPU, not the
 * model or the network. Timed inside Python so the `docker exec` set-up and
 * interpreter start (tens of ms, noisy) are not counted.
 */
export function loopScript(iterations = LOOP_ITERATIONS): string {
  return [
    'import time',
    'def work(n):',
    '    s = 0',
    '    for i in range(n):',
    '        s += i * i % 7',
    '    return s',
    't = time.perf_counter()',
    `work(${Math.trunc(iterations)})`,
    'print("loop_ms=%.3f" % ((time.perf_counter() - t) * 1000))',
  ].join('\n');
}

/** The loop's wall time in ms from the script's output; `null` when it printed none. */
export function parseLoopOutput(stdout: string): number | null {
  const m = /^loop_ms=(\d+(?:\.\d+)?)\s*$/m.exec(stdout);
  return m ? Number(m[1]) : null;
}

/**
 * Runs the loop in a running container with `docker exec`, so it is held by
 * the same cgroup limits and CPU set as the API, and returns its ms.
 * Throws when it does not finish within `timeoutMs` or prints no time.
 */
export async function runComputeLoop(containerId: string, timeoutMs: number, iterations = LOOP_ITERATIONS): Promise<number> {
  const docker = engine();
  const exec = await withTimeout(
    docker.getContainer(containerId).exec({ Cmd: ['python3', '-c', loopScript(iterations)], AttachStdout: true, AttachStderr: true }),
    timeoutMs,
  );
  const stream = await withTimeout(exec.start({ hijack: true, stdin: false }), timeoutMs);
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  err.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  docker.modem.demuxStream(stream, out, err);
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  try {
    await withTimeout(ended, timeoutMs);
  } finally {
    // A timed-out loop keeps running in the container; stop() removes it with the container.
    (stream as unknown as { destroy(): void }).destroy();
  }
  const ms = parseLoopOutput(stdout);
  if (ms === null) throw new Error(`the compute loop printed no time (stdout ${JSON.stringify(stdout.slice(0, 200))}, stderr ${JSON.stringify(stderr.slice(-300))})`);
  return ms;
}
