#!/usr/bin/env zx
// Writes reports/index.html: every run folder with its date, profile and key answers.
import { lib, repoRoot, runMain } from './bootstrap.mjs';
import path from 'node:path';

// Flags and help: scripts/lib/cli/entries.ts (--lang is checked there).
await runMain(import.meta.url, async ({ flags }) => {
  const lang = flags.lang;
  const { renderRunsIndex } = await lib('report/render-index.ts');
  const dir = path.resolve(String(flags._[0] ?? path.join(repoRoot, 'reports')));
  const { htmlPath, runs } = await renderRunsIndex(dir, { lang });
  console.error(`listed ${runs} run(s)`);
  console.log(htmlPath);
  return 0;
});
