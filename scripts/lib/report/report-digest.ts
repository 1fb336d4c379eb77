import type { LabResult, TrialResult } from '../results/types.ts';
import { keyAnswers, type KeyAnswers } from './key-answers.ts';
import { RESULT_FILE } from './load-result.ts';
import { redactValue } from './redact-text.ts';

/**
 * What the page embeds as JSON (`<script id="lab-result">`): the verdicts and
 * a summary line per trial, for scripts that scrape a report. The full result
 * (timelines, logs, commands) stays in `lab-result.json` next to the page;
 * embedding it would double the page of a 200-trial run for no reader.
 * Secret-looking values are redacted here as everywhere else on the page.
 */
export interface ReportDigest {
  kind: 'locust-lab-report-digest';
  /** The file with everything, relative to the page. */
  resultFile: string;
  schemaVersion: LabResult['schemaVersion'];
  runId: string;
  profile: string;
  startedAt: string;
  finishedAt: string | null;
  host: LabResult['host'];
  slo: LabResult['slo'];
  plan: unknown;
  keyAnswers: KeyAnswers;
  stages: LabResult['stages'];
  warnings: string[];
  trials: (Pick<TrialResult, 'status' | 'cause' | 'failurePhase' | 'imageId' | 'summary' | 'flags'> & { id: string; label: string; stage: string })[];
}

export function reportDigest(result: LabResult): ReportDigest {
  return redactValue({
    kind: 'locust-lab-report-digest', resultFile: RESULT_FILE,
    schemaVersion: result.schemaVersion, runId: result.runId, profile: result.profile,
    startedAt: result.startedAt, finishedAt: result.finishedAt, host: result.host, slo: result.slo, plan: result.plan,
    keyAnswers: keyAnswers(result), stages: result.stages, warnings: result.warnings,
    trials: result.trials.map((trial) => ({
      id: trial.spec.id, label: trial.spec.label, stage: trial.spec.stage, status: trial.status, cause: trial.cause,
      failurePhase: trial.failurePhase, imageId: trial.imageId, summary: trial.summary, flags: trial.flags,
    })),
  } satisfies ReportDigest) as ReportDigest;
}
