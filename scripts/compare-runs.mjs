#!/usr/bin/env zx
// Compares two run folders: key answers side by side and each stage's numbers with
// the change in percent (B against A). Writes an HTML page; needs no Docker.
// With --check it also holds the two runs' key answers to each other and exits 1
// when one disagrees beyond its interval (after normalising for host speed).
import { lib, runMain } from './bootstrap.mjs';
import path from 'node:path';

// Flags and help: scripts/lib/cli/entries.ts (--lang is checked there).
await runMain(import.meta.url, async ({ flags }) => {
  const [a, b] = flags._;
  const lang = flags.lang;
  const runA = path.resolve(String(a));
  const runB = path.resolve(String(b));
  // Next to the runs by default, so its links to both reports stay short and relative.
  const out = path.resolve(String(flags.out ?? path.join(path.dirname(runB), `compare-${path.basename(runA)}-vs-${path.basename(runB)}.html`)));
  const { renderComparison } = await lib('report/render-compare.ts');
  const { htmlPath } = await renderComparison(runA, runB, out, { lang });
  console.log(htmlPath);
  if (!flags.check) return 0;

  const { loadLabResult } = await lib('report/load-result.ts');
  const { compareAnswers } = await lib('analyze/compare-answers.ts');
  const check = compareAnswers(await loadLabResult(runA), await loadLabResult(runB));
  const index = (s) => (s === null ? 'not calibrated' : s.toFixed(2));
  const diff = check.speedDifference === null ? '' : ` (B ${check.speedDifference >= 0 ? '+' : ''}${(check.speedDifference * 100).toFixed(1)} %)`;
  console.log(`host speed index: A ${index(check.speedIndex.a)}, B ${index(check.speedIndex.b)}${diff}`);
  for (const x of check.answers) {
    const verdict = x.missing ? 'not compared (missing in a run)' : x.agree ? (x.explainedByHost ? 'agree after normalising for host speed' : 'agree') : 'DISAGREE';
    const by = !x.agree && x.difference !== null ? ` by ${(x.difference * 100).toFixed(1)} %` : '';
    console.log(`${x.answer}: ${verdict}${by} — A ${x.a}; B ${x.b}`);
  }
  console.log(check.pass ? 'check: the two runs agree' : 'check: the two runs disagree');
  return check.pass ? 0 : 1;
});
