import { LabError } from '../errors.ts';

type Schema = Record<string, unknown>;
const MAX_DEPTH = 12;

/**
 * An example JSON value that fits a JSON Schema (as OpenAPI 3 and FastAPI
 * write them): `example`, `examples[0]`, `default`, `const` or `enum[0]` when
 * the schema gives one; otherwise built from `type`: every property of an
 * object, `minItems` (at least one) items of an array, a number inside
 * `minimum`/`maximum` (their middle when both are given), a string of
 * `minLength` or shaped by its `format`. Local `$ref`s (`#/...`) are followed
 * against `root`; `allOf` parts are merged, `anyOf`/`oneOf` take their first
 * non-null choice. A reference cycle ends in `null`.
 */
export function exampleFromSchema(schema: unknown, root: unknown = schema, seen: string[] = []): unknown {
  if (!schema || typeof schema !== 'object' || seen.length > MAX_DEPTH) return null;
  const s = schema as Schema;
  if (typeof s.$ref === 'string') {
    if (seen.includes(s.$ref)) return null;
    return exampleFromSchema(resolveRef(root, s.$ref), root, [...seen, s.$ref]);
  }
  if ('example' in s) return s.example;
  if (Array.isArray(s.examples) && s.examples.length) return s.examples[0];
  if ('default' in s) return s.default;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  const next = (sub: unknown) => exampleFromSchema(sub, root, seen);
  if (Array.isArray(s.allOf)) {
    const parts = s.allOf.map(next);
    return parts.every((p) => p && typeof p === 'object' && !Array.isArray(p)) ? Object.assign({}, ...(parts as object[])) : parts[0] ?? null;
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    if (Array.isArray(s[key])) {
      const choices = s[key] as Schema[];
      return next(choices.find((c) => c?.type !== 'null') ?? choices[0]);
    }
  }
  const types = Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : [];
  const type = types.find((t) => t !== 'null') ?? (s.properties ? 'object' : s.items ? 'array' : types[0]);
  switch (type) {
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, next(v)]));
    }
    case 'array':
      return Array.from({ length: Math.max(1, Number(s.minItems) || 0) }, () => next(s.items));
    case 'integer':
    case 'number':
      return numberIn(s, type === 'integer');
    case 'string':
      return stringFor(s);
    case 'boolean':
      return true;
    default:
      return null;
  }
}

/** The value at a local JSON pointer (`#/components/schemas/Item`). */
export function resolveRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) throw new LabError(`$ref ${ref} points outside the document.`, 'Give a schema whose $refs are local (#/...), e.g. FastAPI\'s /openapi.json as served.');
  let node: unknown = root;
  for (const part of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(part).replaceAll('~1', '/').replaceAll('~0', '~');
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    if (node === undefined) throw new LabError(`$ref ${ref} points at nothing in the document.`, 'Check the schema: every $ref must name a definition in the same document.');
  }
  return node;
}

function numberIn(s: Schema, integer: boolean): number {
  const num = (k: string) => (typeof s[k] === 'number' ? (s[k] as number) : null);
  // OpenAPI 3.0 writes exclusiveMinimum as a boolean beside minimum; JSON Schema as the bound itself.
  const step = integer ? 1 : 0.5;
  const lo = num('exclusiveMinimum') !== null ? num('exclusiveMinimum')! + step : num('minimum') !== null ? num('minimum')! + (s.exclusiveMinimum === true ? step : 0) : null;
  const hi = num('exclusiveMaximum') !== null ? num('exclusiveMaximum')! - step : num('maximum') !== null ? num('maximum')! - (s.exclusiveMaximum === true ? step : 0) : null;
  let v = lo !== null && hi !== null ? (lo + hi) / 2 : lo ?? (hi !== null ? Math.min(hi, 0) : 0);
  if (integer) v = lo !== null && hi !== null ? Math.floor(v) : Math.ceil(v);
  return v;
}

function stringFor(s: Schema): string {
  const byFormat: Record<string, string> = {
    'date-time': '2024-01-01T00:00:00Z', date: '2024-01-01', time: '00:00:00', email: 'user@example.com',
    uri: 'https://example.com/', url: 'https://example.com/', uuid: '00000000-0000-4000-8000-000000000000', ipv4: '127.0.0.1',
  };
  const base = byFormat[String(s.format)] ?? 'string';
  const min = Number(s.minLength) || 0;
  const max = typeof s.maxLength === 'number' ? s.maxLength : Infinity;
  return base.padEnd(min, 'x').slice(0, Math.max(min, Math.min(max, base.length)));
}
