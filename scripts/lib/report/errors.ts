import { LabError } from '../errors.ts';

/** Why a run folder could not be turned into a report. */
export type ReportErrorCode = 'missing-file' | 'invalid-json' | 'unsupported-schema' | 'invalid-result' | 'missing-template';

const HINTS: Record<ReportErrorCode, string> = {
  'missing-file': 'Pass a run folder that contains lab-result.json, e.g. reports/<run id>.',
  'invalid-json': 'The file may have been cut short by an interrupted run; run the lab again or restore the file.',
  'unsupported-schema': 'Render it with the Locust Lab version that wrote it, or run the lab again with this version.',
  'invalid-result': 'The file does not match the contract (the schemas in scripts/lib/results/); re-run the lab to rewrite it, or render it with the Locust Lab version that wrote it.',
  'missing-template': 'The templates ship with the repository; restore templates/ (git checkout -- templates).',
};

/**
 * A failure the entry script shows as one line plus a hint (it is a LabError):
 * the message names the file and what was wrong, so no stack trace is needed.
 */
export class ReportError extends LabError {
  readonly code: ReportErrorCode;
  /** The file the problem was found in. */
  readonly file: string;

  constructor(code: ReportErrorCode, file: string, message: string, options?: { cause?: unknown }) {
    super(message, HINTS[code], options);
    this.name = 'ReportError';
    this.code = code;
    this.file = file;
  }
}

/** Raised for a `schemaVersion` this renderer was not written for. */
export class UnsupportedSchemaError extends ReportError {
  readonly found: unknown;
  readonly supported: number;

  constructor(file: string, found: unknown, supported: number) {
    super(
      'unsupported-schema',
      file,
      `${file}: schemaVersion ${JSON.stringify(found)} is not supported; this renderer reads schemaVersion ${supported}`,
    );
    this.name = 'UnsupportedSchemaError';
    this.found = found;
    this.supported = supported;
  }
}
