import type { TopLevelSpec } from 'vega-lite';
import type { LabResult, TrialResult } from '../../results/types.ts';
import type { Formatters } from '../format.ts';
import type { Translate } from '../i18n.ts';
import { allShownFileTrials } from '../sections/shown-files.ts';
import { capacityChart } from './capacity-chart.ts';
import { memoryFloorChart } from './memory-floor-chart.ts';
import { replicasChart } from './replicas-chart.ts';
import { sweepChart } from './sweep-chart.ts';
import { DEFAULT_TIMELINE_POINTS, timelineChart } from './timeline-chart.ts';
import { usersCurveChart } from './users-curve-chart.ts';
import { workersChart } from './workers-chart.ts';

/** Charts of the stage sections (and the capacity plan's), by the section that shows them. */
export type StageChartKey = 'memoryFloor' | 'sweep' | 'replicas' | 'workers' | 'maxUsers' | 'capacity';

/** Every chart of one report as Vega-Lite specs; `null` where there is nothing to draw. */
export interface ChartSpecs {
  stages: Record<StageChartKey, TopLevelSpec | null>;
  /** One per trial, in `result.trials` order. */
  timelines: (TopLevelSpec | null)[];
}

/** Rendered counterpart of `ChartSpecs`: SVG strings. */
export interface ChartSvgs {
  stages: Record<StageChartKey, string | null>;
  timelines: (string | null)[];
}

/** Total timeline points per series across the page; see `timelinePoints`. */
const PAGE_POINT_BUDGET = 12_000;
/** Timelines drawn on one page at most; see `drawnTimelines`. */
export const MAX_TIMELINE_CHARTS = 60;

/**
 * Points per timeline series. A few trials get the full default; a run with
 * hundreds of trials shares a page budget so the HTML stays a few MB, with a
 * floor that still shows a 10-minute trial's shape (LTTB keeps the peaks).
 */
export function timelinePoints(trialCount: number): number {
  return Math.max(60, Math.min(DEFAULT_TIMELINE_POINTS, Math.floor(PAGE_POINT_BUDGET / Math.max(1, trialCount))));
}

/**
 * Which trials get a drawn timeline. Every one, up to `MAX_TIMELINE_CHARTS`;
 * past that (a workshop-size sweep has hundreds of trials) a page of charts
 * would take many seconds and megabytes for evidence few read, so the trials
 * that carry an answer or a failure come first, then the rest in run order.
 * The others keep their linked per-second files, and the page says so.
 */
export function drawnTimelines(result: LabResult): Set<string> {
  const ids = result.trials.map((trial) => trial.spec.id);
  if (ids.length <= MAX_TIMELINE_CHARTS) return new Set(ids);
  const priority = [
    ...allShownFileTrials(result),
    ...result.trials.filter((trial) => trial.status !== 'passed' || trial.flags.includes('generator-saturated')).map((trial) => trial.spec.id),
    ...ids,
  ];
  return new Set([...new Set(priority)].slice(0, MAX_TIMELINE_CHARTS));
}

/** Pure: the result becomes the specs of every chart on the page. */
export function buildChartSpecs(result: LabResult, t: Translate, f: Formatters, labelOf: (trial: TrialResult) => string = (trial) => trial.spec.label): ChartSpecs {
  const { stages, slo } = result;
  const drawn = drawnTimelines(result);
  const maxPoints = timelinePoints(drawn.size);
  return {
    stages: {
      memoryFloor: stages.memoryFloor ? memoryFloorChart(stages.memoryFloor, t) : null,
      sweep: stages.sweep ? sweepChart(stages.sweep, slo, t, f) : null,
      replicas: stages.replicas ? replicasChart(stages.replicas, t, f) : null,
      workers: stages.workers ? workersChart(stages.workers, slo, t, f) : null,
      maxUsers: stages.maxUsers ? usersCurveChart(stages.maxUsers, slo, t, f) : null,
      capacity: result.capacity ? capacityChart(result.capacity, t, f) : null,
    },
    timelines: result.trials.map((trial) => (drawn.has(trial.spec.id) ? timelineChart(trial, t, { slo, maxPoints, label: labelOf(trial), f }) : null)),
  };
}
