import { median } from '../analyze/intervals.ts';
import type { CalibrationProbe, HostCalibration, HostCpuUse } from '../results/types.ts';

/**
 * D0 of the reference host, ms of API CPU per request: speed index 1 stands for it.
 * Measured 2026-11-30 on the lab's development VM: "Intel(R) Xeon(R) Processor
 * (family 6, model 207, stepping 2)", 2 vCPUs at 2.3 GHz, Linux 6.18, Docker 20.10,
 * cgroup v1. Method: two calibration sessions (`calibration-probe.ts` as it is:
 * locust-lab/api:optimized, MODEL_MB=64, 1 CPU, unpinned, 20 warm-up requests,
 * 5 s of one closed-loop user per probe); a probe started only after 1 s below
 * 5 % host busy and was kept only when processes outside it (its container, the
 * client, Docker's daemons) used under 6 % of the host meanwhile. Median of the
 * 12 kept probes: 9.90 ms (9.59-10.44; CV 2.5 %; the sessions' medians 9.98 and
 * 9.73). 37 probes the same day with other labs running beside them (up to 70 %
 * of the host busy) gave 10.0: D0 counts only the container's own CPU time, so
 * sharing the host moves it little (a hog on the probe's own core: +1 to +5 %).
 */
export const REFERENCE_DEMAND_MS = 9.9;
/**
 * The loop time (`loopMs`, median of LOOP_RUNS runs) of the same host when
 * quiet, ms (median of 6 probes, CV 1.8 %): for reading a probe's `loopMs`
 * against; the index does not use it.
 */
export const REFERENCE_LOOP_MS = 361;
/** Where the reference was measured, as `HostCalibration.reference.host` records it. */
export const REFERENCE_HOST = 'Intel(R) Xeon(R) Processor (family 6, model 207, stepping 2), 2 vCPU VM, Linux 6.18, 2026-11-30';

/**
 * Consecutive probes further apart than this (relative) mean the host changed
 * during the stages between them. On the quiet reference host consecutive
 * probes moved at most 6.2 % in D0 and 4.3 % in loop time; a hog sharing the
 * probe's core slowed the loop by 45-107 %. 10 % sits clear of the noise and
 * well below the 35 % shift that opened the issue.
 */
export const DRIFT_TOLERANCE = 0.1;

/** reference D0 / measured D0: 2 means this host does the reference work in half the CPU time. */
export function speedIndexOf(demandMs: number): number {
  if (!(demandMs > 0)) throw new RangeError(`service demand must be positive, got ${demandMs}`);
  return REFERENCE_DEMAND_MS / demandMs;
}

/** The run's calibration record: every probe plus the numbers read from them. */
export function summarizeCalibration(probes: CalibrationProbe[], cpuModel: string, idleCheck: HostCpuUse | null, run: HostCpuUse | null): Omit<HostCalibration, 'drifts' | 'idleVerdict'> {
  const demands = probes.map((p) => p.demandMs);
  const mid = median(demands);
  return {
    cpuModel,
    reference: { demandMs: REFERENCE_DEMAND_MS, host: REFERENCE_HOST },
    probes,
    speedIndex: median(probes.map((p) => p.speedIndex)),
    drift: probes.length >= 2 && mid ? (Math.max(...demands) - Math.min(...demands)) / mid : null,
    idleCheck,
    run,
  };
}

/** Which number of a probe moved. NOTE: literals are i18n keys where warnings are shown. */
export type DriftMetric = 'demand' | 'loop';

/** A stage whose measurements straddle a change of host speed. */
export interface DriftWarning {
  /** The stage measured between the two probes. */
  stage: string;
  /** Probe point before it (`start` or `after:<stage>`). */
  fromPoint: string;
  /** Probe point after it (`after:<stage>` or `end`). */
  toPoint: string;
  /** `demand`: D0 (CPU per request: a slower core); `loop`: the compute loop's wall time (also a smaller CPU share). */
  metric: DriftMetric;
  /** (after - before) / before: +0.35 = 35 % slower, -0.2 = 20 % faster. */
  change: number;
}

/**
 * Compares each probe with the one before it. The stages between two probes
 * are those after the first probe's stage up to the second's (`start` comes
 * before every stage, `end` after all of them); a point naming a stage not in
 * `stageOrder` stands for that stage alone. A drift with no stage between the
 * probes (e.g. the last stage's probe and `end`) warns of nothing measured.
 */
export function driftWarnings(probes: CalibrationProbe[], stageOrder: string[], tolerance = DRIFT_TOLERANCE): DriftWarning[] {
  const warnings: DriftWarning[] = [];
  for (let i = 1; i < probes.length; i++) {
    const from = probes[i - 1]!;
    const to = probes[i]!;
    const stages = stagesBetween(from.point, to.point, stageOrder);
    const changes: [DriftMetric, number][] = [
      ['demand', relativeChange(from.demandMs, to.demandMs)],
      ['loop', relativeChange(from.loopMs, to.loopMs)],
    ];
    for (const [metric, change] of changes) {
      if (!(Math.abs(change) > tolerance)) continue;
      for (const stage of stages) warnings.push({ stage, fromPoint: from.point, toPoint: to.point, metric, change });
    }
  }
  return warnings;
}

function relativeChange(before: number, after: number): number {
  return before > 0 ? (after - before) / before : Number.NaN;
}

function stagesBetween(fromPoint: string, toPoint: string, order: string[]): string[] {
  const position = (point: string): number | null => {
    if (point === 'start') return -1;
    if (point === 'end') return order.length - 1;
    const stage = point.startsWith('after:') ? point.slice('after:'.length) : point;
    const i = order.indexOf(stage);
    return i >= 0 ? i : null;
  };
  const a = position(fromPoint);
  const b = position(toPoint);
  if (b === null) return [toPoint.replace(/^after:/, '')];
  if (a === null) return order.slice(b, b + 1);
  return order.slice(a + 1, b + 1);
}

/** What a capacity answer measures, for `normalise`. */
export type NormaliseKind = 'throughput' | 'users' | 'cpu';

/**
 * Expresses a capacity answer measured here as it would be on the reference
 * host. The model: the API is CPU-bound and every request costs D0 × k of CPU,
 * with k the same for all requests, so a host with speed index s does the work
 * of the reference in 1/s of the CPU time. Then
 *   throughput at a CPU limit  X_ref = X / s   (X ≈ cores / D)
 *   users at a fixed SLO        N_ref = N / s   (N ≈ X · (R + Z), with R pinned by the SLO)
 *   CPU needed for a load       C_ref = C · s
 * Limits: the index is one core of single-threaded Python with a small model; it
 * does not see memory bandwidth (large models), more cores, the load generator,
 * the network, or noise that changes during a stage (see `driftWarnings`).
 * Memory is not speed and is never normalised; latency only scales at low load,
 * where it is mostly D, so it is left as measured.
 */
export function normalise(value: number, speedIndex: number, kind: NormaliseKind): number {
  if (!(speedIndex > 0) || !Number.isFinite(speedIndex)) throw new RangeError(`speed index must be a positive number, got ${speedIndex}`);
  return kind === 'cpu' ? value * speedIndex : value / speedIndex;
}
