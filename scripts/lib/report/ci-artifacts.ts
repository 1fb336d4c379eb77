import type { LabResult } from '../results/types.ts';
import { createFormatters } from './format.ts';
import { loadMessagesSync, type Messages } from './i18n.ts';
import { junitXml } from './junit-xml.ts';
import { emptyRunFiles } from './read-run-files.ts';
import { createReportContext } from './report-context.ts';
import { stageChecks, type StageCheck } from './slo-checks.ts';
import { buildSummary } from './summary-view.ts';
import { TEMPLATES_DIR } from './templates.ts';

export interface CiArtifacts {
  /** Every SLO check passed (stages that did not run add no check). */
  sloPassed: boolean;
  /** For `$GITHUB_STEP_SUMMARY`: the key answers and every check. */
  markdown: string;
  /** JUnit XML: one testcase per stage verdict, SLO checks in their own suite. */
  junitXml: string;
  checks: StageCheck[];
}

/**
 * What a CI job needs to gate on a lab run and show it. Pure apart from
 * reading the message file when no messages are passed. The entry scripts
 * write the two texts and turn `sloPassed` into an exit code (`--fail-on-slo`).
 */
export function ciArtifacts(result: LabResult, messages: Messages = loadMessagesSync(TEMPLATES_DIR, 'en')): CiArtifacts {
  const { t } = messages;
  const f = createFormatters(messages.locale);
  const checks = stageChecks(result, t, f);
  const sloPassed = checks.filter((check) => check.kind === 'slo').every((check) => check.pass);
  const summary = buildSummary(createReportContext(result, messages, { stages: { memoryFloor: null, sweep: null, replicas: null, workers: null, maxUsers: null, capacity: null }, timelines: [] }, emptyRunFiles()));
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const markdown = [
    `## ${sloPassed ? '✅' : '❌'} ${cell(t(sloPassed ? 'ci.headingPass' : 'ci.headingFail', { run: result.runId, profile: result.profile }))}`,
    '',
    cell(t('ci.slo', { p95: f.ms(result.slo.p95Ms) ?? '', failures: f.percentOfRatio(result.slo.maxFailureRatio) ?? '' })),
    '',
    `| ${t('ci.question')} | ${t('ci.answer')} |`,
    '| --- | --- |',
    ...[...summary.key, ...summary.other].map((answer) => `| ${cell(answer.question)} | ${cell(answer.answer)} |`),
    '',
    `| ${t('ci.checkColumn')} | ${t('ci.kind')} | ${t('ci.verdict')} | ${t('ci.detail')} |`,
    '| --- | --- | --- | --- |',
    ...checks.map((check) => `| ${cell(check.name)} | ${check.kind} | ${check.pass ? '✅' : '❌'} | ${cell(check.message)} |`),
    ...(checks.length === 0 ? ['', t('ci.noChecks')] : []),
    '',
    t('ci.footer'),
    '',
  ].join('\n');
  return { sloPassed, markdown, junitXml: junitXml(result.runId, checks), checks };
}
