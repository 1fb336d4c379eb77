#!/usr/bin/env zx
// The whole lab: preflight, images, trials, report. Flags: see --help.
import { lib, repoRoot, runMain } from './bootstrap.mjs';
import path from 'node:path';

const HELP = `usage: npx zx scripts/full-lab.mjs [--profile smoke|quick|workshop] [overrides]

overrides: --image baseline|optimized|<your image>  --command "<argv>"  --workers N
           --cpus 1  --memory 1.5G  --users 10  --spawn-rate 5  --run-time 45s
           --model-mb 1100  --locustfile path/to/locustfile.py  --id <trial id>
           --reports-dir reports  --verbose (stack traces)`;

await runMain(import.meta.url, async ({ flags, help, signal }) => {
  if (help) return void console.log(HELP);
  const { buildPlan } = await lib('plan/build-plan.ts');
  const { runLab } = await lib('lab/run-lab.ts');
  const { formatEvent } = await lib('cli/format-event.ts');
  const reportsDir = path.resolve(String(flags['reports-dir'] ?? path.join(repoRoot, 'reports')));
  delete flags['reports-dir'];
  const plan = buildPlan(flags, repoRoot);
  const outcome = await runLab(plan, {
    repoRoot,
    reportsDir,
    signal,
    onEvent: (e) => {
      const line = formatEvent(e);
      if (line) console.error(line);
    },
  });
  console.log(outcome.htmlPath ?? outcome.runDir);
  return 0;
});
