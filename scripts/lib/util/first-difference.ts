/** The first place two JSON-like values differ, as a dotted path with both values shown; `null` if equal. */
export function firstDifference(before: unknown, after: unknown, at = ''): { path: string; before: string; after: string } | null {
  if (Object.is(before, after)) return null;
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
  if (isObj(before) && isObj(after) && Array.isArray(before) === Array.isArray(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const d = firstDifference(before[key], after[key], Array.isArray(before) ? `${at}[${key}]` : at ? `${at}.${key}` : key);
      if (d) return d;
    }
    return null;
  }
  return { path: at || '(the whole plan)', before: JSON.stringify(before) ?? 'nothing', after: JSON.stringify(after) ?? 'nothing' };
}
