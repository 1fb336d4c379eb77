import type { PointMeasurement, TrialStatus, TrialSummary } from '../results/types.ts';
import { findParetoFront } from './pareto-front.ts';
import { checkSlo, pointCheck, type Slo, type SloCheck } from './slo.ts';

/** One trial of the worker matrix: a configuration at one crowd size. */
export interface ConfigCell {
  /** Configuration id, e.g. `baseline-w1-cpu1`; the same for all its crowd sizes. */
  configId: string;
  /** Crowd size (Locust users). */
  users: number;
  /** CPU limit, cores. */
  cpus: number;
  /** Memory limit, MiB. */
  memoryMb: number;
  /** The trial's summary; `null` when Locust produced no stats. */
  summary: TrialSummary | null;
  /** How the trial ended. */
  status: TrialStatus;
  /** The point's verdict over its runs, when it was measured with repeats; it then decides pass or fail. */
  point?: PointMeasurement | null;
}

/** A cell in its crowd's ranking. */
export interface RankedCell {
  /** Configuration id. */
  configId: string;
  /** 1-based; equal (pass, RPS, p95) share a rank and the next rank is skipped (1, 1, 3). */
  rank: number;
  /** The SLO check of this cell. */
  check: SloCheck;
  /** Requests per second; `null` without a summary. */
  rps: number | null;
  /** p95 in ms; `null` without one. */
  p95Ms: number | null;
}

/** The ranking at one crowd size. */
export interface CrowdRanking {
  /** Crowd size. */
  users: number;
  /** Best first. */
  cells: RankedCell[];
}

/** A change against the reference configuration, in percent; positive is better. */
export interface ConfigGain {
  /** Crowd size, or `null` for the overall figures (mean RPS, worst p95). */
  users: number | null;
  /** (rps − reference rps) / reference rps × 100; `null` when either is missing or the reference is 0. */
  rpsGainPct: number | null;
  /** (reference p95 − p95) / reference p95 × 100, so a faster p95 is a positive gain; `null` when either is missing. */
  p95ReductionPct: number | null;
}

/** One configuration across all crowd sizes. */
export interface ConfigStanding {
  /** Configuration id. */
  configId: string;
  /** 1-based overall rank; ties share a rank. */
  rank: number;
  /** Met the SLO at every crowd size of the matrix (a missing crowd size counts as a miss). */
  passesAll: boolean;
  /** CPU limit, cores (the largest seen if cells disagree). */
  cpus: number;
  /** Memory limit, MiB (the largest seen if cells disagree). */
  memoryMb: number;
  /** Mean RPS over its crowd sizes with stats: the overall throughput key. */
  meanRps: number | null;
  /** Largest p95 over its crowd sizes: the overall latency key, since the SLO binds on the worst. */
  worstP95Ms: number | null;
  /** Crowd sizes where it missed the SLO or was not measured. */
  failingUsers: number[];
  /** Gains against the reference at each crowd size, then the overall one (`users: null`). */
  gains: ConfigGain[];
}

/** The worker-matrix verdict. Proposed for the result contract. */
export interface ConfigRanking {
  /** The SLO the ranking used. */
  slo: Slo;
  /** The configuration gains are measured against (the workshop's original setup); `null` if absent. */
  referenceConfigId: string | null;
  /** Crowd sizes of the matrix, increasing. */
  crowds: number[];
  /** Ranking per crowd size, increasing users. */
  byCrowd: CrowdRanking[];
  /** Overall ranking: passing everywhere first, then mean RPS descending, then worst p95 ascending. */
  overall: ConfigStanding[];
  /** First of `overall` if it passes everywhere; else `null`. */
  bestConfigId: string | null;
  /** Configurations passing everywhere that no other passing one beats on RPS, p95, CPUs and memory at once; in overall order. */
  paretoFront: string[];
}

interface Keys { pass: boolean; rps: number | null; p95: number | null; id: string }

/** Ranks a configuration matrix under the SLO. Throws on two cells for the same configuration and crowd size. */
export function rankConfigs(cells: readonly ConfigCell[], slo: Slo, referenceConfigId: string | null = null): ConfigRanking {
  const crowds = [...new Set(cells.map((c) => c.users))].sort((a, b) => a - b);
  const ids = [...new Set(cells.map((c) => c.configId))];
  const at = new Map<string, ConfigCell>();
  for (const c of cells) {
    const key = `${c.configId}@${c.users}`;
    if (at.has(key)) throw new RangeError(`two cells for ${c.configId} at ${c.users} users`);
    at.set(key, c);
  }
  const cell = (id: string, users: number) => at.get(`${id}@${users}`);

  const byCrowd = crowds.map((users) => {
    const ranked = cells.filter((c) => c.users === users).map((c) => {
      const check = judge(c, slo);
      return { configId: c.configId, check, rps: c.summary?.rps ?? null, p95Ms: c.summary?.p95Ms ?? null };
    });
    return { users, cells: withRanks(ranked, (r) => ({ pass: r.check.pass, rps: r.rps, p95: r.p95Ms, id: r.configId })) };
  });

  const ref = referenceConfigId !== null && ids.includes(referenceConfigId) ? referenceConfigId : null;
  const standings = ids.map((id) => standing(id, crowds, (users) => cell(id, users), slo));
  const refStanding = standings.find((s) => s.configId === ref) ?? null;
  for (const s of standings) {
    s.gains = crowds.map((users) => gain(users, cell(s.configId, users)?.summary, ref === null ? undefined : cell(ref, users)?.summary));
    s.gains.push(overallGain(s, refStanding));
  }
  const overall = withRanks(standings, (s) => ({ pass: s.passesAll, rps: s.meanRps, p95: s.worstP95Ms, id: s.configId }));
  const best = overall[0];
  return {
    slo,
    referenceConfigId: ref,
    crowds,
    byCrowd,
    overall,
    bestConfigId: best?.passesAll ? best.configId : null,
    paretoFront: paretoFront(overall.filter((s) => s.passesAll)),
  };
}

