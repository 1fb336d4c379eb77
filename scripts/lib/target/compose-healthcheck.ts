import { showValue, type ImportNotice } from './compose-notice.ts';
import { splitCommand } from '../util/split-command.ts';
import type { HealthCheck } from './types.ts';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '0.0.0.0', '[::1]', '::1', '[::]']);

/**
 * The lab's health check from a compose `healthcheck`: a `curl` or `wget` of
 * an HTTP URL on the container itself, at the API's port, becomes an HTTP
 * check of that path (ready = 200). Anything else (no healthcheck, a script,
 * another host or port) becomes "the port accepts connections". Compose's
 * interval, timeout and retries do not apply: the lab polls every half second
 * up to its own bound.
 */
export function healthFromCompose(raw: unknown, port: number, where: string, notices: ImportNotice[]): HealthCheck {
  const field = `${where}.healthcheck`;
  const tcp = (value: string | null, why: string): HealthCheck => {
    notices.push({ kind: 'assumed', field: value === null ? field : `${field}.test`, value, message: `${why} The lab waits until port ${port} accepts connections; set target.health to an HTTP path (e.g. /health) for a stricter check.` });
    return { kind: 'tcp', timeoutS: null };
  };
  if (raw === undefined || raw === null) return tcp(null, 'The service has no healthcheck.');
  const hc = raw as Record<string, unknown>;
  const timings = ['interval', 'timeout', 'retries', 'start_period', 'start_interval'].filter((k) => hc[k] !== undefined);
  if (timings.length) {
    notices.push({ kind: 'ignored', field, value: timings.map((k) => `${k}: ${showValue(hc[k])}`).join(', '), message: 'The lab polls every 0.5 s up to its own health timeout (the profile\'s healthTimeoutS, or target.health.timeoutS).' });
  }
  if (hc.disable === true) return tcp(null, 'The healthcheck is disabled (disable: true).');
  const argv = testArgv(hc.test);
  if (argv === null) return tcp(hc.test === undefined ? null : showValue(hc.test), 'The healthcheck has no test to read, or disables it (NONE).');
  const shown = showValue(hc.test);
  const client = argv.findIndex((w) => /^(?:.*\/)?(?:curl|wget)$/.test(w));
  if (client < 0) return tcp(shown, `The test does not call curl or wget, so the lab cannot read an HTTP path from it.`);
  const url = argv.slice(client + 1).map(parseUrl).find((u) => u !== null) ?? null;
  if (!url) return tcp(shown, 'The test calls curl or wget without an http:// URL the lab can read.');
  if (!LOCAL_HOSTS.has(url.host)) return tcp(shown, `The test asks ${url.host}, not the container itself.`);
  if (url.port !== port) return tcp(shown, `The test asks port ${url.port}, not the API's port ${port}.`);
  notices.push({ kind: 'noted', field: `${field}.test`, value: shown, message: `Read as an HTTP check: GET ${url.path} must answer 200.` });
  return { kind: 'http', path: url.path, status: 200, timeoutS: null };
}

/** `test` as argv: CMD keeps its list; CMD-SHELL and a plain string are split like a shell; NONE is `null`. */
function testArgv(test: unknown): string[] | null {
  if (typeof test === 'string') return splitCommand(test, 'healthcheck.test');
  if (!Array.isArray(test) || test.length === 0) return null;
  const [form, ...rest] = test.map(String);
  if (form === 'CMD') return rest;
  if (form === 'CMD-SHELL') return splitCommand(rest.join(' '), 'healthcheck.test');
  return null;
}

function parseUrl(word: string): { host: string; port: number; path: string } | null {
  const m = /^(https?):\/\/(\[[^\]]+\]|[^/:?#]+)(?::(\d+))?([^\s#]*)?/.exec(word);
  if (!m) return null;
  return { host: m[2]!, port: m[3] ? Number(m[3]) : m[1] === 'https' ? 443 : 80, path: m[4] ? (m[4].startsWith('/') ? m[4] : `/${m[4]}`) : '/' };
}
