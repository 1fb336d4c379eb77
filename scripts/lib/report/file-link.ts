/**
 * Turns a path from `TrialResult.files` into a link target, or `null` when it
 * is not a plain path inside the run folder. The report must work when the run
 * folder is copied or zipped, so absolute paths, `..` and URLs are not linked.
 */
export function fileHref(relativePath: string): string | null {
  const normalized = relativePath.replace(/\\/g, '/');
  if (normalized === '' || normalized.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(normalized)) return null;
  const segments = normalized.split('/');
  if (segments.some((segment) => segment === '..' || segment === '')) return null;
  // Encoding each segment keeps `#`, `?` and spaces in file names literal.
  return segments.map(encodeURIComponent).join('/');
}
