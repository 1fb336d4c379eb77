#!/usr/bin/env zx
// One trial from flags (your own image, or one setup of the demo API); see --help.
import path from 'node:path';
import { lib, repoRoot, runMain } from './bootstrap.mjs';

const HELP = `usage: npx zx scripts/run-trial.mjs [--profile smoke|quick|workshop] [overrides]

overrides: --image baseline|optimized|<your image>  --command "<argv>"  --workers N
           --cpus 1  --memory 1.5G  --users 10  --spawn-rate 5  --run-time 45s
           --model-mb 1100  --warmup false  --locustfile path/to/locustfile.py  --id <trial id>
           --reports-dir reports  --verbose (stack traces)`;

await runMain(import.meta.url, async ({ flags, help, signal }) => {
  if (help) return void console.log(HELP);
  const { buildPlan } = await lib('plan/build-plan.ts');
  const { runOneTrial } = await lib('lab/run-one-trial.ts');
  const { formatEvent } = await lib('cli/format-event.ts');
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
  console.log(outcome.htmlPath);
  return 0;
});
