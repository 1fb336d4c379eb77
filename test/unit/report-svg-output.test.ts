import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compactHtml } from '../../scripts/lib/report/compact-html.ts';
import { minifySvg } from '../../scripts/lib/report/minify-svg.ts';
import { scopeSvgIds } from '../../scripts/lib/report/scope-svg-ids.ts';
import { numberLocale, renderSvg } from '../../scripts/lib/report/svg.ts';
import { textWidth } from '../../scripts/lib/report/text-width.ts';

test('minifySvg drops defaults and rounds coordinates, never text content', () => {
  const svg = '<svg class="marks" width="10"><g class="mark-group role-axis" role="graphics-object" aria-roledescription="group mark container">'
    + '<path class="background" aria-hidden="true" d="M0,0h0v0h0Z" pointer-events="none"/>'
    + '<text transform="translate(12.345678,3)" font-family="sans-serif" opacity="1">1.23456</text></g></svg>';
  assert.is(minifySvg(svg), '<svg font-family="sans-serif" class="marks" width="10"><g><text transform="translate(12.3,3)">1.23456</text></g></svg>');
});

test('minifySvg rounds long data paths to whole pixels and keeps short shapes precise', () => {
  const long = `M${Array.from({ length: 40 }, (_, i) => `${i}.46,${i}.54`).join('L')}`;
  const out = minifySvg(`<svg><path d="${long}"/><path d="M2.7,0A2.7,2.7,0,1,1,-2.7,0"/></svg>`);
  assert.ok(out.includes('d="M0,1L1,2L2,3'), out.slice(0, 80));
  assert.ok(out.includes('d="M2.7,0A2.7,2.7,0,1,1,-2.7,0"'));
});

test('scopeSvgIds prefixes ids and every reference to them', () => {
  const svg = '<svg><linearGradient id="gradient_0"/><path fill="url(#gradient_0)"/><use href="#gradient_0"/></svg>';
  assert.is(scopeSvgIds(svg, 'c3-'), '<svg><linearGradient id="c3-gradient_0"/><path fill="url(#c3-gradient_0)"/><use href="#c3-gradient_0"/></svg>');
});

test('compactHtml removes indentation outside pre, script and style', () => {
  const html = '<div>\n    <p>a</p>\n\n  <pre>\n  keep\n    this</pre>\n  <script type="application/json">\n  {"a": 1}</script>\n</div>';
  assert.is(compactHtml(html), '<div>\n<p>a</p>\n<pre>\n  keep\n    this</pre>\n<script type="application/json">\n  {"a": 1}</script>\n</div>');
});

test('chart axes use the report locale: "1.000" and "0,5" in Spanish, "1,000" and "0.5" in English', async () => {
  assert.equal(numberLocale('es-ES'), { decimal: ',', thousands: '.', grouping: [3], currency: ['', ''] });
  const spec = { data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1500 }] }, mark: 'point', encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } } as const;
  const es = await renderSvg(spec, 'es-ES');
  assert.match(es, />1\.000</);
  assert.match(es, />0,5</);
  const en = await renderSvg(spec);
  assert.match(en, />1,000</);
  assert.match(en, />0\.5</);
});

test('labels are measured with sans-serif widths, not 0.8 em a character: a 20-character label is not cut at 160 px', async () => {
  assert.ok(textWidth('1 replica · 0.75 CPU', 10) < 120, 'about 0.55 em a character');
  assert.ok(textWidth('MMMM', 10, true) > textWidth('MMMM', 10), 'bold is wider');
  assert.is(textWidth('más', 10), textWidth('mas', 10), 'an accent adds no width');
  const spec = {
    data: { values: [{ setup: '1 replica · 0.75 CPU', v: 1 }, { setup: '1 replica · 1.5 CPU', v: 2 }] },
    width: 300, mark: 'bar',
    encoding: { x: { field: 'setup', type: 'nominal', axis: { labelAngle: 0, labelLimit: 160, labelOverlap: true } }, y: { field: 'v', type: 'quantitative' } },
  } as const;
  const svg = await renderSvg(spec as never);
  assert.ok(svg.includes('1 replica · 0.75 CPU') && svg.includes('1 replica · 1.5 CPU'), 'both labels, whole');
  assert.not.ok(svg.includes('…'));
});

test.run();
