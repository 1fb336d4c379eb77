import { trialLabel } from '../trial-label.ts';
import type { CommandRecord, StageBase, StageResults, TrialResult } from '../../results/types.ts';
import { STAGE_KEYS, STAGE_KEY_ORDER, type StageKey } from '../../results/stage-keys.ts';
import { commandView, type CommandView } from '../command-view.ts';
import { fileHref } from '../file-link.ts';
import type { RunFileText } from '../read-run-files.ts';
import { redactConfigText } from '../redact-text.ts';
import type { ReportContext } from '../report-context.ts';
import { statusView, trialAnchor, type StatusView } from '../trial-view.ts';
import { shownFileTrials } from './shown-files.ts';

export type { StageKey } from '../../results/stage-keys.ts';

/** The workshop's order; sections and summary rows follow it. */
export const STAGE_ORDER: readonly StageKey[] = STAGE_KEY_ORDER;

/** A stage's anchor is its command-line name: `stage-max-users`. */
const ANCHORS = Object.fromEntries(Object.entries(STAGE_KEYS).map(([name, key]) => [key, `stage-${name}`])) as Record<StageKey, string>;
export const stageAnchor = (key: StageKey): string => ANCHORS[key];

/** A chart as the template places it: inline SVG in a labelled figure. */
export interface ChartView {
  /** Produced by Vega from our own spec; Vega escapes every text it writes. */
  chartSvg: string;
  label: string;
  caption: string;
}

/** A config file shown in full (compose, nginx), already redacted. */
export interface ConfigFileView {
  title: string;
  path: string;
  href: string | null;
  text: string | null;
  /** Why the text is not shown, when it is not. */
  note: string | null;
}

export interface TrialLinkView {
  anchor: string;
  label: string;
  status: StatusView;
}

/** What every notebook section has, whatever the stage. */
export interface StageSectionView {
  anchor: string;
  number: string;
  title: string;
  /** The question the stage answers, one line. */
  question: string;
  narrative: string;
  /** The stage's own error text (data), when it could not reach a verdict. */
  error: string | null;
  /** Wall time, Locust time and trial count. */
  meta: string;
  findings: string[];
  charts: ChartView[];
  commands: CommandView[];
  commandCount: string;
  /** Few commands are shown open; many are folded so the notebook reads on. */
  commandsOpen: boolean;
  files: ConfigFileView[];
  trials: TrialLinkView[];
}

export interface SectionParts {
  findings: string[];
  charts?: ChartView[];
  /** Commands of the stage when they are not the ones of its trials (publish). */
  commands?: (command: CommandRecord) => boolean;
}

const OPEN_COMMANDS = 8;

export function stageSection(ctx: ReportContext, key: StageKey, stage: StageBase, parts: SectionParts): StageSectionView {
  const { t, f, none, result } = ctx;
  const trialIds = new Set(stage.trialIds);
  const belongs = parts.commands ?? ((command: CommandRecord) => command.trialId !== null && trialIds.has(command.trialId));
  const commands = result.commands.flatMap((command, i) => (belongs(command) ? [commandView(command, i, ctx.messages, f)] : []));
  const trials = stage.trialIds.map((id) => ctx.trial(id)).filter((trial): trial is TrialResult => trial !== undefined);
  return {
    anchor: stageAnchor(key),
    number: String(STAGE_ORDER.indexOf(key) + 1),
    title: t(`stage.${key}.title`),
    question: t(`stage.${key}.question`),
    narrative: t(`stage.${key}.narrative`),
    error: stage.error,
    meta: t('stage.meta', {
      duration: f.msAsSeconds(stage.durationMs) ?? none, load: f.msAsSeconds(stage.loadMs) ?? none, trials: f.count(trials.length) ?? none,
    }),
    findings: parts.findings,
    charts: parts.charts ?? [],
    commands,
    commandCount: f.count(commands.length) ?? none,
    commandsOpen: commands.length <= OPEN_COMMANDS,
    files: configFiles(ctx, shownFileTrials(result)[key]),
    trials: trials.map((trial) => trialLink(ctx, trial)),
  };
}

export function trialLink(ctx: ReportContext, trial: TrialResult): TrialLinkView {
  return { anchor: trialAnchor(trial), label: trialLabel(trial.spec, ctx.messages, ctx.f), status: statusView(trial, ctx.messages) };
}

/** A chart view, or nothing when the chart had no data. */
export function chartView(svg: string | null, label: string, caption: string): ChartView[] {
  return svg === null ? [] : [{ chartSvg: svg, label, caption }];
}

function configFiles(ctx: ReportContext, ids: readonly string[]): ConfigFileView[] {
  const views: ConfigFileView[] = [];
  for (const id of new Set(ids)) {
    const trial = ctx.trial(id);
    if (!trial) continue;
    const compose = ctx.files.compose.get(trial.spec.id);
    views.push(fileView(ctx, ctx.t('stage.composeOf', { label: trialLabel(trial.spec, ctx.messages, ctx.f) }), compose ?? { path: trial.files.compose, text: null, missing: 'not-found' }));
    const nginx = ctx.files.nginx.get(trial.spec.id);
    if (nginx) views.push(fileView(ctx, ctx.t('stage.nginxOf', { label: trialLabel(trial.spec, ctx.messages, ctx.f) }), nginx));
  }
  return views;
}

function fileView(ctx: ReportContext, title: string, file: RunFileText): ConfigFileView {
  return {
    title, path: file.path, href: fileHref(file.path),
    text: file.text === null ? null : redactConfigText(file.text),
    note: file.missing === null ? null : ctx.t(`stage.fileMissing.${file.missing}`),
  };
}
