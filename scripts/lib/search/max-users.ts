import { findKnee } from './find-knee.ts';
import { checkSloMeasure, type Slo, type SloBinding, type SloCheck } from './slo.ts';

/**
 * One step of a step ramp (one Locust run driven by a LoadTestShape), measured at the step's
 * end from the windowed history values, never averaged across the step.
 */
export interface RampPoint {
  /** Users held during the step. */
  users: number;
  /** Windowed p95 at the step's end, ms; `null` for `N/A`. */
  p95Ms: number | null;
  /** Failures / requests within the step. */
  failureRatio: number;
}

/** Where a ramp crossed the SLO. */
export interface RampBracket {
  /** Users of the last passing step before the first failing one; `null` if the first step failed. */
  lastPassingUsers: number | null;
  /** Users of the first failing step; `null` if every step passed. */
  firstFailingUsers: number | null;
  /** Limit that failed at `firstFailingUsers`; `null` if every step passed. */
  binding: SloBinding | null;
  /** Each step's check, in increasing users. */
  checks: (SloCheck & { users: number })[];
}

/**
 * Brackets the SLO crossing on a ramp. A step that passes after a failing one is ignored: the
 * crowd has already been seen to miss the SLO at fewer users, and the bisection settles it.
 */
export function bracketFromRamp(points: readonly RampPoint[], slo: Slo): RampBracket {
  const checks = [...points].sort((a, b) => a.users - b.users).map((p) => ({ ...checkSloMeasure(p, slo), users: p.users }));
  const failing = checks.findIndex((c) => !c.pass);
  if (failing === -1) return { lastPassingUsers: checks[checks.length - 1]?.users ?? null, firstFailingUsers: null, binding: null, checks };
  const fail = checks[failing]!;
  return { lastPassingUsers: checks[failing - 1]?.users ?? null, firstFailingUsers: fail.users, binding: fail.binding, checks };
}

/** One bisection probe: a steady run at `users`, checked against the SLO. */
export interface UsersProbe extends SloCheck {
  /** Users the probe ran with. */
  users: number;
  /** 1-based position in the bisection. */
  order: number;
}

/** Result of `bisectUsers`. */
export interface UsersBisection {
  /** Largest user count known to pass. */
  lastPassingUsers: number;
  /** Smallest user count known to fail. */
  firstFailingUsers: number;
  /** Limit that failed at `firstFailingUsers`, if a probe measured it there; else `null`. */
  binding: SloBinding | null;
  /** Every probe, in order. */
  probes: UsersProbe[];
  /** `probes.length`. */
  probesUsed: number;
  /** Bracket width the search stopped at. */
  resolution: number;
  /** The bracket reached `resolution` before `maxProbes` ran out. */
  converged: boolean;
}

/**
 * Narrows [last passing, first failing] by bisection on whole user counts, assuming the SLO
 * fails monotonically with users. The default resolution, 5% of `low` (at least 1 user), is
 * about the run-to-run noise of a steady p95 on a laptop; finer steps would measure noise.
 */
export async function bisectUsers(opts: {
  low: number;
  high: number;
  probe: (users: number) => Promise<SloCheck & { users: number }>;
  resolution?: number;
  maxProbes?: number;
}): Promise<UsersBisection> {
  let { low, high } = opts;
  const resolution = opts.resolution ?? Math.max(1, 0.05 * low);
  const maxProbes = opts.maxProbes ?? 8;
  if (!Number.isInteger(low) || !Number.isInteger(high) || low < 0 || low >= high) {
    throw new RangeError(`need whole user counts with 0 <= low < high, got low ${low}, high ${high}`);
  }
  if (!(resolution >= 1)) throw new RangeError(`resolution must be >= 1 user, got ${resolution}`);
  let binding: SloBinding | null = null;
  const probes: UsersProbe[] = [];
  while (high - low > resolution && probes.length < maxProbes) {
    const users = Math.floor((low + high) / 2);
    const check = await opts.probe(users);
    probes.push({ ...check, users, order: probes.length + 1 });
    if (check.pass) low = users;
    else [high, binding] = [users, check.binding];
  }
  return { lastPassingUsers: low, firstFailingUsers: high, binding, probes, probesUsed: probes.length, resolution, converged: high - low <= resolution };
}

/** Where a curve point was measured. NOTE: chart legend and i18n keys. */
export type CurveSource = 'ramp' | 'bisect' | 'hold';

/** One point of the latency-versus-users curve. */
export interface CurvePoint {
  /** Users. */
  users: number;
  /** p95 in ms; `null` when not measured. */
  p95Ms: number | null;
  /** Failure ratio; `null` when the trial had no statistics. */
  failureRatio: number | null;
  /** Which measurement produced it. */
  source: CurveSource;
}

/** The max-users stage's answer. Proposed for the result contract. */
export interface MaxUsersVerdict {
  /** Largest crowd that met the SLO; `null` if even the smallest failed. */
  lastPassingUsers: number | null;
  /** Smallest crowd that missed it; `null` if the largest tried passed. */
  firstFailingUsers: number | null;
  /** SLO limit that failed at `firstFailingUsers`; `null` if nothing failed. */
  binding: SloBinding | null;
  /** The steady hold at `lastPassingUsers` passed (`true`), failed (`false`) or was not run (`null`). */
  confirmed: boolean | null;
  /** Every measurement, ordered by users then ramp, bisect, hold. */
  curve: CurvePoint[];
  /** Users at the knee of the latency curve (`findKnee`); `null` with fewer than 3 points or no knee. */
  knee: number | null;
}

const SOURCE_ORDER: Record<CurveSource, number> = { ramp: 0, bisect: 1, hold: 2 };

/**
 * Puts ramp, bisection and hold together. A failed hold overrides the bisection: its users become
 * the first failing count and the answer falls back to the largest passing measurement below it.
 */
export function buildMaxUsersVerdict(parts: {
  ramp: readonly RampPoint[];
  slo: Slo;
  bisection: UsersBisection | null;
  hold: (SloCheck & { users: number }) | null;
}): MaxUsersVerdict {
  const { ramp, slo, bisection, hold } = parts;
  const bracket = bracketFromRamp(ramp, slo);
  let lastPassingUsers = bisection?.lastPassingUsers ?? bracket.lastPassingUsers;
  let firstFailingUsers = bisection?.firstFailingUsers ?? bracket.firstFailingUsers;
  let binding = bisection?.binding ?? bracket.binding;

  const curve: CurvePoint[] = [
    ...bracket.checks.map((c) => point(c, 'ramp')),
    ...(bisection?.probes ?? []).map((c) => point(c, 'bisect')),
    ...(hold ? [point(hold, 'hold')] : []),
  ].sort((a, b) => a.users - b.users || SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source]);

  if (hold && !hold.pass) {
    if (firstFailingUsers === null || hold.users <= firstFailingUsers) [firstFailingUsers, binding] = [hold.users, hold.binding];
    const below = firstFailingUsers;
    const passing = [...bracket.checks, ...(bisection?.probes ?? [])].filter((c) => c.pass && c.users < below).map((c) => c.users);
    lastPassingUsers = passing.length > 0 ? Math.max(...passing) : null;
  }
  return { lastPassingUsers, firstFailingUsers, binding, confirmed: hold ? hold.pass : null, curve, knee: findKnee(curve) };
}

function point(c: SloCheck & { users: number }, source: CurveSource): CurvePoint {
  return { users: c.users, p95Ms: c.p95Ms, failureRatio: c.failureRatio, source };
}
