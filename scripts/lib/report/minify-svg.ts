/**
 * Shrinks the SVG that Vega writes without changing what it draws. A long
 * run's report holds hundreds of charts, and Vega's output repeats defaults on
 * every element: `opacity="1"`, `stroke-width="1"`, empty background and
 * foreground paths of axis groups, 15-digit coordinates. Only tags are
 * touched, never text content, so labels and titles stay exactly as written.
 */
export function minifySvg(svg: string): string {
  const minified = svg
    .replace(/<path class="(?:background|foreground)" aria-hidden="true" d="(?:M0,0h0v0h0Z)?" pointer-events="none"(?: display="none")?\/>/g, '')
    .replace(/<path class="foreground" aria-hidden="true" d="" display="none"\/>/g, '')
    .replace(/<[^>]+>/g, (tag) => tag
      .replace(/ (?:opacity|fill-opacity|stroke-opacity)="1"/g, '')
      .replace(/ stroke-width="1"/g, '')
      .replace(/ stroke-miterlimit="4"/g, '')
      .replace(/ pointer-events="none"/g, '')
      .replace(/ aria-hidden="true"/g, '')
      .replace(/ role="[^"]*"| aria-roledescription="[^"]*"/g, '')
      // Vega's class names only serve its own interactive runtime, which a static page does not load.
      .replace(/ class="(?!marks")[^"]*"/g, '')
      .replace(/ font-family="sans-serif"/g, '')
      .replace(/ transform="translate\(0,0\)"/g, '')
      // Long paths (data lines, 1.5-2 px wide) to whole pixels; everything else, symbols
      // and the half-pixel offsets of crisp 1 px rules included, to a tenth of a pixel.
      .replace(/ d="([^"]{200,})"/g, (_, d: string) => ` d="${d.replace(/-?\d+\.\d+/g, (n) => String(Math.round(Number(n))))}"`)
      .replace(/(\d+\.\d)\d+/g, '$1'));
  // The font attribute removed from every text is set once on the root, where SVG inherits it.
  return minified.replace(/^<svg /, '<svg font-family="sans-serif" ');
}
