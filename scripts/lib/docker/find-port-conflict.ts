/**
 * The workshop's replica failure, read out of compose's or the engine's
 * output: two containers asking for one host port. Pure, so the Replicas
 * stage can turn the text into a finding instead of a crash.
 */
export interface PortConflict {
  /** Host address of the binding, e.g. `127.0.0.1` or `0.0.0.0`. */
  hostIp: string;
  hostPort: number;
  /** Container / endpoint that could not start, when the text names it (`proj_api_2`, `proj-api-2`). */
  endpoint: string | null;
  /** The engine's sentence, verbatim, for the report. */
  engineError: string;
  /** `allocated`: another container holds the port; `in-use`: some other process does. */
  kind: 'allocated' | 'in-use';
}

const ALLOCATED = /Bind for (\[?[0-9a-fA-F:.]+\]?):(\d+) failed: port is already allocated/;
const IN_USE = /listen tcp4? (\[?[0-9a-fA-F:.]+\]?):(\d+): bind: address already in use/;
const ENDPOINT = /on endpoint (\S+?) \(/;

export function findPortConflict(output: string): PortConflict | null {
  for (const line of output.split('\n')) {
    const allocated = ALLOCATED.exec(line);
    const inUse = allocated ? null : IN_USE.exec(line);
    const m = allocated ?? inUse;
    if (!m) continue;
    return {
      hostIp: m[1]!.replace(/^\[|\]$/g, ''),
      hostPort: Number(m[2]),
      endpoint: ENDPOINT.exec(line)?.[1] ?? null,
      engineError: engineSentence(line),
      kind: allocated ? 'allocated' : 'in-use',
    };
  }
  return null;
}

/**
 * Compose v1 prefixes `ERROR: for api  Cannot start service api: `, v2
 * `Error response from daemon: `; the engine's own words start after that.
 */
function engineSentence(line: string): string {
  const text = line.trim();
  const daemon = /Error response from daemon:\s*(.*)$/.exec(text);
  if (daemon) return daemon[1]!;
  const v1 = /Cannot start service [^:]+:\s*(.*)$/.exec(text);
  return v1 ? v1[1]! : text;
}
