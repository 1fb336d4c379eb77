import type { SloBinding, SloCheck } from './slo.ts';

/** One cell of a resource sweep: limits and how the trial fared against the SLO. */
export interface ResourceCell {
  /** CPU limit, cores. */
  cpus: number;
  /** Memory limit, MiB. */
  memoryMb: number;
  /** The trial's SLO check. */
  check: SloCheck;
  /** Trial id, to link the evidence; `null` for generated cells. */
  trialId: string | null;
}

/** One square of the sweep heatmap. */
export interface GridSquare {
  /** CPU limit, cores. */
  cpus: number;
  /** Memory limit, MiB. */
  memoryMb: number;
  /** Met the SLO; `null` when this combination was not run. */
  pass: boolean | null;
  /** The check's binding limit; `null` when not run. */
  binding: SloBinding | null;
  /** Trial id; `null` when not run or generated. */
  trialId: string | null;
}

/** The resource sweep's verdict. Proposed for the result contract. */
export interface ResourcePick {
  /** Smallest passing cell under `ordering`; `null` if none passed. */
  pick: ResourceCell | null;
  /** How "smallest" is decided. NOTE: i18n key. */
  ordering: 'cpus-then-memory';
  /** Distinct CPU limits, increasing (heatmap x axis). */
  cpusAxis: number[];
  /** Distinct memory limits, increasing (heatmap y axis). */
  memoryAxis: number[];
  /** Every axis combination, CPUs outer and memory inner, increasing; unrun ones have `pass: null`. */
  grid: GridSquare[];
  /**
   * Failing cells with a passing cell that has no more CPU and no more memory. More resources
   * should not hurt, so each one is noise or a flaky start worth a rerun; the report lists them.
   */
  inconsistent: { cpus: number; memoryMb: number }[];
}

/**
 * Picks the smallest passing resources: fewest CPUs first, then least memory. CPU goes first
 * because on the hosts this lab targets (2 cores, plenty of memory) a core is the scarce resource
 * that the load generator competes for, and memory above the floor only sits idle; a
 * lexicographic order also needs no price per core and per MiB, which a weighted sum would.
 * Throws on two cells with the same limits.
 */
export function pickMinResources(cells: readonly ResourceCell[]): ResourcePick {
  const key = (cpus: number, memoryMb: number) => `${cpus}/${memoryMb}`;
  const byKey = new Map<string, ResourceCell>();
  for (const c of cells) {
    if (byKey.has(key(c.cpus, c.memoryMb))) throw new RangeError(`two cells at ${c.cpus} CPU, ${c.memoryMb} MiB`);
    byKey.set(key(c.cpus, c.memoryMb), c);
  }
  const cpusAxis = [...new Set(cells.map((c) => c.cpus))].sort((a, b) => a - b);
  const memoryAxis = [...new Set(cells.map((c) => c.memoryMb))].sort((a, b) => a - b);
  const grid = cpusAxis.flatMap((cpus) =>
    memoryAxis.map((memoryMb): GridSquare => {
      const c = byKey.get(key(cpus, memoryMb));
      return { cpus, memoryMb, pass: c?.check.pass ?? null, binding: c?.check.binding ?? null, trialId: c?.trialId ?? null };
    }),
  );
  const passing = cells.filter((c) => c.check.pass);
  const pick = [...passing].sort((a, b) => a.cpus - b.cpus || a.memoryMb - b.memoryMb)[0] ?? null;
  const inconsistent = cells
    .filter((f) => !f.check.pass && passing.some((p) => p.cpus <= f.cpus && p.memoryMb <= f.memoryMb))
    .map((f) => ({ cpus: f.cpus, memoryMb: f.memoryMb }))
    .sort((a, b) => a.cpus - b.cpus || a.memoryMb - b.memoryMb);
  return { pick, ordering: 'cpus-then-memory', cpusAxis, memoryAxis, grid, inconsistent };
}
