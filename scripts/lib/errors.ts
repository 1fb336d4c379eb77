/**
 * Errors the user can act on. Entry scripts print `message` and `hint` and exit
 * non-zero without a stack trace; anything else is a bug and shows its stack.
 */
export class LabError extends Error {
  /** What to do about it, in one sentence. */
  readonly hint: string | null;
  constructor(message: string, hint: string | null = null, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LabError';
    this.hint = hint;
  }
}

/** The run was stopped by the user (Ctrl-C) or a signal; cleanup already happened. */
export class AbortedError extends LabError {
  constructor(reason = 'interrupted') {
    super(`Run stopped: ${reason}.`, 'Finished trials are kept in the run folder.');
    this.name = 'AbortedError';
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError(String(signal.reason ?? 'interrupted'));
}
