import { parse, type CsvError } from 'csv-parse/sync';
import { InputError, quoteValue } from '../collect/input-error.ts';

/** One data record of a CSV file. */
export interface CsvRow {
  /** File name, carried so field readers can name it in errors. */
  file: string;
  /** 1-based line where the record starts (a quoted field may span lines). */
  line: number;
  /** Raw values keyed by header name. */
  values: Record<string, string>;
}

/** A CSV file read by header name. */
export interface CsvTable {
  file: string;
  header: string[];
  rows: CsvRow[];
}

interface LocatedRecord {
  fields: string[];
  line: number;
}

/**
 * Reads CSV text as Locust writes it (Python's csv module: RFC 4180 quoting,
 * CRLF line ends, newlines inside quoted fields) and checks its shape.
 * Throws InputError for an empty or binary file, an unreadable record, a
 * duplicated column or a missing `required` column.
 */
export function readCsv(text: string, file: string, required: readonly string[]): CsvTable {
  if (text.trim() === '') throw new InputError({ file, expected: 'a CSV header line', got: 'an empty file' });
  rejectBinary(text, file);

  const records = parseRecords(text, file);
  const [first, ...data] = records;
  if (first === undefined) throw new InputError({ file, expected: 'a CSV header line', got: 'an empty file' });
  const header = first.fields;
  // A file that lost its header starts with a data row: name the missing columns, not a repeated value.
  if (!required.some((name) => header.includes(name))) requireColumns({ file, header }, required);
  rejectDuplicateColumns(header, file);
  requireColumns({ file, header }, required);

  const rows = data.map(({ fields, line }) => {
    if (fields.length !== header.length) {
      // A writer killed mid-row leaves fewer fields; an empty line leaves one.
      throw new InputError({
        file,
        line,
        expected: `${header.length} fields like the header`,
        got: `${fields.length} (truncated or ragged row)`,
      });
    }
    return { file, line, values: Object.fromEntries(header.map((name, i) => [name, fields[i] ?? ''])) };
  });
  return { file, header, rows };
}

function rejectBinary(text: string, file: string): void {
  // readFile(..., 'utf8') turns invalid UTF-8 into U+FFFD, so that is how bad bytes arrive here.
  const nul = text.indexOf('\u0000');
  const bad = text.indexOf('\uFFFD');
  if (nul < 0 && bad < 0) return;
  const at = nul < 0 ? bad : bad < 0 ? nul : Math.min(nul, bad);
  const line = lineAt(text, at);
  const got = at === nul ? 'a NUL byte (binary data)' : 'bytes that are not valid UTF-8';
  throw new InputError({ file, line, expected: 'UTF-8 text', got });
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function parseRecords(text: string, file: string): LocatedRecord[] {
  // csv-parse reports the line where a record ends; the start is one past the previous end.
  const located: LocatedRecord[] = [];
  let lastEnd = 0;
  try {
    parse(text, {
      bom: true,
      // Field counts are checked against the header in readCsv, where the line is known.
      relax_column_count: true,
      skip_empty_lines: false,
      on_record: (fields, context) => {
        located.push({ fields, line: lastEnd + 1 });
        lastEnd = context.lines;
        return fields;
      },
    });
  } catch (error) {
    throw toInputError(error, file, lastEnd + 1);
  }
  return located;
}

function toInputError(error: unknown, file: string, line: number): unknown {
  const code = (error as Partial<CsvError>).code;
  if (code === undefined) return error;
  const csvError = error as CsvError;
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new InputError({ file, line, expected: 'a closing quote', got: 'the end of the file (unterminated quoted field)' });
    // Python's csv module quotes any field holding a quote, so these mean the file was edited or cut.
    case 'INVALID_OPENING_QUOTE':
      return new InputError({ file, line, expected: 'quotes only around a whole field', got: 'a quote inside an unquoted field' });
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return new InputError({ file, line, expected: 'a comma or line end after a closing quote', got: 'more text' });
    default:
      return new InputError({ file, line, expected: 'valid CSV', got: quoteValue(csvError.message) });
  }
}

function rejectDuplicateColumns(header: string[], file: string): void {
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) {
      const times = header.filter((h) => h === name).length;
      throw new InputError({ file, line: 1, field: name, expected: 'each column name once', got: `it ${times} times` });
    }
    seen.add(name);
  }
}

/** Throws an InputError naming every column of `required` that the header lacks. */
export function requireColumns(table: Pick<CsvTable, 'file' | 'header'>, required: readonly string[]): void {
  const missing = required.filter((name) => !table.header.includes(name));
  if (missing.length === 0) return;
  const names = missing.map((name) => `"${name}"`).join(', ');
  throw new InputError({
    file: table.file,
    line: 1,
    expected: `${missing.length === 1 ? 'column' : 'columns'} ${names}`,
    got: 'a header without them',
  });
}
