import type { LabResult, Stability, TrialResult, TrialSummary } from '../results/types.ts';
import { keyAnswers, type KeyAnswers } from './key-answers.ts';
import { RESULT_FILE } from './load-result.ts';
import { redactValue } from './redact-text.ts';

/**
 * What the page embeds as JSON (`<script id="lab-result">`): the verdicts and
 * a summary line per trial, for scripts that scrape a report. The full result
 * (timelines, logs, commands) stays in `lab-result.json` next to the page;
 * embedding it would double the page of a 200-trial run for no reader.
 * Secret-looking values are redacted here as everywhere else on the page.
 * Like the timelines, the sub-windows of each summary's stability are a time
 * series: the digest keeps their count, not the series.
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
  warnings: LabResult['warnings'];
  trials: (Pick<TrialResult, 'status' | 'cause' | 'failurePhase' | 'imageId' | 'flags'> & { id: string; label: string; stage: string; summary: DigestSummary | null })[];
  /** Host speed and noise, as recorded. */
  calibration: LabResult['calibration'];
}

/** A trial summary with its stability's sub-windows counted rather than listed. */
export type DigestSummary = Omit<TrialSummary, 'stability'> & {
  stability: (Omit<Stability, 'subWindows'> & { subWindowCount: number }) | null;
};

function digestSummary(summary: TrialSummary | null): DigestSummary | null {
  if (summary === null) return null;
  const { stability, ...rest } = summary;
  if (stability === null) return { ...rest, stability: null };
  const { subWindows, ...stable } = stability;
  return { ...rest, stability: { ...stable, subWindowCount: subWindows.length } };
}

export function reportDigest(result: LabResult): ReportDigest {
  return redactValue({
    kind: 'locust-lab-report-digest', resultFile: RESULT_FILE,
    schemaVersion: result.schemaVersion, runId: result.runId, profile: result.profile,
    startedAt: result.startedAt, finishedAt: result.finishedAt, host: result.host, slo: result.slo, plan: result.plan,
    keyAnswers: keyAnswers(result), stages: result.stages, warnings: result.warnings,
    trials: result.trials.map((trial) => ({
      id: trial.spec.id, label: trial.spec.label, stage: trial.spec.stage, status: trial.status, cause: trial.cause,
      failurePhase: trial.failurePhase, imageId: trial.imageId, summary: digestSummary(trial.summary), flags: trial.flags,
    })),
    calibration: result.calibration,
  } satisfies ReportDigest) as ReportDigest;
}
