import type { CommandRecord } from '../results/types.ts';
import type { Formatters } from './format.ts';
import type { Messages } from './i18n.ts';
import { redactCommand } from './redact-text.ts';
import { formatCommand } from './shell-quote.ts';

/** One command row, shell-quoted and redacted for display. */
export interface CommandView {
  index: string;
  trial: string;
  line: string;
  exitCode: string;
  failed: boolean;
  duration: string;
}

/** `index` is the command's position in `result.commands` (0-based), shown 1-based so rows can be found in the full list. */
export function commandView(command: CommandRecord, index: number, { t }: Messages, f: Formatters): CommandView {
  return {
    index: String(index + 1),
    trial: command.trialId ?? t('commands.runLevel'),
    line: formatCommand(redactCommand(command.argv)),
    exitCode: command.exitCode === null ? t('commands.killed') : String(command.exitCode),
    failed: command.exitCode !== 0,
    duration: f.ms(command.durationMs) ?? t('common.none'),
  };
}
