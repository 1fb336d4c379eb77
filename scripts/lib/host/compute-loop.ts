import { median } from '../analyze/intervals.ts';
import { engine } from '../docker/engine.ts';
import { withTimeout } from '../util/with-timeout.ts';

/**
 * Iterations of the fixed loop. Chosen so one run takes about 0.37 s on the
 * reference host (Intel Xeon VM, 2026-11-30): long enough that timer and
 * scheduler jitter (a few ms) stay near 1 %, short enough that a probe stays
 * cheap. Changing it makes every recorded `loopMs` incomparable.
 */
export const LOOP_ITERATIONS = 8_000_000;
/**
 * Runs per probe; the probe reports their median. Single runs on the idle
 * reference host were 363-370 ms but one in six took 425 ms (CV 6.5 %): one
 * such run would pass the 10 % drift tolerance alone. The median of three
 * ignores a blip under a second long, while contention that lasts (a stage's
 * worth) slows all three.
 */
export const LOOP_RUNS = 3;

/**
 * Pure-Python integer work: it touches no memory beyond a few objects, so it
 * measures the core's single-thread speed and its share of the CPU, not the
 * model or the network. Timed inside Python so the `docker exec` set-up and
 * interpreter start (tens of ms, noisy) are not counted.
 */
export function loopScript(iterations = LOOP_ITERATIONS, runs = LOOP_RUNS): string {
  return [
    'import time',
    'def work(n):',
    '    s = 0',
    '    for i in range(n):',
    '        s += i * i % 7',
    '    return s',
    `for _ in range(${Math.max(1, Math.trunc(runs))}):`,
    '    t = time.perf_counter()',
    `    work(${Math.trunc(iterations)})`,
    '    print("loop_ms=%.3f" % ((time.perf_counter() - t) * 1000))',
  ].join('\n');
}

/** Each run's wall time in ms from the script's output, in order; empty when it printed none. */
export function parseLoopOutput(stdout: string): number[] {
  return [...stdout.matchAll(/^loop_ms=(\d+(?:\.\d+)?)\s*$/gm)].map((m) => Number(m[1]));
}

/**
 * Runs the loop in a running container with `docker exec`, so it is held by
 * the same cgroup limits and CPU set as the API, and returns the median ms of
 * its runs. Throws when it does not finish within `timeoutMs` or prints no time.
 */
export async function runComputeLoop(containerId: string, timeoutMs: number, iterations = LOOP_ITERATIONS, runs = LOOP_RUNS): Promise<number> {
  const docker = engine();
  const exec = await withTimeout(
    docker.getContainer(containerId).exec({ Cmd: ['python3', '-c', loopScript(iterations, runs)], AttachStdout: true, AttachStderr: true }),
    timeoutMs,
  );
  const stream = await withTimeout(exec.start({ hijack: true, stdin: false }), timeoutMs);
  let stdout = '';
  let stderr = '';
  // demuxStream only calls write(); collecting there is synchronous, so all output is in by 'end'.
  const sink = (append: (text: string) => void) => ({ write: (chunk: Buffer) => (append(chunk.toString('utf8')), true) }) as unknown as NodeJS.WritableStream;
  docker.modem.demuxStream(stream, sink((t) => (stdout += t)), sink((t) => (stderr += t)));
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
  const ms = median(parseLoopOutput(stdout));
  if (ms === null) throw new Error(`the compute loop printed no time (stdout ${JSON.stringify(stdout.slice(0, 200))}, stderr ${JSON.stringify(stderr.slice(-300))})`);
  return ms;
}
