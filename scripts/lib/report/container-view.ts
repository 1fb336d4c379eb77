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
  /** Log lines joined with newlines, for a `<pre>`; `null` when there are none. */
  logTail: string | null;
}

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
    logTail: container.logTail.length === 0 ? null : container.logTail.join('\n'),
  };
}
