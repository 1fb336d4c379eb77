import * as v from 'valibot';

/** The host's CPU as `/proc/stat` saw it over a span of time. */
export const HostCpuUseSchema = v.object({
  /** Seconds covered. */
  seconds: v.number(),
  /** Share of all CPUs' time stolen by the hypervisor (0..1). */
  steal: v.number(),
  /** Share of all CPUs' time busy (user, nice, system, irq, softirq). */
  busy: v.number(),
  /** Busy share used by processes outside the lab's containers (0..1 of the whole host); `null` without container numbers. */
  outsideLab: v.nullable(v.number()),
});
export type HostCpuUse = v.InferOutput<typeof HostCpuUseSchema>;

/**
 * A calibration probe (issue "Know the host"): a fixed reference workload on the
 * demo API at a fixed CPU limit with no queueing (one user, no think time), plus
 * a fixed compute loop in the same container. Repeated through the run to see drift.
 */
export const CalibrationProbeSchema = v.object({
  /** ISO time the probe started. */
  at: v.string(),
  /** Where in the run: `start`, `after:<stage>`, or `end`. */
  point: v.string(),
  /** Requests answered in the probe. */
  requests: v.number(),
  /** Seconds of requests. */
  durationS: v.number(),
  /** Median single-user latency, ms. */
  p50Ms: v.number(),
  /** Mean single-user latency, ms. */
  meanMs: v.number(),
  /** Service demand D0: API CPU-seconds per request, in ms (cgroup CPU time / requests). */
  demandMs: v.number(),
  /** Wall time of the fixed compute loop, ms (lower is faster). */
  loopMs: v.number(),
  /** Host speed index of this probe: reference D0 / measured D0 (1 = the reference host, 2 = twice as fast). */
  speedIndex: v.number(),
});
export type CalibrationProbe = v.InferOutput<typeof CalibrationProbeSchema>;

/** A capacity answer measured here and scaled to the reference host (`host/speed-index.ts` `normalise`). */
export const ReferenceAnswerSchema = v.object({
  /** As measured on this host. */
  measured: v.number(),
  /** The same answer on the reference host: users and req/s divided by the speed index, CPUs multiplied by it. */
  onReference: v.number(),
});
export type ReferenceAnswer = v.InferOutput<typeof ReferenceAnswerSchema>;

/** The run's capacity answers in reference-host units; a field is `null` when its stage gave no answer. */
export const ReferenceAnswersSchema = v.object({
  /** The run's median speed index, the factor every answer was scaled by. */
  speedIndex: v.number(),
  /** Max users within the SLO (max-users stage). */
  maxUsers: v.nullable(ReferenceAnswerSchema),
  /** Throughput at that crowd, req/s. */
  rpsAtAnswer: v.nullable(ReferenceAnswerSchema),
  /** The smallest CPU limit meeting the SLO in the sweep, cores. */
  minimumCpus: v.nullable(ReferenceAnswerSchema),
  /** The best worker setup's throughput at the crowd of its gain, req/s. */
  bestRps: v.nullable(ReferenceAnswerSchema),
});
export type ReferenceAnswers = v.InferOutput<typeof ReferenceAnswersSchema>;

const DriftMetricSchema = v.picklist(['demand', 'loop']);

/** What the lab knows about the host's speed and noise in this run. */
export const HostCalibrationSchema = v.object({
  /** CPU model from `/proc/cpuinfo`. */
  cpuModel: v.string(),
  /** The reference D0 (ms) that speed index 1 stands for, and where it was measured. */
  reference: v.object({ demandMs: v.number(), host: v.string() }),
  /** Every probe, in order. */
  probes: v.array(CalibrationProbeSchema),
  /** Points whose probe failed (the engine gone, the reference API not answering), with the error; absent in older results. */
  missed: v.optional(v.array(v.object({ point: v.string(), error: v.string() }))),
  /** Median speed index over the probes; `null` before the first probe. */
  speedIndex: v.nullable(v.number()),
  /** (max - min) / median of the probes' D0; `null` with fewer than 2 probes. */
  drift: v.nullable(v.number()),
  /** Stages measured across a drift of more than 10 % between two probes, and by how much. */
  drifts: v.array(v.object({ stage: v.string(), fromPoint: v.string(), toPoint: v.string(), metric: DriftMetricSchema, change: v.number() })),
  /** Host CPU use before the run started (the busy-host check). */
  idleCheck: v.nullable(HostCpuUseSchema),
  /** What the busy-host check decided: `quiet`, or busy and then `waited` (until quiet), `forced` (went on with a warning). */
  idleVerdict: v.nullable(v.picklist(['quiet', 'waited', 'forced'])),
  /** Host CPU use over the whole run. */
  run: v.nullable(HostCpuUseSchema),
  /** The capacity answers as they would be on the reference host; absent in older results, `null` without a speed index. */
  onReference: v.optional(v.nullable(ReferenceAnswersSchema)),
});
export type HostCalibration = v.InferOutput<typeof HostCalibrationSchema>;
