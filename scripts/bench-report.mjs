#!/usr/bin/env zx
// Benchmark (not a test): renders a synthetic large run (200 trials, 10 minutes of
// 1 Hz history each) and prints render time, peak memory and report size against
// the goals in issue 4 (< 5 s, < 500 MB, < 3 MB of HTML). The render runs in a
// fresh child process, so the peak memory is the renderer's own (Node, tsx,
// Vega and the render), not the generator's.
import { lib, runMain } from './bootstrap.mjs';
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

await runMain(import.meta.url, async ({ flags }) => {
  const lang = String(flags.lang);
  if (flags.render) {
    const { renderReport } = await lib('report/render-report.ts');
    const started = performance.now();
    const { bytes } = await renderReport(String(flags.render), { lang });
    const ms = performance.now() - started;
    console.log(JSON.stringify({ ms, bytes, peakMb: process.resourceUsage().maxRSS / 1024 }));
    return 0;
  }
  const trialCount = Number(flags.trials);
  const seconds = Number(flags.seconds);
  const { syntheticRun } = await lib('report/synthetic-run.ts');
  const result = syntheticRun({ trialCount, seconds });
  const dir = await mkdtemp(path.join(tmpdir(), 'locust-lab-bench-'));
  try {
    await writeFile(path.join(dir, 'lab-result.json'), JSON.stringify(result));
    for (const trial of result.trials) {
      await mkdir(path.join(dir, 'trials', trial.spec.id), { recursive: true });
      await writeFile(path.join(dir, trial.files.compose), `services:\n  api:\n    image: ${trial.spec.image}\n`);
    }
    const output = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--render', dir, '--lang', lang], { encoding: 'utf8' });
    const { ms, bytes, peakMb } = JSON.parse(output.trim().split('\n').at(-1));
    const verdict = (ok) => (ok ? 'ok' : 'OVER GOAL');
    console.log(`synthetic run: ${trialCount} trials × ${seconds} s of 1 Hz history (${lang})`);
    console.log(`render time:  ${(ms / 1000).toFixed(2)} s   (goal < 5 s: ${verdict(ms < 5000)})`);
    console.log(`peak memory:  ${peakMb.toFixed(0)} MB   (goal < 500 MB: ${verdict(peakMb < 500)}; whole render process)`);
    console.log(`report size:  ${(bytes / 1024 / 1024).toFixed(2)} MB   (goal < 3 MB: ${verdict(bytes < 3 * 1024 * 1024)})`);
    return 0;
  } finally {
    if (!flags.keep) await rm(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
});
