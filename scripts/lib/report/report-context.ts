import type { LabResult, TrialResult } from '../results/types.ts';
import type { ChartSvgs } from './charts/build-chart-specs.ts';
import { createFormatters, type Formatters } from './format.ts';
import type { Messages, Translate } from './i18n.ts';
import type { RunFiles } from './read-run-files.ts';

/** What every section builder reads: the result, text and number formatting, and pre-rendered inputs. */
export interface ReportContext {
  result: LabResult;
  messages: Messages;
  t: Translate;
  f: Formatters;
  /** The placeholder for a missing value. */
  none: string;
  trial: (id: string | null | undefined) => TrialResult | undefined;
  charts: ChartSvgs;
  files: RunFiles;
}

export function createReportContext(result: LabResult, messages: Messages, charts: ChartSvgs, files: RunFiles): ReportContext {
  const byId = new Map(result.trials.map((trial) => [trial.spec.id, trial]));
  return {
    result, messages, t: messages.t, f: createFormatters(messages.locale), none: messages.t('common.none'),
    trial: (id) => (id === null || id === undefined ? undefined : byId.get(id)),
    charts, files,
  };
}
