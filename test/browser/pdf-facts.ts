// Reads what the browser tests need from a PDF that Chromium (Skia) wrote: the
// page count, the page size and the text. Not a general PDF reader: it relies on
// Skia's output, which keeps objects unpacked (no object streams), names each
// font resource after its object (/F4 is object 4) and shows text as hex glyph
// ids through a ToUnicode map. Enough to prove that a given string was printed.
import { inflateSync } from 'node:zlib';

/** Every `n 0 obj ... endobj` with its stream inflated (when Flate-encoded). */
function objects(pdf: Buffer): Map<number, { dict: string; stream: string | null }> {
  const out = new Map<number, { dict: string; stream: string | null }>();
  const text = pdf.toString('latin1');
  const re = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    if (end < 0) break;
    const body = text.slice(start, end);
    const at = body.indexOf('stream');
    let stream: string | null = null;
    let dict = body;
    if (at >= 0 && body.startsWith('<<')) {
      dict = body.slice(0, at);
      const dataStart = start + at + 'stream'.length + (text[start + at + 6] === '\r' ? 2 : 1);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? -1);
      const raw = length >= 0 ? pdf.subarray(dataStart, dataStart + length) : Buffer.from(body.slice(at + 7, body.lastIndexOf('endstream')), 'latin1');
      try {
        stream = (/\/FlateDecode/.test(dict) ? inflateSync(raw) : raw).toString('latin1');
      } catch {
        stream = null;
      }
    }
    out.set(Number(m[1]), { dict, stream });
    re.lastIndex = end;
  }
  return out;
}

/** Page count and the first page's size in millimetres. */
export function pdfPages(pdf: Buffer): { count: number; widthMm: number; heightMm: number } {
  const text = pdf.toString('latin1');
  const count = (text.match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
  const box = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(text);
  const mm = (pt: number) => Math.round((pt / 72) * 25.4 * 10) / 10;
  return { count, widthMm: box ? mm(Number(box[3]) - Number(box[1])) : 0, heightMm: box ? mm(Number(box[4]) - Number(box[2])) : 0 };
}

/** Glyph id -> text, from a ToUnicode CMap (bfchar and bfrange). */
function cmap(source: string): Map<number, string> {
  const map = new Map<number, string>();
  const unhex = (hex: string) => String.fromCodePoint(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of source.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, from, to] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(from!, 16), unhex(to!));
  }
  for (const block of source.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, to] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      const base = parseInt(to!, 16);
      for (let g = parseInt(lo!, 16); g <= parseInt(hi!, 16); g++) map.set(g, String.fromCodePoint(base + g - parseInt(lo!, 16)));
    }
  }
  return map;
}

/** Text without whitespace and with ligatures (ﬁ) unfolded: how `pdfText` is compared. */
export function squeeze(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

/**
 * The text shown in every content stream, in stream order, squeezed (see
 * `squeeze`): Skia splits words into runs and positions glyphs one by one, so
 * spaces cannot be told from kerning. Compare with `pdfText(pdf).includes(squeeze(s))`.
 */
export function pdfText(pdf: Buffer): string {
  const objs = objects(pdf);
  const fonts = new Map<string, Map<number, string>>();
  for (const [id, { dict }] of objs) {
    const ref = /\/ToUnicode (\d+) 0 R/.exec(dict);
    const map = ref ? objs.get(Number(ref[1]))?.stream : null;
    if (map) fonts.set(`F${id}`, cmap(map));
  }
  const parts: string[] = [];
  for (const { dict, stream } of objs.values()) {
    if (!stream || /\/(Length1|Subtype \/(Image|Type1C|CIDFontType0C))/.test(dict) || !/\bTf\b/.test(stream)) continue;
    let font: Map<number, string> | undefined;
    for (const [, name, shown] of stream.matchAll(/\/(F\d+) [\d.]+ Tf|(\[(?:[^\]]*)\]\s*TJ|<[0-9a-fA-F]*>\s*Tj)/g)) {
      if (name) { font = fonts.get(name); continue; }
      if (!font || !shown) continue;
      let run = '';
      for (const [, hex] of shown.matchAll(/<([0-9a-fA-F]*)>/g)) {
        for (const glyph of hex!.match(/.{4}/g) ?? []) run += font.get(parseInt(glyph, 16)) ?? '';
      }
      parts.push(run);
    }
  }
  return squeeze(parts.join(''));
}
