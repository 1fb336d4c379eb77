import { trialLabel } from './trial-label.ts';
import type { FailurePhase, PointMeasurement, TrialCause, TrialFiles, TrialResult } from '../results/types.ts';
import { MAX_TIMELINE_CHARTS } from './charts/build-chart-specs.ts';
import { containerView, type ContainerView } from './container-view.ts';
import { endpointsView, failuresView, type EndpointView, type FailureView } from './endpoints-view.ts';
import { fileHref } from './file-link.ts';
import type { Formatters } from './format.ts';
import type { Messages, Translate } from './i18n.ts';
import { loadStart } from './load-start.ts';
import { hostCpuText, intervalNote, msText, ratioText, type TextKit } from './measure-text.ts';
import { redactCommand } from './redact-text.ts';
import { formatCommand } from './shell-quote.ts';

/** Status as the badge shows it; `className` is derived from a validated literal. */
export interface StatusView {
  literal: string;
  text: string;
  className: string;
}

/** The SLO verdict beside the outcome: a trial that ran to its end may still miss the SLO. */
export interface SloBadgeView {
  text: string;
  /** `verdict-meets`, `verdict-misses`, `verdict-undecided`, `verdict-not-judged`, or `verdict-none` for a trial no point judged. */
  className: string;
}

/** The stored verdict of the point a trial belongs to (`trial-verdicts.ts`), or "not judged" when none. */
export function sloBadge(point: PointMeasurement | undefined, { t }: Messages): SloBadgeView {
  return point ? { text: t(`verdict.${point.verdict}`), className: `verdict-${point.verdict}` } : { text: t('trials.notJudged'), className: 'verdict-none' };
}

/** One row of the trials table. */
export interface TrialRowView {
  anchor: string;
  label: string;
  status: StatusView;
  slo: SloBadgeView;
  cause: string | null;
  users: string;
  cpuLimit: string;
  memoryLimit: string;
  rps: string;
  p50: string;
  p95: string;
  p99: string;
  failures: string;
  failureRatio: string;
  apiPeakCpu: string;
  apiPeakMemory: string;
  locustPeakCpu: string;
  duration: string;
}

/** One trial's section below the table. */
export interface TrialView {
  anchor: string;
  label: string;
  status: StatusView;
  slo: SloBadgeView;
  /** The folded section's summary line: outcome, verdict, throughput, p95 and window. */
  oneLine: string;
  /** The cause in the report's language. */
  causeText: string | null;
  phase: string | null;
  engineError: string | null;
  /** Outside text the cause carries, as recorded. */
  causeDetail: string | null;
  image: string;
  /** The stage that planned the trial (its literal, e.g. `memory-floor`). */
  stage: string;
  imageId: string;
  apiCommand: string;
  /** Which engine ran the trial's containers (older results: compose). */
  engine: string;
  requested: string;
  applied: string;
  locustExitCode: string;
  window: string;
  /**
   * What the summary measured, as label and sentence: p95 with its interval,
   * failures, censored requests, stability, Little's law, service demand and
   * think time, host CPU. Empty when the trial has no summary.
   */
  measures: { label: string; value: string }[];
  timing: string;
  chartSvg: string | null;
  /** Why there is no chart, when there is none. */
  timelineNote: string;
  /** Accessible name for the chart figure (Vega does not put one on the SVG). */
  chartLabel: string;
  /** What the chart shows, and whether its event markers are placed by an estimate. */
  chartCaption: string;
  containers: ContainerView[];
  flags: { literal: string; text: string }[];
  endpoints: EndpointView[];
  /** Headers of the endpoint table's percentile columns beyond median, p95 and p99. */
  endpointPercentiles: string[];
  failures: FailureView[];
  /** Some failure rows carry their endpoint's times: the table gets a note. */
  failuresEndpointScope: boolean;
  files: { label: string; path: string; href: string | null }[];
}

