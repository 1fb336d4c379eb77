import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { settleTies, tieRepeatsNeeded, type TieCell } from '../../scripts/lib/search/tie-repeats.ts';

test('a tie measured once goes to 3 runs, then one more at a time up to the cap', () => {
  assert.equal([1, 2, 3, 4, 5, 6].map((runs) => tieRepeatsNeeded(runs, 5)), [2, 1, 1, 1, 0, 0]);
  assert.equal([1, 2, 3].map((runs) => tieRepeatsNeeded(runs, 3)), [2, 1, 0]);
  assert.equal(tieRepeatsNeeded(1, 1), 0, 'a cap of 1 measures no tie again');
});

type Cell = TieCell & { rps: number[] };
/** Tied while the two setups' [min, max] of throughput overlap (a single run: ±2 req/s); the best has the larger median. */
const standing = (cells: readonly Cell[]) => {
  const [a, b] = cells.map((c) => ({ id: c.configId, lo: Math.min(...c.rps) - (c.rps.length === 1 ? 2 : 0), hi: Math.max(...c.rps) + (c.rps.length === 1 ? 2 : 0), mid: [...c.rps].sort((x, y) => x - y)[c.rps.length >> 1]! }));
  const [best, other] = a!.mid >= b!.mid ? [a!, b!] : [b!, a!];
  return { bestId: best.id, tied: best.lo <= other.hi && other.lo <= best.hi ? [other.id] : [] };
};

test('repeats that separate two setups end the tie-break early', async () => {
  // One run each overlaps (55 and 54, ±2).
  // A's runs span [55, 71] and B's [40, 54]: apart after one round.
  const next: Record<string, number[]> = { a: [70, 71, 72, 73], b: [40, 41, 42, 43] };
  const visits: string[] = [];
  const out = await settleTies<Cell>({
    cells: [{ configId: 'a', users: 100, runs: 1, rps: [55] }, { configId: 'b', users: 100, runs: 1, rps: [54] }],
    standing, maxRuns: 5,
    measureMore: async (cell, runs) => {
      visits.push(`${cell.configId}+${runs}`);
      const rps = [...cell.rps, ...next[cell.configId]!.splice(0, runs)];
      return { ...cell, runs: rps.length, rps };
    },
  });
  assert.equal(visits, ['a+2', 'b+2'], 'the best first, then the setup tied with it');
  assert.equal(out.cells.map((c) => c.runs), [3, 3]);
  assert.ok(out.separated);
  assert.equal(out.remeasured.sort(), ['a', 'b']);
});

test('a tie that holds stops at the cap and stays a tie', async () => {
  let calls = 0;
  const out = await settleTies<Cell>({
    cells: [{ configId: 'a', users: 100, runs: 1, rps: [55] }, { configId: 'b', users: 100, runs: 1, rps: [56] }],
    standing, maxRuns: 5,
    measureMore: async (cell, runs) => {
      calls += 1;
      const rps = [...cell.rps, ...Array.from({ length: runs }, (_, i) => 55 + ((cell.runs + i) % 2))];
      return { ...cell, runs: rps.length, rps };
    },
  });
  assert.equal(out.cells.map((c) => c.runs), [5, 5]);
  assert.not.ok(out.separated);
  assert.is(calls, 6, '2 rounds to 3 runs, then 2 rounds of one more each');
});

test('no tie: nothing is measured again', async () => {
  const out = await settleTies<Cell>({
    cells: [{ configId: 'a', users: 100, runs: 1, rps: [80] }, { configId: 'b', users: 100, runs: 1, rps: [50] }],
    standing, maxRuns: 5,
    measureMore: async () => { throw new Error('measured again'); },
  });
  assert.equal(out.remeasured, []);
  assert.ok(out.separated);
});

test.run();
