import type { Loader } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { minifySvg } from './minify-svg.ts';
import { vegaTextWidth } from './text-width.ts';

// vega and vega-lite (which imports vega) load lazily: vega's vega-canvas
// dependency uses top-level await, which fails when a test runner loads this
// module through a CommonJS hook (`uvu -r tsx`). A dynamic import always goes
// through Node's ESM loader, which supports it.
type Engines = [typeof import('vega'), typeof import('vega-lite')];
let engines: Promise<Engines> | undefined;
const loadEngines = (): Promise<Engines> => (engines ??= Promise.all([import('vega'), import('vega-lite')]).then((loaded) => {
  // Label limits, overlap checks and legend widths all measure text; see text-width.ts.
  // vega exports textMetrics; @types/vega does not declare it.
  (loaded[0] as unknown as { textMetrics: { width: typeof vegaTextWidth } }).textMetrics.width = vegaTextWidth;
  return loaded;
}));

/**
 * Specs carry their data inline. This loader fails every request, so a spec that
 * names a URL cannot reach the network or the file system at render time. Vega
 * only logs a failed load and draws an empty chart, so the refusals are also
 * recorded and turned into an error once the view has run.
 */
function offlineLoader(refused: string[]): Loader {
  const refuse = async (uri: string): Promise<never> => {
    refused.push(uri);
    throw new Error(`refused to load ${JSON.stringify(uri)}`);
  };
  return { load: refuse, sanitize: refuse, http: refuse, file: refuse } as unknown as Loader;
}

/**
 * The d3-format number locale (Vega's axes and labels) of a BCP 47 tag, read
 * off the platform's Intl data: "1.200,5" in Spanish, "1,200.5" in English.
 * (d3 groups every number past 3 digits; Intl leaves 4-digit ones alone in
 * Spanish, so an axis may show "1.500" where the text says "1500".)
 */
export function numberLocale(locale: string): { decimal: string; thousands: string; grouping: number[]; currency: [string, string] } {
  const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
  const part = (type: string, fallback: string) => parts.find((p) => p.type === type)?.value ?? fallback;
  return { decimal: part('decimal', '.'), thousands: part('group', ','), grouping: [3], currency: ['', ''] };
}

/**
 * Compiles a Vega-Lite spec and renders it to an SVG string, headless.
 * With the `none` renderer and no `canvas` package, Vega estimates text widths
 * instead of measuring glyphs, so no canvas or font files are needed.
 * Vega escapes every text and attribute it writes, so data strings stay text.
 */
export async function renderSvg(spec: TopLevelSpec, locale = 'en-US'): Promise<string> {
  const [{ View, parse, logger, None }, { compile }] = await loadEngines();
  // Library code never prints: Vega-Lite's compile warnings would go to the console.
  const { spec: vegaSpec } = compile(spec, { logger: logger(None) });
  const refused: string[] = [];
  // The View takes locale *definitions* ({ number, time }) and builds the formatters itself;
  // @types/vega declares the built formatters instead, hence the cast.
  const options = { renderer: 'none', loader: offlineLoader(refused), logLevel: 0, locale: { number: numberLocale(locale) } };
  const view = new View(parse(vegaSpec), options as unknown as ConstructorParameters<typeof View>[1]);
  try {
    const svg = await view.toSVG();
    if (refused.length > 0) {
      throw new Error(`report charts must be self-contained; refused to load ${refused.map((uri) => JSON.stringify(uri)).join(', ')}`);
    }
    return minifySvg(svg);
  } finally {
    view.finalize();
  }
}
