import { moreRuns } from './judge-point.ts';

/**
 * How many more runs a setup in a close ranking (tied with the best, or the
 * best itself) needs at one crowd: the rule of an undecided SLO verdict,
 * applied to the ranking. A tie measured once goes to 3 runs, then one more
 * at a time while it stays a tie, up to `maxRuns`. Pure.
 */
export const tieRepeatsNeeded = moreRuns;

/** A setup at one crowd, as far as the tie-break is concerned. */
export interface TieCell {
  configId: string;
  users: number;
  /** Runs measured so far. */
  runs: number;
}

/**
 * Measures a close ranking again until it is decided or every close setup has
 * `maxRuns` runs at every crowd. `standing` ranks the cells as they are now:
 * the best setup and those tied with it. `measureMore` adds runs to one cell
 * and returns it judged again; cells are visited setup by setup, so the runs
 * of one setup can load the same running API.
 */
export async function settleTies<C extends TieCell>(opts: {
  cells: readonly C[];
  standing: (cells: readonly C[]) => { bestId: string | null; tied: string[] };
  maxRuns: number;
  measureMore: (cell: C, runs: number) => Promise<C>;
}): Promise<{ cells: C[]; remeasured: string[]; separated: boolean }> {
  const cells = [...opts.cells];
  const remeasured = new Set<string>();
  for (let now = opts.standing(cells); now.bestId !== null && now.tied.length > 0; now = opts.standing(cells)) {
    let ran = false;
    for (const id of [now.bestId, ...now.tied]) {
      for (const [i, cell] of cells.entries()) {
        const more = cell.configId === id ? tieRepeatsNeeded(cell.runs, opts.maxRuns) : 0;
        if (more === 0) continue;
        cells[i] = await opts.measureMore(cell, more);
        remeasured.add(id);
        ran = true;
      }
    }
    if (!ran) break;
  }
  return { cells, remeasured: [...remeasured], separated: opts.standing(cells).tied.length === 0 };
}
