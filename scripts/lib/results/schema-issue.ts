import type * as v from 'valibot';

/** Where a value broke its schema and what the schema wanted there, in words a person can act on. */
export interface SchemaProblem {
  /** The field, as code would name it: `trials[3].summary.p95Ms`; `''` for the whole value. */
  path: string;
  /** What the schema accepts there, e.g. `a number or null`, `one of passed, crashed`. */
  expected: string;
  /** What was found, e.g. `"abc"`, `an object`, `nothing (the field is missing)`. */
  found: string;
}

/**
 * Turns valibot's first issue into a `SchemaProblem`. valibot names what the
 * innermost check wanted (`number`); the schema at the issue's path says
 * what the field accepts as a whole (`number | null`), so it is looked up there.
 */
export function schemaProblem(schema: v.GenericSchema, issue: v.BaseIssue<unknown>, input: unknown): SchemaProblem {
  const path = issue.path ?? [];
  const missing = issue.type === 'object' && issue.received === 'undefined';
  const at = schemaAt(schema, path, input);
  return {
    path: path.map((item, i) => keyText(item.key, i === 0)).join(''),
    expected: expectsText(at?.expects ?? issue.expected ?? 'something else'),
    found: missing ? 'nothing (the field is missing)' : receivedText(issue.received),
  };
}

type Node = { type: string; expects: string; [key: string]: unknown };

function schemaAt(root: v.GenericSchema, path: readonly v.IssuePathItem[], input: unknown): Node | undefined {
  let node: Node | undefined = root as unknown as Node;
  let value = input;
  for (const item of path) {
    node = node && unwrap(node, value);
    if (!node) return undefined;
    if (node.type === 'object') node = (node.entries as Record<string, Node>)[String(item.key)];
    else if (node.type === 'array') node = node.item as Node;
    else if (node.type === 'record') node = node.value as Node;
    else return undefined;
    value = item.value;
  }
  return node;
}

// A nullable or optional field is checked through its wrapped schema, a variant through the option its key picks.
function unwrap(node: Node, value: unknown): Node | undefined {
  let current: Node | undefined = node;
  while (current) {
    if (['nullable', 'optional', 'nullish', 'exact_optional'].includes(current.type)) current = current.wrapped as Node;
    else if (current.type === 'variant') {
      const key = current.key as string;
      const picked = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
      current = (current.options as Node[]).find((option) => (option.entries as Record<string, { literal?: unknown }>)[key]?.literal === picked);
    } else return current;
  }
  return undefined;
}

function keyText(key: unknown, first: boolean): string {
  if (typeof key === 'number') return `[${key}]`;
  const name = String(key);
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return `[${JSON.stringify(name)}]`;
  return first ? name : `.${name}`;
}

const WORDS: Record<string, string> = { number: 'a number', string: 'a string', boolean: 'true or false', Array: 'a list', Object: 'an object', null: 'null' };

function expectsText(expects: string): string {
  const parts = expects.replace(/^\((.*)\)$/, '$1').split(' | ');
  if (parts.length > 2 && parts.every((part) => /^".*"$/.test(part))) return `one of ${parts.map((part) => part.slice(1, -1)).join(', ')}`;
  return parts.map((part) => WORDS[part] ?? part).join(' or ');
}

function receivedText(received: string): string {
  return WORDS[received] ?? received;
}
