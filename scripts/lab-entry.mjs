// The shared body of full-lab.mjs and the one-stage scripts: resolve the
// config, run the lab with progress on stderr, print the report's path. Flags and
// help come from scripts/lib/cli/entries.ts.
import path from 'node:path';
import { lib, repoRoot, runMain } from './bootstrap.mjs';
import { checkPdf, printReportPdf } from './pdf-flag.mjs';

/** The body of full-lab.mjs and of each one-stage script (its declaration names the stage; scripts/lib/cli/entries.ts). */
export function runLabEntry(entryUrl) {
  return runMain(entryUrl, async ({ flags, signal, entry }) => {
    const { resolveLabPlan } = await lib('plan/resolve-lab-config.ts');
    const { runLab } = await lib('lab/run-lab.ts');
    const { formatEvent, formatNotice } = await lib('cli/format-event.ts');
    const reportsDir = path.resolve(String(flags['reports-dir'] ?? path.join(repoRoot, 'reports')));
    delete flags['reports-dir'];
    const ciFlags = { failOnSlo: Boolean(flags['fail-on-slo']), summary: flags.summary, junit: flags.junit };
    for (const k of ['fail-on-slo', 'summary', 'junit']) delete flags[k];
    const pdf = await checkPdf(Boolean(flags.pdf));
    delete flags.pdf;
    if (entry.stage) flags.only = entry.stage;
    const resumeDir = flags.resume === undefined ? undefined : path.resolve(String(flags.resume));
    delete flags.resume;
    if (resumeDir && flags.profile === undefined) {
      // The profile the run started with, unless the user names one (a different one is refused).
      const { loadLabResult } = await lib('report/load-result.ts');
      flags.profile = (await loadLabResult(resumeDir)).profile;
    }
    const { config, notices } = await resolveLabPlan(flags);
    // What a compose import set aside or refused, each with its reason, before anything starts.
    for (const n of notices) console.error(formatNotice(n));
    const outcome = await runLab(config, {
      repoRoot,
      reportsDir,
      signal,
      ...(resumeDir ? { resumeDir } : {}),
      onEvent: (e) => {
        const line = formatEvent(e);
        if (line) console.error(line);
      },
    });
    // CI artifacts go into every run folder; --summary/--junit copy them where CI wants them.
    const { writeCiArtifacts } = await lib('report/write-ci-artifacts.ts');
    const ci = await writeCiArtifacts(outcome.runDir, {
      ...(ciFlags.summary !== undefined ? { appendSummaryTo: String(ciFlags.summary) } : {}),
      ...(ciFlags.junit !== undefined ? { junitTo: String(ciFlags.junit) } : {}),
    });
    for (const line of ci.failures) console.error(line);
    const { labEfficiency } = await lib('analyze/lab-efficiency.ts');
    const eff = labEfficiency(outcome.result);
    if (eff) {
      const repeats = outcome.result.trials.filter((t) => /-r\d+$/.test(t.spec.id)).length;
      console.error(`wall time ${(eff.wallS / 60).toFixed(1)} min, ${outcome.result.trials.length} trials (${repeats} repeats); lab efficiency ${eff.ratio.toFixed(2)} (${Math.round(eff.steadyS)} s in steady windows)`);
    }
    console.log(outcome.htmlPath);
    if (pdf) await printReportPdf(outcome.htmlPath);
    if (ciFlags.failOnSlo && !ci.sloPassed) {
      console.error('error: the SLO verdict failed (--fail-on-slo)');
      return 3;
    }
    return 0;
  });
}
