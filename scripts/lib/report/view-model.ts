import { storedVerdicts } from './trial-verdicts.ts';
import type { LabResult } from '../results/types.ts';
import type { ChartSvgs } from './charts/build-chart-specs.ts';
import { commandView, type CommandView } from './command-view.ts';
import { embedJson } from './embed-json.ts';
import type { Messages } from './i18n.ts';
import { RESULT_FILE } from './load-result.ts';
import { reportDigest } from './report-digest.ts';
import { emptyRunFiles, type RunFiles } from './read-run-files.ts';
import { createReportContext } from './report-context.ts';
import { buildRunFacts, type RunFactsView } from './run-facts.ts';
import { capacitySection, type CapacitySectionView } from './sections/capacity-section.ts';
import { hostSection, type HostSectionView } from './sections/host-section.ts';
import { buildStageViews, type StageViews } from './sections/stage-views.ts';
import { buildSummary, type SummaryView } from './summary-view.ts';
import { buildTrialRow, buildTrialView, type TrialRowView, type TrialView } from './trial-view.ts';
import { buildWarnings, type WarningsView } from './warnings-view.ts';

export type { CommandView };

/** Everything `report.hbs` shows, already formatted. Templates only read it. */
export interface ReportView {
  lang: string;
  resultFile: string;
  run: {
    id: string;
    profile: string;
    startedAtIso: string;
    startedAt: string;
    finishedAtIso: string | null;
    finishedAt: string;
    trialCount: string;
  };
  facts: RunFactsView;
  summary: SummaryView;
  warnings: WarningsView;
  stages: StageViews;
  /** Host speed and noise, when the run was calibrated. */
  host: HostSectionView | null;
  /** The capacity plan for the target crowd, when the run stored one. */
  capacity: CapacitySectionView | null;
  /** Table of contents: the stage sections present, in the workshop's order. */
  toc: { anchor: string; number: string; title: string }[];
  trialRows: TrialRowView[];
  trials: TrialView[];
  commands: CommandView[];
  /** The result's digest (see report-digest.ts), serialized for a script element; `<` is escaped. */
  resultJson: string;
}

export interface ViewModelInput {
  messages: Messages;
  /** Rendered charts; see `render-charts.ts`. */
  charts: ChartSvgs;
  /** Config files read from the run folder; see `read-run-files.ts`. */
  files?: RunFiles;
}

/** Pure: the result plus pre-rendered charts and file texts become the template's view model. */
export function buildViewModel(result: LabResult, { messages, charts, files = emptyRunFiles() }: ViewModelInput): ReportView {
  const ctx = createReportContext(result, messages, charts, files);
  const { t, f, none } = ctx;
  const verdicts = storedVerdicts(result);
  const stages = buildStageViews(ctx);
  return {
    lang: messages.lang,
    resultFile: RESULT_FILE,
    run: {
      id: result.runId,
      profile: result.profile,
      startedAtIso: result.startedAt,
      startedAt: f.utcDateTime(result.startedAt) ?? none,
      finishedAtIso: result.finishedAt,
      finishedAt: f.utcDateTime(result.finishedAt) ?? t('run.inProgress'),
      trialCount: f.count(result.trials.length) ?? none,
    },
    facts: buildRunFacts(ctx),
    summary: buildSummary(ctx),
    warnings: buildWarnings(ctx),
    stages,
    host: result.calibration ? hostSection(ctx, result.calibration) : null,
    capacity: result.capacity ? capacitySection(ctx, result.capacity) : null,
    toc: Object.values(stages).filter((stage) => stage !== null).map(({ anchor, number, title }) => ({ anchor, number, title })),
    trialRows: result.trials.map((trial) => buildTrialRow(trial, verdicts.get(trial.spec.id), messages, f)),
    trials: result.trials.map((trial, i) => buildTrialView(trial, verdicts.get(trial.spec.id), charts.timelines[i] ?? null, messages, f)),
    commands: result.commands.map((command, i) => commandView(command, i, messages, f)),
    resultJson: embedJson(reportDigest(result)),
  };
}
