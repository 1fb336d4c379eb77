import { LabError } from '../errors.ts';

/**
 * The YAML a plan file needs, and no more: nested mappings by indentation,
 * block lists (`- item`, also of mappings), flow lists (`[0.5, 1]`), numbers,
 * booleans, null, quoted and plain strings, `#` comments. Anything else is
 * refused with its line, rather than guessed. (No YAML library is among the
 * project's dependencies; plan files are small and flat.)
 */
export function parsePlanYaml(text: string, file: string): unknown {
  const lines = text.split(/\r?\n/).map((raw, i) => ({ n: i + 1, indent: raw.length - raw.trimStart().length, text: stripComment(raw).trimEnd().trim() }))
    .filter((l) => l.text !== '' && l.text !== '---');
  if (lines.some((l) => /\t/.test(text.split(/\r?\n/)[l.n - 1]!.slice(0, l.indent)))) throw new LabError(`${file}: tabs are not allowed for indentation.`, 'Indent with spaces.');
  let i = 0;
  const fail = (n: number, what: string): never => {
    throw new LabError(`${file} line ${n}: ${what}.`, 'Plan files are a small YAML subset (or JSON): `key: value`, nested by indentation, lists as `- item` or `[a, b]`.');
  };

  function block(indent: number): unknown {
    const first = lines[i];
    if (!first || first.indent < indent) return null;
    return first.text.startsWith('- ') || first.text === '-' ? list(first.indent) : map(first.indent);
  }
  function map(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    while (i < lines.length && lines[i]!.indent === indent) {
      const line = lines[i]!;
      const m = /^("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+):(?:\s+(.*))?$/.exec(line.text);
      if (!m) fail(line.n, `expected "key: value", got "${line.text}"`);
      const key = m![1]!.replace(/^["']|["']$/g, '');
      if (key in out) fail(line.n, `key "${key}" appears twice`);
      i += 1;
      out[key] = m![2] === undefined || m![2] === '' ? block(indent + 1) : scalar(m![2], line.n);
    }
    if (i < lines.length && lines[i]!.indent > indent) fail(lines[i]!.n, 'unexpected indentation');
    return out;
  }
  function list(indent: number): unknown[] {
    const out: unknown[] = [];
    while (i < lines.length && lines[i]!.indent === indent && (lines[i]!.text.startsWith('- ') || lines[i]!.text === '-')) {
      const line = lines[i]!;
      const rest = line.text.slice(1).trim();
      if (rest === '') {
        i += 1;
        out.push(block(indent + 1));
      } else if (/^[A-Za-z0-9_.-]+:(\s|$)/.test(rest)) {
        // `- key: value` starts a mapping whose other keys align with `key`.
        lines[i] = { n: line.n, indent: indent + 2, text: rest };
        out.push(map(indent + 2));
      } else {
        i += 1;
        out.push(scalar(rest, line.n));
      }
    }
    return out;
  }
  function scalar(raw: string, n: number): unknown {
    const v = raw.trim();
    if (v.startsWith('[')) {
      if (!v.endsWith(']')) fail(n, 'a flow list must end with "]" on the same line');
      const inner = v.slice(1, -1).trim();
      return inner === '' ? [] : inner.split(',').map((item) => scalar(item, n));
    }
    if (v.startsWith('{')) fail(n, 'flow mappings ({...}) are not supported; nest keys by indentation');
    if (/^"(?:[^"\\]|\\.)*"$/.test(v)) return JSON.parse(v);
    if (/^'[^']*'$/.test(v)) return v.slice(1, -1);
    if (/^(true|false)$/.test(v)) return v === 'true';
    if (/^(null|~)$/.test(v)) return null;
    if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v)) return Number(v);
    if (/^[&*!|>%@`]/.test(v)) fail(n, `"${v}" uses YAML features plan files do not support`);
    return v;
  }

  const doc = block(0);
  if (i < lines.length) fail(lines[i]!.n, 'unexpected indentation');
  return doc ?? {};
}

/** Drops a `#` comment that is not inside quotes. */
function stripComment(line: string): string {
  let quote: string | null = null;
  for (let k = 0; k < line.length; k++) {
    const c = line[k]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (k === 0 || /\s/.test(line[k - 1]!))) return line.slice(0, k);
  }
  return line;
}
