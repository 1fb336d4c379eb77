#!/usr/bin/env zx
// Renders <run folder>/index.html from its lab-result.json alone; needs no Docker.
import { lib, runMain } from './bootstrap.mjs';
import path from 'node:path';

await runMain(import.meta.url, async ({ flags, help }) => {
  const runDir = flags._[0];
  if (!runDir || help) {
    console.error('usage: npx zx scripts/render-report.mjs <run folder>');
    return help ? 0 : 1;
  }
  const { renderReport } = await lib('report/render-report.ts');
  const { htmlPath, bytes } = await renderReport(path.resolve(String(runDir)));
  console.error(`wrote ${(bytes / 1024).toFixed(0)} KiB`);
  console.log(htmlPath);
  return 0;
});
