import { LabError } from '../errors.ts';

/**
 * Memory as people write it in compose files: `1300M`, `1.5G`, `512m`,
 * `1300MB`, or a bare number of MiB. Returns MiB.
 */
export function parseMemoryMb(value: string | number, field: string): number {
  if (typeof value === 'number') return requirePositive(value, field, String(value));
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]i?b?|b)?\s*$/i.exec(value);
  if (!m) {
    throw new LabError(`${field}: "${value}" is not a memory size.`, `Write it like 1300M, 1.5G or 512 (MiB).`);
  }
  const n = Number(m[1]);
  const unit = (m[2] ?? 'm').toLowerCase()[0]!;
  const factor: Record<string, number> = { b: 1 / 1048576, k: 1 / 1024, m: 1, g: 1024, t: 1024 * 1024 };
  return requirePositive(Math.round(n * factor[unit]!), field, value);
}

/** Seconds from `150`, `150s`, `2m30s`, `1h`. */
export function parseDurationS(value: string | number, field: string): number {
  if (typeof value === 'number') return requirePositive(value, field, String(value));
  const m = /^\s*(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s?)?\s*$/i.exec(value);
  if (!m || value.trim() === '' || (!m[1] && !m[2] && !m[3])) {
    throw new LabError(`${field}: "${value}" is not a duration.`, 'Write it like 150, 150s, 2m30s or 1h.');
  }
  return requirePositive(Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0), field, value);
}

export function parseNumber(value: string | number, field: string, opts: { integer?: boolean } = {}): number {
  const n = typeof value === 'number' ? value : value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(n) || (opts.integer && !Number.isInteger(n))) {
    throw new LabError(`${field}: "${value}" is not ${opts.integer ? 'a whole number' : 'a number'}.`, `Give ${field} as ${opts.integer ? 'an integer, e.g. 10' : 'a number, e.g. 0.5'}.`);
  }
  return requirePositive(n, field, String(value));
}

function requirePositive(n: number, field: string, raw: string): number {
  if (!(n > 0)) throw new LabError(`${field}: ${raw} must be greater than zero.`, `Give ${field} a positive value.`);
  return n;
}
