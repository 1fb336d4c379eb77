// Pure readings of a trial's raw evidence that the classifier needs.

/** Successful requests over the whole run, including the spawn phase that `--reset-stats` drops. */
export function successfulRequests(raw: { endpoints: { name: string; requests: number; failures: number }[] | null; history: { name: string; totalRequests: number; totalFailures: number }[] | null }): number {
  const fromHistory = (raw.history ?? []).filter((h) => h.name === 'Aggregated').map((h) => h.totalRequests - h.totalFailures);
  const agg = raw.endpoints?.find((e) => e.name === 'Aggregated');
  return Math.max(0, ...fromHistory, agg ? agg.requests - agg.failures : 0);
}

/** Failure texts that mean Locust never reached its target. */
export const CONNECTION_ERROR = /ConnectionError|ConnectionRefused|Connection refused|NewConnectionError|Name or service not known|Failed to resolve|RemoteDisconnected|Max retries/i;

/** Locust's last error line (a traceback's last line), else the most frequent failure's text. */
export function locustErrorLine(log: string, failures: { error: string; occurrences: number }[]): string | null {
  const lines = log.split('\n').map((l) => l.replace(/^\S+\s+\|\s?/, '').trim()).filter(Boolean);
  // A traceback ends in `SomeError: text`; Locust's own "Error report" heading at exit is not an error.
  const error = [...lines].reverse().find((l) => /^[A-Za-z_.]*(Error|Exception)(:|$)|^It makes no sense|Bailing out/.test(l));
  if (error) return error.slice(0, 300);
  const top = [...failures].sort((a, b) => b.occurrences - a.occurrences)[0];
  return top ? top.error.slice(0, 300) : null;
}

/** The engine's own words (e.g. "port is already allocated"), without compose's progress lines. */
export function engineErrorText(output: string): string {
  // The command's program is not in the image (the seed's `uv run` on an image without uv): say that, not runc's three lines.
  const missing = /exec: "([^"]+)": (?:executable file not found in \$PATH|stat [^:]+: no such file or directory)/.exec(output)?.[1];
  if (missing) return `${missing}: not found in the image, so its command cannot start; change the command (compose command:, --command or target.command) or use an image that has ${missing}`;
  const lines = output.trim().split('\n').filter((l) => /error|failed|allocated|denied|not found|no such/i.test(l));
  return (lines.length ? lines : output.trim().split('\n')).slice(-3).join('\n') || 'compose up failed';
}