function standing(configId: string, crowds: number[], cellAt: (users: number) => ConfigCell | undefined, slo: Slo): ConfigStanding {
  const mine = crowds.map(cellAt).filter((c): c is ConfigCell => c !== undefined);
  const rps = mine.flatMap((c) => (c.summary ? [c.summary.rps] : []));
  const p95 = mine.flatMap((c) => (c.summary?.p95Ms != null ? [c.summary.p95Ms] : []));
  const failingUsers = crowds.filter((users) => {
    const c = cellAt(users);
    return c === undefined || !judge(c, slo).pass;
  });
  return {
    configId,
    rank: 0,
    passesAll: failingUsers.length === 0,
    cpus: Math.max(...mine.map((c) => c.cpus)),
    memoryMb: Math.max(...mine.map((c) => c.memoryMb)),
    meanRps: rps.length > 0 ? rps.reduce((a, b) => a + b, 0) / rps.length : null,
    worstP95Ms: p95.length > 0 ? Math.max(...p95) : null,
    failingUsers,
    gains: [],
  };
}

const judge = (c: ConfigCell, slo: Slo): SloCheck => (c.point ? pointCheck(c.point) : checkSlo(c, slo));

function gain(users: number | null, mine: TrialSummary | null | undefined, ref: TrialSummary | null | undefined): ConfigGain {
  return { users, rpsGainPct: rpsGain(mine?.rps, ref?.rps), p95ReductionPct: p95Reduction(mine?.p95Ms, ref?.p95Ms) };
}

function overallGain(s: ConfigStanding, ref: ConfigStanding | null): ConfigGain {
  return { users: null, rpsGainPct: rpsGain(s.meanRps, ref?.meanRps), p95ReductionPct: p95Reduction(s.worstP95Ms, ref?.worstP95Ms) };
}

function rpsGain(mine: number | null | undefined, ref: number | null | undefined): number | null {
  return mine != null && ref != null && ref > 0 ? ((mine - ref) / ref) * 100 : null;
}

function p95Reduction(mine: number | null | undefined, ref: number | null | undefined): number | null {
  return mine != null && ref != null && ref > 0 ? ((ref - mine) / ref) * 100 : null;
}

/** Sorts best first and assigns competition ranks; the id only orders exact ties for display. */
function withRanks<T>(items: T[], keys: (item: T) => Keys): (T & { rank: number })[] {
  const sorted = [...items].sort((a, b) => compare(keys(a), keys(b)) || keys(a).id.localeCompare(keys(b).id));
  const ranked: (T & { rank: number })[] = [];
  sorted.forEach((item, i) => {
    const prev = ranked[i - 1];
    const tied = prev !== undefined && compare(keys(prev), keys(item)) === 0;
    ranked.push({ ...item, rank: tied ? prev.rank : i + 1 });
  });
  return ranked;
}

/**
 * Passing first, then RPS descending, then p95 ascending; a missing number sorts after any number.
 * RPS compares in 5 % geometric buckets: under a crowd that does not saturate the API every
 * setup serves the same demand, and a 1 % RPS wobble must not outrank a halved p95. Buckets
 * (not a tolerance) keep the order transitive.
 */
function compare(a: Keys, b: Keys): number {
  if (a.pass !== b.pass) return a.pass ? -1 : 1;
  return byNumber(rpsBucket(a.rps), rpsBucket(b.rps), -1) || byNumber(a.p95, b.p95, 1);
}

const rpsBucket = (rps: number | null) => (rps === null ? null : rps <= 0 ? 0 : Math.floor(Math.log(rps) / Math.log(1.05)));

function byNumber(a: number | null, b: number | null, direction: 1 | -1): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return direction * (a - b);
}

function paretoFront(standings: ConfigStanding[]): string[] {
  return findParetoFront(
    standings.flatMap((s) =>
      s.meanRps !== null && s.worstP95Ms !== null ? [{ id: s.configId, rps: s.meanRps, p95Ms: s.worstP95Ms, cpus: s.cpus, memoryMb: s.memoryMb }] : [],
    ),
  );
}
