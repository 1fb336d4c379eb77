#!/usr/bin/env zx
// Runs the end-of-run analyses (the capacity plan, the answers on the reference
// host) again on a finished run folder and rewrites its lab-result.json
// atomically. No trial runs and no Docker is needed: this is how runs recorded
// before an analysis existed get it. Render the report again afterwards.
import { lib, runMain } from './bootstrap.mjs';
import path from 'node:path';

// Flags and help: scripts/lib/cli/entries.ts.
await runMain(import.meta.url, async ({ flags }) => {
  const dir = path.resolve(String(flags._[0]));
  const { reanalyzeRun } = await lib('lab/end-of-run-analysis.ts');
  const { parseNumber } = await lib('plan/parse-units.ts');
  const targetUsers = flags['target-users'] === undefined ? undefined : parseNumber(String(flags['target-users']), '--target-users', { integer: true });
  const result = await reanalyzeRun(dir, targetUsers === undefined ? {} : { targetUsers });
  const plan = result.capacity;
  const replicas = plan?.replicas;
  console.error(replicas
    ? `capacity for ${plan.targetUsers} users: ${replicas.count} replicas (${replicas.range.low}–${replicas.range.high ?? '∞'}), ${plan.hosts?.count ?? '—'} host(s) like this one`
    : `capacity for ${plan?.targetUsers} users: no plan (${plan?.verdict})`);
  console.log(path.join(dir, 'lab-result.json'));
  return 0;
});
