import { LabError } from '../errors.ts';

/**
 * Splits a command string into argv the way compose does with a string
 * `command:` (POSIX shell word rules, as Python's `shlex.split`): blanks
 * separate words; '...' keeps everything literally; "..." keeps all but
 * `\"`, `\\`, `\$` and `` \` ``; a backslash outside quotes keeps the next
 * character; `""` is an empty word. Nothing is expanded: `$VAR`, `*`, `~`,
 * `&&` and `|` stay literal words, as compose passes them to the program.
 * `field` names the value in the error an unclosed quote gets.
 */
export function splitShellWords(text: string, field = 'command'): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1]!)) {
        i += 1;
        if (text[i] !== '\n') word += text[i];
      } else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 >= text.length) throw new LabError(`${field}: ends with a lone backslash: ${text}`, 'Remove the trailing \\ or write \\\\ for a literal backslash.');
      i += 1;
      // A backslash-newline joins lines, as in a shell.
      if (text[i] !== '\n') {
        word += text[i];
        inWord = true;
      }
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new LabError(`${field}: a ${quote === '"' ? 'double' : 'single'} quote is never closed: ${text}`, `Close the ${quote} quote, or give the command as a list of arguments.`);
  if (inWord) words.push(word);
  return words;
}

/** Words that a shell would treat as operators; compose passes them to the program as plain arguments. */
export function shellOperators(words: readonly string[]): string[] {
  return words.filter((w) => /^(?:&&|\|\||\||;|&|>>?|<|2>&1|2>)$/.test(w));
}
