// The shared body of full-lab.mjs and the one-stage scripts: resolve the
// config, run the lab with progress on stderr, print the report's path.
import path from 'node:path';
import { lib, repoRoot, runMain } from './bootstrap.mjs';

const HELP = `usage: npx zx scripts/full-lab.mjs [--profile smoke|quick|workshop] [options]

  --profile NAME        smoke (CI, minutes), quick (default, <15 min), workshop (the seed's 150 s runs)
  --only a,b / --skip a,b  stages: publish, deploy, memory-floor, sweep, replicas, workers, max-users
  --plan FILE          override any profile value from a JSON or YAML file, e.g. {"sweep": {"users": 50, "cpus": [0.5, 1]}}
  --slo-p95 MS          SLO latency limit (default 1000)
  --slo-failures R      SLO failure limit, ratio or percent (default 1%)
  --model-mb N          resident size of the demo model in MiB
  --locustfile PATH     your own locustfile
  --registry HOST/NS    push to this registry with the engine's login (default: a local one on 127.0.0.1:5000)
  --reports-dir DIR     where run folders go (default reports/)
  --fail-on-slo         exit 3 when an SLO check failed (ci-summary.md and junit.xml are always written to the run folder)
  --summary FILE        also append the markdown summary to FILE (e.g. "$GITHUB_STEP_SUMMARY"); --junit FILE likewise
  --resume RUN_DIR      continue a stopped run: finished trials are kept, the rest runs (same options as before)
  --force               measure at once on a busy host (the report carries a warning); default: wait up to 60 s
  --calibrate false     skip the host speed probes (start, between stages, end)
  --network NAME        join an existing Docker network (e.g. the workshop's proyecto-2_default)
  --verbose             stack traces on errors`;

export function runLabEntry(entryUrl, onlyStage) {
  return runMain(entryUrl, async ({ flags, help, signal }) => {
    if (help) return void console.log(onlyStage ? HELP.replace('full-lab.mjs', `${path.basename(entryUrl)} (stage ${onlyStage})`) : HELP);
    const { resolveLabConfig } = await lib('plan/resolve-lab-config.ts');
    const { runLab } = await lib('lab/run-lab.ts');
    const { formatEvent } = await lib('cli/format-event.ts');
    const reportsDir = path.resolve(String(flags['reports-dir'] ?? path.join(repoRoot, 'reports')));
    delete flags['reports-dir'];
    const ciFlags = { failOnSlo: Boolean(flags['fail-on-slo']), summary: flags.summary, junit: flags.junit };
    for (const k of ['fail-on-slo', 'summary', 'junit']) delete flags[k];
    if (onlyStage) flags.only = onlyStage;
    const resumeDir = flags.resume === undefined ? undefined : path.resolve(String(flags.resume));
    delete flags.resume;
    if (resumeDir && flags.profile === undefined) {
      // The profile the run started with, unless the user names one (a different one is refused).
      const { loadLabResult } = await lib('report/load-result.ts');
      flags.profile = (await loadLabResult(resumeDir)).profile;
    }
    const config = await resolveLabConfig(flags);
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
    if (ciFlags.failOnSlo && !ci.sloPassed) {
      console.error('error: the SLO verdict failed (--fail-on-slo)');
      return 3;
    }
    return 0;
  });
}
