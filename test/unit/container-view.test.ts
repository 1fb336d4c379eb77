import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { containerView } from '../../scripts/lib/report/container-view.ts';
import { loadMessages } from '../../scripts/lib/report/i18n.ts';
import { createFormatters } from '../../scripts/lib/report/format.ts';
import { TEMPLATES_DIR } from '../../scripts/lib/report/templates.ts';
import type { ContainerOutcome } from '../../scripts/lib/results/types.ts';

const messages = await loadMessages(TEMPLATES_DIR, 'en');
const view = (logTail: string[]) => containerView({ name: 'api', exitCode: null, oomKilled: false, events: [], logTail } as ContainerOutcome, '2026-11-30T00:00:00Z', messages, createFormatters('en'));

test('error and warning lines come first; the plain tail keeps the last 10 other lines', () => {
  const lines = Array.from({ length: 20 }, (_, i) => `INFO: request ${i}`);
  lines[3] = 'ERROR: Exception in ASGI application';
  lines[12] = 'WARNING: Worker (pid:9) was sent SIGKILL! Perhaps out of memory?';
  const v = view(lines);
  assert.is(v.logIssues, [lines[3], lines[12]].join('\n'));
  assert.is(v.logTail, lines.filter((_, i) => i !== 3 && i !== 12).slice(-10).join('\n'));
});

test('a quiet log has no issues block; an empty log has neither', () => {
  assert.is(view(['INFO: started']).logIssues, null);
  assert.is(view(['INFO: started']).logTail, 'INFO: started');
  assert.equal([view([]).logIssues, view([]).logTail], [null, null]);
});

test.run();
