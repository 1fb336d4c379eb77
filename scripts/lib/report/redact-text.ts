import { REDACTED, isSecretName, redactArgv } from '../results/redact.ts';

// `NAME: value` (a YAML map entry) or `NAME=value` (a list item, a quoted
// string, a command-line assignment), with optional leading `- `, quotes and dashes.
const ASSIGNMENT = /^(\s*)((?:-\s+)?["']?)(-{0,2}[A-Za-z_][A-Za-z0-9_.-]*)(["']?\s*[:=]\s*)(\S.*)$/;
// `NAME=value` or `--flag=value` anywhere in a line, e.g. in a flow list `["--token=abc"]`.
const INLINE = /(^|[\s"'\[,])(-{0,2}[A-Za-z_][A-Za-z0-9_.-]*)=([^\s"',\]]+)/g;
// The password in a URL's user info: `scheme://user:password@host`.
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\/\s:@]+):[^@\s\/]+@/gi;
// A YAML block scalar header: the value continues on the more-indented lines below.
const BLOCK_SCALAR = /^[|>][+-]?\d*\s*$/;
// `--password=value` or `--api-token value` inside a command line.
const SECRET_FLAG = /^--?([A-Za-z][A-Za-z0-9_-]*)(=.*)?$/;

/**
 * Redacts the values of secret-looking names in a compose file (or any
 * config text) shown in the report: environment maps, `NAME=value` list
 * items, `--token=...` arguments and multi-line block values. Names decide,
 * not values, as in `results/redact.ts`. A key whose value is a nested block
 * (nothing after the colon) is structure, not a secret, and stays as it is.
 */
export function redactConfigText(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  // While inside a redacted block scalar: the indent of its key line.
  let blockIndent: number | null = null;
  for (const raw of lines) {
    const line = raw.replace(URL_PASSWORD, `$1:${REDACTED}@`);
    const indent = line.length - line.trimStart().length;
    if (blockIndent !== null) {
      if (line.trim() === '' || indent > blockIndent) continue;
      blockIndent = null;
    }
    const m = ASSIGNMENT.exec(line);
    // An opening `{` or `[` is structure (a nested JSON object); its members are judged by their own names.
    if (!m || !isSecretName(m[3]!.replace(/^-+/, '')) || /^[{[]\s*$/.test(m[5]!)) {
      out.push(line.replace(INLINE, (whole, before: string, name: string) =>
        (isSecretName(name.replace(/^-+/, '')) ? `${before}${name}=${REDACTED}` : whole)));
      continue;
    }
    const [, space, lead, name, separator, value] = m as unknown as [string, string, string, string, string, string];
    if (BLOCK_SCALAR.test(value)) blockIndent = indent;
    out.push(`${space}${lead}${name}${separator}${quoted(value, lead)}`);
  }
  return out.join('\n');
}

/** The placeholder, in the same quotes the value had, so the YAML still reads. */
function quoted(raw: string, lead: string): string {
  // A JSON member keeps its comma.
  const comma = raw.endsWith(',') ? ',' : '';
  const value = comma ? raw.slice(0, -1) : raw;
  const q = value[0];
  if ((q === '"' || q === "'") && value.length > 1 && value.endsWith(q)) return `${q}${REDACTED}${q}${comma}`;
  const open = lead.trim().at(-1);
  if ((open === '"' || open === "'") && value.endsWith(open)) return `${REDACTED}${open}${comma}`;
  return `${REDACTED}${comma}`;
}

/**
 * Redacts an argv for display: `NAME=value` items (as `results/redact.ts`),
 * `--secret-flag=value`, and the value after a bare `--secret-flag`. The lab
 * stores argv already redacted; this is the second lock for results written
 * by other tools or older versions.
 */
export function redactCommand(argv: readonly string[]): string[] {
  const out = redactArgv(argv).map((arg) => arg.replace(URL_PASSWORD, `$1:${REDACTED}@`));
  for (let i = 0; i < out.length; i++) {
    const m = SECRET_FLAG.exec(out[i]!);
    if (!m || !isSecretName(m[1]!)) continue;
    if (m[2] !== undefined) out[i] = `${out[i]!.slice(0, out[i]!.indexOf('='))}=${REDACTED}`;
    else if (i + 1 < out.length) out[i + 1] = REDACTED;
  }
  return out;
}

/**
 * Redacts a JSON value for embedding: members whose names look secret lose
 * their values, and every string gets the text rules (`NAME=value`, URL
 * passwords). The plan, for one, holds whatever flags and env a user passed.
 */
export function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redactInline(value);
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, isSecretName(key) && (typeof member !== 'object' || member === null) ? REDACTED : redactValue(member)]));
  }
  return value;
}

/** The line rules that apply inside one string. */
function redactInline(text: string): string {
  return text
    .replace(URL_PASSWORD, `$1:${REDACTED}@`)
    .replace(INLINE, (whole, before: string, name: string) => (isSecretName(name.replace(/^-+/, '')) ? `${before}${name}=${REDACTED}` : whole));
}
