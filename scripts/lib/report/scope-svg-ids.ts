/**
 * Prefixes every `id` in an SVG and every reference to one (`url(#…)`,
 * `href="#…"`). Vega numbers its gradients and clip paths from 0 in each
 * SVG, and a page inlines many: without a prefix the second chart's legend
 * would paint with the first chart's gradient.
 */
export function scopeSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${prefix}${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${prefix}${id})`)
    .replace(/\b(xlink:href|href)="#([^"]+)"/g, (_, attr: string, id: string) => `${attr}="#${prefix}${id}"`);
}