// The order the raw files are listed in: setup first, then what Locust wrote,
// then what the engine recorded, then the trial's own summary.
const FILE_ORDER: readonly (keyof TrialFiles)[] = [
  'compose', 'requestsCsv', 'phases', 'statsCsv', 'historyCsv', 'failuresCsv', 'exceptionsCsv',
  'statsNdjson', 'apiInspect', 'apiLog', 'locustLog', 'trialJson',
];

export const trialAnchor = (trial: TrialResult): string => `trial-${trial.spec.id}`;

export function statusView(trial: TrialResult, { t }: Messages): StatusView {
  return { literal: trial.status, text: t(`status.${trial.status}`), className: `status-${trial.status}` };
}

/**
 * The cause in the report's language, from its message id and values
 * (`cause.<id>`). A trial that did not pass but recorded no cause (hand-made
 * results) reads as its status. `null` for a passed trial.
 */
export function localizedCause(trial: TrialResult, { t }: Messages): string | null {
  if (trial.status === 'passed') return null;
  const cause = trial.cause;
  if (cause === null) return t(`status.${trial.status}`);
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(cause.values)) {
    // The detail is outside text, shown apart as evidence (`causeDetail`), never inside our sentence.
    if (name === 'detail') continue;
    params[name] = name === 'phase' ? t(`phase.${value as FailurePhase}`) : value === null ? '?' : (value as string | number);
  }
  return t(`cause.${cause.id}`, params).trim();
}

/**
 * The outside text a cause carries (Locust's last error line, an older lab's
 * sentence), shown as recorded; the engine's refusal has its own row (`engineError`).
 */
export function causeDetail(cause: TrialCause | null): string | null {
  if (cause === null || cause.id === 'engine-refused' || !('detail' in cause.values)) return null;
  return cause.values.detail;
}

export function buildTrialRow(trial: TrialResult, point: PointMeasurement | undefined, messages: Messages, f: Formatters): TrialRowView {
  const { t } = messages;
  const none = t('common.none');
  const s = trial.summary;
  const limits = trial.appliedLimits;
  // A null limit inside appliedLimits means "unlimited"; no appliedLimits means the
  // container never started, so there is nothing to show.
  const limit = (value: number | null | undefined, format: (v: number | null) => string | null): string =>
    limits === null ? none : value === null || value === undefined ? t('common.unlimited') : format(value) ?? none;
  return {
    anchor: trialAnchor(trial),
    label: trialLabel(trial.spec, messages, f),
    status: statusView(trial, messages),
    slo: sloBadge(point, messages),
    cause: localizedCause(trial, messages),
    users: f.count(trial.spec.users) ?? none,
    cpuLimit: limit(limits?.cpus, f.decimal2),
    memoryLimit: limit(limits?.memoryMb, f.count),
    rps: (s && f.rps(s.rps)) ?? none,
    p50: (s && f.ms(s.p50Ms)) ?? none,
    p95: (s && (s.p95AtLeast ? f.ms(s.p95Ms) && t('measure.atLeastShort', { value: f.ms(s.p95Ms)! }) : f.ms(s.p95Ms))) ?? none,
    p99: (s && f.ms(s.p99Ms)) ?? none,
    failures: (s && f.count(s.failures)) ?? none,
    failureRatio: (s && f.percentOfRatio(s.failureRatio)) ?? none,
    apiPeakCpu: (s && f.decimal1(s.apiPeakCpuPercent)) ?? none,
    apiPeakMemory: (s && f.decimal1(s.apiPeakMemoryMb)) ?? none,
    locustPeakCpu: (s && f.decimal1(s.locustPeakCpuPercent)) ?? none,
    duration: f.msAsSeconds(trial.timing.totalMs) ?? none,
  };
}

