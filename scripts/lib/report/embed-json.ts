/**
 * Serializes a value for `<script type="application/json">`. `<` (and `>`, `&`)
 * become `\u003c`-style escapes so no string in the data can close the script
 * element or open a comment; JSON.parse reads the escapes back unchanged.
 * U+2028/2029 are escaped too, for any consumer that evals instead of parsing.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
