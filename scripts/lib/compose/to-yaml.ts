/**
 * A small YAML writer for compose files: block style, keys in insertion order,
 * strings quoted (JSON-style, which YAML accepts) unless plainly safe. Enough
 * for the plain data compose needs, readable in the report.
 */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue | undefined };

export function toYaml(value: YamlValue): string {
  return lines(value, 0).join('\n') + '\n';
}

function lines(value: YamlValue, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${pad}[]`];
    return value.flatMap((item) => {
      if (isBlock(item)) {
        const inner = lines(item, indent + 2);
        return [`${pad}- ${inner[0]!.trimStart()}`, ...inner.slice(1)];
      }
      return [`${pad}- ${scalar(item)}`];
    });
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined) as [string, YamlValue][];
    if (entries.length === 0) return [`${pad}{}`];
    return entries.flatMap(([key, v]) =>
      isBlock(v) ? [`${pad}${scalar(key)}:`, ...lines(v, indent + 2)] : [`${pad}${scalar(key)}: ${scalar(v)}`],
    );
  }
  return [`${pad}${scalar(value)}`];
}

function isBlock(v: YamlValue): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return v !== null && typeof v === 'object' && Object.keys(v).length > 0;
}

// Plain scalars that YAML 1.1 and 1.2 both read back as the same string.
const PLAIN = /^[A-Za-z_/.][A-Za-z0-9_./@:-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|y|n|~)$/i;

function scalar(v: YamlValue): string {
  if (v === null) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return '[]';
  if (typeof v === 'object') return '{}';
  return PLAIN.test(v) && !RESERVED.test(v) && !v.includes(': ') ? v : JSON.stringify(v);
}
