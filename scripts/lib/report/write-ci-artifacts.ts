import { appendFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ciArtifacts } from './ci-artifacts.ts';
import { loadMessages, type ReportLang } from './i18n.ts';
import { loadLabResult } from './load-result.ts';
import { TEMPLATES_DIR } from './templates.ts';

export const CI_SUMMARY_FILE = 'ci-summary.md';
export const JUNIT_FILE = 'junit.xml';

export interface CiOutcome {
  sloPassed: boolean;
  /** `SLO check failed: …` / `lab check failed: …` lines, for the caller to print. */
  failures: string[];
  summaryPath: string;
  junitPath: string;
}

/**
 * Writes the markdown summary and the JUnit XML of a run's checks into its
 * folder (build artifacts), and appends the summary to `appendSummaryTo`
 * (e.g. $GITHUB_STEP_SUMMARY) when given.
 */
export async function writeCiArtifacts(runDir: string, opts: { lang?: ReportLang; appendSummaryTo?: string; junitTo?: string } = {}): Promise<CiOutcome> {
  const ci = ciArtifacts(await loadLabResult(runDir), await loadMessages(TEMPLATES_DIR, opts.lang ?? 'en'));
  const summaryPath = path.join(runDir, CI_SUMMARY_FILE);
  const junitPath = path.join(runDir, JUNIT_FILE);
  await writeFile(summaryPath, ci.markdown, 'utf8');
  await writeFile(junitPath, ci.junitXml, 'utf8');
  if (opts.appendSummaryTo) await appendFile(opts.appendSummaryTo, ci.markdown, 'utf8');
  if (opts.junitTo) await writeFile(opts.junitTo, ci.junitXml, 'utf8');
  return {
    sloPassed: ci.sloPassed,
    failures: ci.checks.filter((c) => !c.pass).map((c) => `${c.kind === 'slo' ? 'SLO' : 'lab'} check failed: ${c.name}: ${c.message}`),
    summaryPath,
    junitPath,
  };
}
