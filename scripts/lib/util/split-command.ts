import { LabError } from '../errors.ts';

const EXAMPLE = `"python3 -m uvicorn main:app --host 0.0.0.0 --port 8000"`;

/**
 * Splits a command line into argv the way a POSIX shell splits words, without
 * running anything: whitespace separates words; '…' keeps everything literally;
 * "…" keeps everything but lets \\ escape \\ " $ ` and a newline; outside quotes
 * \\ escapes the next character. Quoted and plain parts next to each other make
 * one word (a"b c"d is `ab cd`); '' is an empty word. Nothing is expanded: $VAR,
 * globs, ~ and ; | & are plain characters. An unterminated quote or a trailing
 * backslash is refused, naming the value and the fix. Compose splits a string
 * `command:` the same way (Python's `shlex.split`), so flags, plan files and
 * compose files share this one splitter; `flag` names the value in errors
 * (`--command`, `target.command`, `services.api.command`).
 */
export function splitCommand(value: string, flag = '--command'): string[] {
  const words: string[] = [];
  let word = '';
  /** True once the current word has begun, even if it is empty so far (''). */
  let inWord = false;
  let i = 0;
  const end = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  while (i < value.length) {
    const c = value[i]!;
    if (/\s/.test(c)) {
      end();
      i += 1;
    } else if (c === "'") {
      const close = value.indexOf("'", i + 1);
      if (close < 0) throw unterminated(value, flag, "'", i);
      word += value.slice(i + 1, close);
      inWord = true;
      i = close + 1;
    } else if (c === '"') {
      const open = i;
      i += 1;
      inWord = true;
      for (;;) {
        if (i >= value.length) throw unterminated(value, flag, '"', open);
        const d = value[i]!;
        if (d === '"') break;
        if (d === '\\' && i + 1 < value.length && '\\"$`\n'.includes(value[i + 1]!)) {
          if (value[i + 1] !== '\n') word += value[i + 1];
          i += 2;
        } else {
          word += d;
          i += 1;
        }
      }
      i += 1;
    } else if (c === '\\') {
      if (i + 1 >= value.length) {
        throw new LabError(
          `${flag}: ${JSON.stringify(value)} ends with a lone backslash.`,
          `Remove it, or write \\\\ for a literal backslash, e.g. ${EXAMPLE}.`,
        );
      }
      // A backslash before a newline joins the lines, as in a shell.
      if (value[i + 1] !== '\n') {
        word += value[i + 1];
        inWord = true;
      }
      i += 2;
    } else {
      word += c;
      inWord = true;
      i += 1;
    }
  }
  end();
  return words;
}

function unterminated(value: string, flag: string, quote: string, at: number): LabError {
  const other = quote === "'" ? '"' : "'";
  return new LabError(
    `${flag}: the ${quote} opened at character ${at + 1} of ${JSON.stringify(value)} is never closed.`,
    `Close the quote, or escape a literal quote with a backslash (\\${quote}) or put it inside ${other}…${other}, e.g. ${EXAMPLE}.`,
  );
}

/** Words that a shell would treat as operators; compose passes them to the program as plain arguments. */
export function shellOperators(words: readonly string[]): string[] {
  return words.filter((w) => /^(?:&&|\|\||\||;|&|>>?|<|2>&1|2>)$/.test(w));
}
