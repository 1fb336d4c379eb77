import type { HostCpuUse, Interval, PointMeasurement } from '../results/types.ts';
import type { Formatters } from './format.ts';
import type { Translate } from './i18n.ts';

/** What the measurement texts need: messages, number formats and the placeholder. */
export interface TextKit {
  t: Translate;
  f: Formatters;
  none: string;
}

/**
 * A latency with its interval, as every table and sentence shows it:
 * `470 ms (410–530)`, `more than 470 ms` when censored requests make it a lower
 * bound, `470 ms` without an interval, the placeholder without a value.
 */
export function msText({ t, f, none }: TextKit, value: number | null, atLeast = false, interval: Interval | null = null): string {
  const v = f.ms(value);
  if (v === null) return none;
  if (atLeast) return t('measure.msAtLeast', { value: v });
  const low = interval ? f.ms(interval.low) : null;
  const high = interval ? f.ms(interval.high) : null;
  return low !== null && high !== null ? t('measure.msInterval', { value: v, low, high }) : t('measure.ms', { value: v });
}

/** Requests/s with its interval: `52.3 req/s (50.1–54.0)`. */
export function rpsText({ t, f, none }: TextKit, value: number | null, interval: Interval | null = null): string {
  const v = f.rps(value);
  if (v === null) return none;
  const low = interval ? f.rps(interval.low) : null;
  const high = interval ? f.rps(interval.high) : null;
  return low !== null && high !== null ? t('measure.rpsInterval', { value: v, low, high }) : t('measure.rps', { value: v });
}

/** A ratio (failures) as a percentage with its interval: `0.2% (0–0.76%)`. */
export function ratioText({ t, f, none }: TextKit, value: number | null, interval: Interval | null = null): string {
  const v = f.percentOfRatio(value);
  if (v === null) return none;
  const low = interval ? f.percentOfRatio(interval.low) : null;
  const high = interval ? f.percentOfRatio(interval.high) : null;
  return low !== null && high !== null ? t('measure.ratioInterval', { value: v, low, high }) : v;
}

/** How an interval was made: `95% interval, order statistics of the request samples`; empty without one. */
export function intervalNote({ t, f }: TextKit, interval: Interval | null | undefined): string {
  if (!interval) return '';
  return t('interval.note', { level: f.shareOfRatio(interval.level) ?? '', method: t(`interval.${interval.method}`) });
}

/**
 * The caption line that explains a table's brackets, from the intervals it
 * shows (each method and level once); `null` when it shows none.
 */
export function intervalCaption(kit: TextKit, intervals: readonly (Interval | null | undefined)[]): string | null {
  const notes = [...new Set(intervals.map((interval) => intervalNote(kit, interval)).filter((note) => note !== ''))];
  return notes.length === 0 ? null : kit.t('measure.intervalCaption', { notes: notes.join('; ') });
}

/** `1 run`, `3 runs`. */
export function runsText({ t, f }: TextKit, runs: number): string {
  return runs === 1 ? t('measure.runsOne') : t('measure.runsMany', { n: f.count(runs) ?? String(runs) });
}

/** The stored SLO verdict of a point, with the limit that decided a miss: `misses (the p95 limit)`. */
export function verdictText({ t }: TextKit, point: Pick<PointMeasurement, 'verdict' | 'binding'>): string {
  const verdict = t(`verdict.${point.verdict}`);
  return point.verdict === 'misses' && point.binding !== null ? t('verdict.missesBy', { verdict, binding: t(`binding.${point.binding}`) }) : verdict;
}

/** CSS suffix of a verdict (`meets`, `misses`, `undecided`, `not-judged`); the literal is validated on load. */
export const verdictClass = (point: Pick<PointMeasurement, 'verdict'>): string => `verdict-${point.verdict}`;

/** Host CPU over a span: `42% busy, 30% by processes outside the lab, steal 0%, over 9.1 s`; "not measured" without it. */
export function hostCpuText({ t, f, none }: TextKit, use: HostCpuUse | null): string {
  if (use === null) return t('common.notMeasured');
  const params = {
    busy: f.shareOfRatio(use.busy) ?? none, steal: f.shareOfRatio(use.steal) ?? none, seconds: f.decimal1(use.seconds) ?? none,
    outside: f.shareOfRatio(use.outsideLab) ?? none,
  };
  return t(use.outsideLab === null ? 'measure.hostCpuNoLab' : 'measure.hostCpu', params);
}
