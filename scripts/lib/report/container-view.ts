import type { ContainerOutcome } from '../results/types.ts';
import type { Formatters } from './format.ts';
import type { Messages } from './i18n.ts';

export interface ContainerView {
  name: string;
  exitCode: string;
  oomKilled: string;
  /** True when the kernel killed it for memory; the template highlights it. */
  isOomKilled: boolean;
  events: { at: string; action: string }[];
  /** The recorded log lines that report an error or a warning, first and in order; `null` when none do. */
  logIssues: string | null;
  /** The last recorded lines that are not among `logIssues`, joined with newlines for a `<pre>`; `null` when there are none. */
  logTail: string | null;
}

/** A line a reader looks for first: Python's and the servers' error and warning words, an OOM or a kill. */
const ISSUE = /\b(error|errors|warning|warn|exception|traceback|critical|fatal|killed|oom)\b/i;
/** Lines of the plain tail shown; the raw log file keeps them all. */
const TAIL_LINES = 10;
/** Error and warning lines shown at most. */
const ISSUE_LINES = 8;

/** Event times are shown as seconds after the trial started, which is how the timeline reads. */
export function containerView(container: ContainerOutcome, trialStartedAt: string, { t }: Messages, f: Formatters): ContainerView {
  const start = Date.parse(trialStartedAt);
  return {
    name: container.name,
    exitCode: container.exitCode === null ? t('trial.stillRunning') : String(container.exitCode),
    oomKilled: container.oomKilled ? t('common.yes') : t('common.no'),
    isOomKilled: container.oomKilled,
    events: container.events.map((event) => ({
      at: Number.isNaN(start)
        ? new Date(event.t).toISOString()
        : t('trial.eventAt', { seconds: f.msAsSeconds(event.t - start) ?? t('common.none') }),
      action: event.action,
    })),
    ...logViews(container.logTail),
  };
}

function logViews(lines: string[]): Pick<ContainerView, 'logIssues' | 'logTail'> {
  const issues = lines.filter((line) => ISSUE.test(line)).slice(-ISSUE_LINES);
  const tail = lines.filter((line) => !issues.includes(line)).slice(-TAIL_LINES);
  return { logIssues: issues.length ? issues.join('\n') : null, logTail: tail.length ? tail.join('\n') : null };
}
