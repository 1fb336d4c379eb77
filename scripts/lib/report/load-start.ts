import type { TrialResult } from '../results/types.ts';

/** When Locust started, as Unix ms, and whether that is an estimate. */
export interface LoadStart {
  ms: number;
  estimated: boolean;
}

/**
 * The zero of a trial's timeline. Results that record `timing.loadStartedAt`
 * give it exactly; older ones only have the trial start and the setup time,
 * and Locust started shortly after setup ended (after the warm-up request),
 * so `startedAt + setupMs` is a lower bound the report labels as estimated.
 * `null` when even the trial start does not parse.
 */
export function loadStart(trial: TrialResult): LoadStart | null {
  const recorded = trial.timing.loadStartedAt === undefined ? Number.NaN : Date.parse(trial.timing.loadStartedAt);
  if (Number.isFinite(recorded)) return { ms: recorded, estimated: false };
  const started = Date.parse(trial.timing.startedAt);
  return Number.isFinite(started) ? { ms: started + trial.timing.setupMs, estimated: true } : null;
}

/** A container event worth marking on a timeline. */
export interface TimelineMarker {
  /** Seconds since Locust started (may be negative: before the load). */
  s: number;
  kind: 'oom' | 'die' | 'restart';
  /** Exit code for `die`, when the container recorded one. */
  exitCode: number | null;
}

/**
 * OOM kills, exits and restarts of the API containers, on the timeline's
 * clock. A kernel OOM kill shows as `oom` then `die` within milliseconds; the
 * `die` is dropped then, so one event gets one marker.
 */
export function timelineMarkers(trial: TrialResult): TimelineMarker[] {
  const zero = loadStart(trial);
  if (zero === null) return [];
  const markers: TimelineMarker[] = [];
  for (const container of trial.containers) {
    let died = false;
    const ooms = container.events.filter((event) => event.action === 'oom').map((event) => event.t);
    for (const event of container.events) {
      const s = Math.round((event.t - zero.ms) / 100) / 10;
      if (event.action === 'oom') markers.push({ s, kind: 'oom', exitCode: null });
      else if (event.action === 'die') {
        died = true;
        if (!ooms.some((t) => Math.abs(t - event.t) < 2000)) markers.push({ s, kind: 'die', exitCode: container.exitCode });
      } else if (event.action === 'start' && died) markers.push({ s, kind: 'restart', exitCode: null });
    }
  }
  return markers.sort((a, b) => a.s - b.s);
}