export function buildTrialView(trial: TrialResult, point: PointMeasurement | undefined, chartSvg: string | null, messages: Messages, f: Formatters): TrialView {
  const { t } = messages;
  const none = t('common.none');
  const { spec, appliedLimits: limits, timing } = trial;
  const orUnlimited = (value: string | null): string => value ?? t('common.unlimited');
  const status = statusView(trial, messages);
  const slo = sloBadge(point, messages);
  const endpoints = endpointsView(trial, t, f, none);
  const failures = failuresView(trial, t, f, none);
  return {
    anchor: trialAnchor(trial),
    label: trialLabel(spec, messages, f),
    status,
    slo,
    oneLine: oneLine(trial, [status.text, slo.text], messages, f),
    causeText: localizedCause(trial, messages),
    phase: trial.failurePhase === null ? null : t(`phase.${trial.failurePhase}`),
    engineError: trial.engineError,
    causeDetail: causeDetail(trial.cause),
    image: spec.image,
    imageId: trial.imageId ?? none,
    apiCommand: formatCommand(redactCommand(spec.command)),
    stage: spec.stage,
    engine: t(`trial.engineValue.${spec.engine ?? 'compose'}`),
    requested: t('trial.requestedValue', {
      cpus: f.decimal2(spec.cpus) ?? none, memoryMb: f.count(spec.memoryMb) ?? none, users: f.count(spec.users) ?? none,
      spawnRate: f.decimal2(spec.spawnRate) ?? none, runTimeS: f.count(spec.runTimeS) ?? none,
    }),
    applied: limits === null ? none : t('trial.appliedValue', {
      cpus: orUnlimited(f.decimal2(limits.cpus)), memoryMb: orUnlimited(f.count(limits.memoryMb)),
      swapMb: orUnlimited(f.count(limits.memorySwapMb)),
    }),
    locustExitCode: trial.locustExitCode === null ? none : String(trial.locustExitCode),
    window: windowText(trial, t, f) ?? none,
    measures: measures(trial, { t, f, none }),
    timing: t('trial.timingValue', {
      setup: f.msAsSeconds(timing.setupMs) ?? none, load: f.msAsSeconds(timing.loadMs) ?? none,
      teardown: f.msAsSeconds(timing.teardownMs) ?? none, total: f.msAsSeconds(timing.totalMs) ?? none,
    }),
    chartSvg,
    timelineNote: chartSvg !== null ? '' : trial.timeline.length === 0 ? t('trial.noTimeline') : t('trial.timelineNotDrawn', { max: MAX_TIMELINE_CHARTS }),
    chartLabel: t('chart.timelineDescription', { label: trialLabel(spec, messages, f) }),
    chartCaption: t(loadStart(trial)?.estimated === false ? 'trial.timelineCaption' : 'trial.timelineCaptionEstimated'),
    containers: trial.containers.map((container) => containerView(container, timing.startedAt, messages, f)),
    flags: trial.flags.map((flag) => ({ literal: flag, text: t(`flag.${flag}`) })),
    endpoints: endpoints.rows,
    endpointPercentiles: endpoints.extraHeaders,
    failures,
    failuresEndpointScope: failures.some((row) => row.endpointScope),
    files: FILE_ORDER.flatMap((key) => {
      // Older results lack the newer keys; one Locust process writes one requests file.
      const paths = [trial.files[key] ?? []].flat();
      return paths.map((filePath) => ({ label: t(`files.${key}`), path: filePath, href: fileHref(filePath) }));
    }),
  };
}

/** The window the trial's summary covers, in words; `null` without a summary. */
/** What a folded trial shows: `ran · meets the SLO · 54.3 req/s · p95 1,007 ms · 1,983 requests in 36.0 s`. */
function oneLine(trial: TrialResult, badges: string[], messages: Messages, f: Formatters): string {
  const { t } = messages;
  const s = trial.summary;
  const parts = [...badges];
  if (s) {
    parts.push(t('measure.rps', { value: f.rps(s.rps) ?? t('common.none') }));
    if (s.p95Ms !== null) parts.push(`p95 ${s.p95AtLeast ? t('measure.msAtLeast', { value: f.ms(s.p95Ms)! }) : t('measure.ms', { value: f.ms(s.p95Ms)! })}`);
    if (s.window) parts.push(t('trial.oneLineWindow', { requests: f.count(s.window.requests) ?? '', seconds: f.decimal1(s.window.durationS) ?? '' }));
  }
  return parts.join(' · ');
}

