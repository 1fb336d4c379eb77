/**
 * Advance widths in em of DejaVu Sans, the `sans-serif` of most Linux
 * desktops and of the Chromium that prints the report. It is wider than
 * Helvetica or Arial (macOS, Windows), so a label that fits here fits there.
 * Characters not listed count as a wide letter.
 */
const WIDTHS: Record<string, number> = {
  ' ': 0.318, '.': 0.318, ',': 0.318, ':': 0.337, ';': 0.337, '·': 0.318, '!': 0.4, '|': 0.337, "'": 0.275,
  '-': 0.361, '−': 0.838, '–': 0.5, '—': 1, '(': 0.39, ')': 0.39, '[': 0.39, ']': 0.39, '/': 0.337, '%': 0.95,
  '+': 0.838, '=': 0.838, '<': 0.838, '>': 0.838, '≤': 0.838, '≥': 0.838, '×': 0.838, '…': 1, '★': 0.838, '✓': 0.838, '▲': 0.77,
  a: 0.613, b: 0.635, c: 0.55, d: 0.635, e: 0.615, f: 0.352, g: 0.635, h: 0.634, i: 0.278, j: 0.278, k: 0.579, l: 0.278, m: 0.974,
  n: 0.634, o: 0.612, p: 0.635, q: 0.635, r: 0.411, s: 0.521, t: 0.392, u: 0.634, v: 0.592, w: 0.818, x: 0.592, y: 0.592, z: 0.525,
  A: 0.684, B: 0.686, C: 0.698, D: 0.77, E: 0.632, F: 0.575, G: 0.775, H: 0.752, I: 0.295, J: 0.295, K: 0.656, L: 0.557, M: 0.863,
  N: 0.748, O: 0.787, P: 0.603, Q: 0.787, R: 0.695, S: 0.635, T: 0.611, U: 0.732, V: 0.684, W: 0.989, X: 0.685, Y: 0.611, Z: 0.685,
};
const DIGIT = 0.636;
const OTHER = 0.8;
/** Bold DejaVu Sans runs about a tenth wider. */
const BOLD = 1.1;

/**
 * Estimated width in px of `text` in `sans-serif` at `fontSize` px. Vega,
 * with no canvas to measure glyphs, guesses 0.8 em a character: labels of
 * 20 characters were cut at 160 px and half the axis labels were hidden as
 * "overlapping". Accents count as their base letter ("á" as "a").
 */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const char of text.normalize('NFD')) {
    if (char >= '\u0300' && char <= '\u036f') continue;
    em += char >= '0' && char <= '9' ? DIGIT : WIDTHS[char] ?? OTHER;
  }
  return em * fontSize * (bold ? BOLD : 1);
}

/** A Vega scenegraph text item, as far as its width depends on it. */
interface TextItem { fontSize?: number | string; fontWeight?: number | string; limit?: number }

/**
 * Vega's `textMetrics.width` (the hook vl-convert uses too). Vega calls it
 * with the untruncated text; a label cut at `limit` px takes `limit` px.
 */
export function vegaTextWidth(item: TextItem, text: unknown): number {
  const size = item.fontSize == null ? 11 : Number(item.fontSize) || 0;
  const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
  const width = textWidth(text == null ? '' : String(text).trim(), size, bold);
  return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
}
