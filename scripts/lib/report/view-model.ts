import type { CommandRecord, LabResult } from '../results/types.ts';
import { embedJson } from './embed-json.ts';
import { createFormatters, type Formatters } from './format.ts';
import type { Messages } from './i18n.ts';
import { RESULT_FILE } from './load-result.ts';
import { formatCommand } from './shell-quote.ts';
import { buildTrialView, buildTrialRow, type TrialRowView, type TrialView } from './trial-view.ts';

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
  host: {
    cpus: string; memoryGib: string; docker: string; compose: string;
    locust: string; node: string; os: string; cgroup: string;
  };
  warnings: string[];
  trialRows: TrialRowView[];
  trials: TrialView[];
  commands: CommandView[];
  /** `lab-result.json` serialized for a script element; `<` is already escaped. */
  resultJson: string;
}

export interface CommandView {
  index: string;
  trial: string;
  line: string;
  exitCode: string;
  failed: boolean;
  duration: string;
}

export interface ViewModelInput {
  messages: Messages;
  /** Rendered timeline SVG per trial, in `result.trials` order; `null` for no data. */
  chartSvgs: readonly (string | null)[];
}

/** Pure: the result plus pre-rendered charts become the template's view model. */
export function buildViewModel(result: LabResult, { messages, chartSvgs }: ViewModelInput): ReportView {
  const { t } = messages;
  const f = createFormatters(messages.locale);
  const none = t('common.none');
  const or = (value: string | null, fallback = none): string => value ?? fallback;

  return {
    lang: messages.lang,
    resultFile: RESULT_FILE,
    run: {
      id: result.runId,
      profile: result.profile,
      startedAtIso: result.startedAt,
      startedAt: or(f.utcDateTime(result.startedAt)),
      finishedAtIso: result.finishedAt,
      finishedAt: or(f.utcDateTime(result.finishedAt), t('run.inProgress')),
      trialCount: or(f.count(result.trials.length)),
    },
    host: {
      cpus: or(f.count(result.host.cpus)),
      memoryGib: or(f.bytesAsGib(result.host.memoryBytes)),
      docker: result.host.dockerVersion,
      compose: result.host.compose,
      locust: or(result.host.locustVersion, t('common.notProbed')),
      node: result.host.node,
      os: result.host.os,
      cgroup: String(result.host.cgroupVersion),
    },
    warnings: [...result.warnings],
    trialRows: result.trials.map((trial) => buildTrialRow(trial, messages, f)),
    trials: result.trials.map((trial, i) => buildTrialView(trial, chartSvgs[i] ?? null, messages, f)),
    commands: result.commands.map((command, i) => commandView(command, i, messages, f)),
    resultJson: embedJson(result),
  };
}

function commandView(command: CommandRecord, i: number, { t }: Messages, f: Formatters): CommandView {
  return {
    index: String(i + 1),
    trial: command.trialId ?? t('commands.runLevel'),
    line: formatCommand(command.argv),
    exitCode: command.exitCode === null ? t('commands.killed') : String(command.exitCode),
    failed: command.exitCode !== 0,
    duration: f.ms(command.durationMs) ?? t('common.none'),
  };
}
