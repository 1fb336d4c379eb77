import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LabError } from '../../scripts/lib/errors.ts';
import { CHROMIUM_CANDIDATES, countPdfPages, findChromium, printedFileNames } from '../../scripts/lib/report/print-report.ts';

test('findChromium: CHROMIUM_PATH first, then the candidates in order', () => {
  assert.is(findChromium({ CHROMIUM_PATH: '/opt/chrome' }, (file) => file === '/opt/chrome'), '/opt/chrome');
  assert.is(findChromium({}, (file) => file === CHROMIUM_CANDIDATES[1]), CHROMIUM_CANDIDATES[1]);
  assert.is(findChromium({}, () => true), '/usr/bin/chromium');
});

test('findChromium: a missing browser is a LabError that names the fix', () => {
  for (const env of [{}, { CHROMIUM_PATH: '/nope' }]) {
    try {
      findChromium(env, () => false);
      assert.unreachable();
    } catch (error) {
      assert.instance(error, LabError);
      assert.match((error as LabError).hint ?? '', /apt-get install -y chromium|CHROMIUM_PATH/);
    }
  }
});

test('printed files sit beside the page, the language kept in their names', () => {
  assert.equal(printedFileNames('/r/run/index.html'), { pdfPath: '/r/run/index.pdf', summaryPngPath: '/r/run/summary.png' });
  assert.equal(printedFileNames('/r/run/index.es.html'), { pdfPath: '/r/run/index.es.pdf', summaryPngPath: '/r/run/summary.es.png' });
  assert.equal(printedFileNames('/r/run/lab.html'), { pdfPath: '/r/run/lab.pdf', summaryPngPath: '/r/run/lab.summary.png' });
});

test('countPdfPages counts page objects, not the page tree', () => {
  const pdf = Buffer.from('1 0 obj <</Type /Pages /Count 2>> endobj 2 0 obj <</Type /Page>> endobj 3 0 obj <</Type/Page /Parent 1 0 R>> endobj', 'latin1');
  assert.is(countPdfPages(pdf), 2);
});

test.run();
