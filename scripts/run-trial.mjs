#!/usr/bin/env zx
// One trial from flags (your own image, or one setup of the demo API); see --help.
import path from 'node:path';
import { lib, repoRoot, runMain } from './bootstrap.mjs';

await runMain(import.meta.url, async ({ flags, signal }) => {
  const { buildPlan } = await lib('plan/build-plan.ts');
  const { runOneTrial } = await lib('lab/run-one-trial.ts');
  const { formatEvent, formatVerdict } = await lib('cli/format-event.ts');
  const reportsDir = path.resolve(String(flags['reports-dir'] ?? path.join(repoRoot, 'reports')));
  delete flags['reports-dir'];
  const outcome = await runOneTrial(buildPlan(flags, repoRoot), {
    repoRoot,
    reportsDir,
    signal,
    onEvent: (e) => {
      const line = formatEvent(e);
      if (line) console.error(line);
    },
  });
  const single = outcome.result.singleTrial;
  if (single) console.error(formatVerdict(single.point, outcome.result.slo));
  console.log(outcome.htmlPath);
  return 0;
});