function windowText(trial: TrialResult, t: Translate, f: Formatters): string | null {
  const summary = trial.summary;
  if (!summary) return null;
  const w = summary.window;
  if (w === null) return t('trial.windowMigrated');
  return t(w.basis === 'request-samples' ? 'trial.windowSamples' : 'trial.windowLocust', {
    duration: f.decimal1(w.durationS) ?? '', startS: f.decimal1(w.startS) ?? '', endS: f.decimal1(w.endS) ?? '',
    warmup: f.decimal1(w.warmupS) ?? '', requests: f.count(w.requests) ?? '',
  });
}

/** The summary's measurements beyond the table's numbers, each in one sentence. */
function measures(trial: TrialResult, kit: TextKit): { label: string; value: string }[] {
  const { t, f, none } = kit;
  const s = trial.summary;
  if (!s) return [];
  const notMeasured = t('common.notMeasured');
  const note = intervalNote(kit, s.intervals?.p95Ms);
  const p95 = msText(kit, s.p95Ms, s.p95AtLeast, s.intervals?.p95Ms ?? null);
  const stability = s.stability;
  const trend = stability?.p95Trend ?? null;
  const stabilityText = stability === null
    ? (s.window === null ? notMeasured : t('trial.stabilityNone'))
    : t(stability.stable ? 'trial.stabilityStable' : 'trial.stabilityUnstable', {
      count: f.count(stability.subWindows.length) ?? none, sub: f.decimal2(stability.subWindowS) ?? none,
      tolerance: f.shareOfRatio(stability.tolerance) ?? none,
      rpsSpread: f.shareOfRatio(stability.rpsSpread) ?? none, p95Spread: f.shareOfRatio(stability.p95Spread) ?? none,
    }) + (trend === null ? '' : t('trial.p95Trend', { trend: f.signedPercent(trend * 100) ?? none }));
  const ll = s.littlesLaw;
  const demand = f.decimal1(s.serviceDemandMs);
  const think = f.decimal2(s.thinkTimeS);
  return [
    {
      label: t('trial.p95'),
      value: s.p95AtLeast ? t('trial.p95AtLeast', { p95 }) : note ? t('trial.p95WithNote', { p95, note }) : p95,
    },
    {
      label: t('trial.failures'),
      value: t('trial.failuresValue', { failures: f.count(s.failures) ?? none, requests: f.count(s.requests) ?? none, ratio: ratioText(kit, s.failureRatio, s.intervals?.failureRatio ?? null) }),
    },
    {
      label: t('trial.censored'),
      value: s.window === null ? notMeasured : s.censored === 0 ? t('trial.censoredNone')
        : t('trial.censoredValue', { count: f.count(s.censored) ?? none, age: f.msAsSeconds(s.censoredMaxAgeMs) ?? none }),
    },
    ...(s.activeUsers == null ? [] : [{
      label: t('trial.activeUsers'),
      value: t(s.activeUsers === trial.spec.users ? 'trial.activeUsersSame' : 'trial.activeUsersValue', { seen: f.count(s.activeUsers) ?? none, asked: f.count(trial.spec.users) ?? none }),
    }]),
    { label: t('trial.stability'), value: stabilityText },
    {
      label: t('trial.littlesLaw'),
      value: ll === null ? (s.window === null ? notMeasured : t('trial.littlesLawNone')) : t('trial.littlesLawValue', {
        users: f.decimal2(ll.users) ?? none, predicted: f.decimal1(ll.predictedUsers) ?? none, deviation: f.shareOfRatio(ll.deviation) ?? none,
      }),
    },
    {
      label: t('trial.demand'),
      value: demand === null && think === null ? notMeasured
        : t('trial.demandValue', { demand: demand ?? none, think: think ?? none }),
    },
    { label: t('trial.hostCpu'), value: hostCpuText(kit, trial.hostCpu) },
  ];
}
