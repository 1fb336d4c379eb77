/**
 * Number and date formatting for the view model. Every function returns `null`
 * for a missing value so the view model decides which placeholder to show.
 */
export interface Formatters {
  /** Requests per second, one decimal. */
  rps: (value: number | null) => string | null;
  /** Milliseconds as an integer with grouping. */
  ms: (value: number | null) => string | null;
  /** An integer count with grouping. */
  count: (value: number | null) => string | null;
  /** A number with one decimal (MiB, CPU %, cores). */
  decimal1: (value: number | null) => string | null;
  /** Up to two decimals, for CPU limits like 0.25 or 1.5. */
  decimal2: (value: number | null) => string | null;
  /** Three significant digits, for fitted parameters that span magnitudes (0.000312, 2.61). */
  significant3: (value: number | null) => string | null;
  /** A ratio (0..1) as a percentage with up to two decimals. */
  percentOfRatio: (value: number | null) => string | null;
  /** A ratio (0..1) as a percentage with at most one decimal, for shares. */
  shareOfRatio: (value: number | null) => string | null;
  /** Bytes as MiB, one decimal. */
  bytesAsMib: (value: number | null) => string | null;
  /** Bytes as GiB, one decimal. */
  bytesAsGib: (value: number | null) => string | null;
  /** Milliseconds as seconds, one decimal. */
  msAsSeconds: (value: number | null) => string | null;
  /** A percent change (7.9 means +7.9 %) with its sign and one decimal, e.g. `+7.9%`, `−66.4%`. */
  signedPercent: (value: number | null) => string | null;
  /** A percent change without its sign (the sentence says which way), one decimal. */
  absPercent: (value: number | null) => string | null;
  /** ISO 8601 instant as a UTC date and time; the raw string if it does not parse. */
  utcDateTime: (iso: string | null) => string | null;
}

export function createFormatters(locale: string): Formatters {
  const fixed = (digits: number) => new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const oneDecimal = fixed(1);
  const upToTwo = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const threeSignificant = new Intl.NumberFormat(locale, { maximumSignificantDigits: 3 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });
  const signed = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const unsigned = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  // UTC, spelled out: a report is read on other machines than the one that ran it,
  // and a month name avoids the day/month order question.
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'long', hourCycle: 'h23', timeZone: 'UTC' });

  const using = (format: Intl.NumberFormat, scale = 1) => (value: number | null) =>
    value === null || !Number.isFinite(value) ? null : format.format(value / scale);

  return {
    rps: using(oneDecimal),
    ms: using(integer),
    count: using(integer),
    decimal1: using(oneDecimal),
    decimal2: using(upToTwo),
    significant3: using(threeSignificant),
    percentOfRatio: using(percent),
    shareOfRatio: using(unsigned),
    bytesAsMib: using(oneDecimal, 1024 ** 2),
    bytesAsGib: using(oneDecimal, 1024 ** 3),
    msAsSeconds: using(oneDecimal, 1000),
    signedPercent: using(signed, 100),
    absPercent: (value) => (value === null || !Number.isFinite(value) ? null : unsigned.format(Math.abs(value) / 100)),
    utcDateTime: (iso) => {
      if (iso === null) return null;
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
    },
  };
}
