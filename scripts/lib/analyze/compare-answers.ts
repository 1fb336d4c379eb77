import type { LabResult } from '../results/types.ts';

/** The key answers `compare-runs --check` holds two runs to. NOTE: i18n keys `check.answer.*`. */
export type CheckedAnswer = 'memory-floor' | 'min-resources' | 'best-setup' | 'max-users' | 'replicas' | 'capacity';

/** One answer of two runs, side by side. */
export interface AnswerAgreement {
  answer: CheckedAnswer;
  /** Run A's answer, as compact text for a terminal (numbers and ids only). */
  a: string;
  b: string;
  /** The answers agree within their intervals or resolution (after normalising for host speed where that applies). */
  agree: boolean;
  /** They disagree raw but agree once both are put on the reference host: the host, not the setup, changed. */
  explainedByHost: boolean;
  /** Relative difference B against A where it is a number, else `null`. */
  difference: number | null;
  /** Not comparable: one run lacks the stage or an answer. */
  missing: boolean;
}

export interface RunsAgreement {
  answers: AnswerAgreement[];
  /** Speed index of each run's host (calibration median); `null` when a run was not calibrated. */
  speedIndex: { a: number | null; b: number | null };
  /** B's speed index against A's, relative; `null` without both. */
  speedDifference: number | null;
  /** Every comparable answer agrees (normalised); missing answers do not fail the check. */
  pass: boolean;
}

/**
 * Whether two runs found the same answers. Capacity answers (max users) are
 * compared raw and after scaling B onto A's host speed, so a slower host is
 * told apart from a regression; a disagreement left after normalising fails.
 * Pure: reads both results, judges nothing that either run stored.
 */
export function compareAnswers(A: LabResult, B: LabResult): RunsAgreement {
  const sA = A.calibration?.speedIndex ?? null;
  const sB = B.calibration?.speedIndex ?? null;
  const scale = sA !== null && sB !== null && sB > 0 ? sA / sB : null;
  const answers = [memoryFloor(A, B), minResources(A, B), bestSetup(A, B), maxUsers(A, B, scale), replicas(A, B), capacity(A, B)];
  return {
    answers,
    speedIndex: { a: sA, b: sB },
    speedDifference: sA !== null && sB !== null && sA > 0 ? (sB - sA) / sA : null,
    pass: answers.every((x) => x.missing || x.agree),
  };
}

const missing = (answer: CheckedAnswer, a: string, b: string): AnswerAgreement => ({ answer, a, b, agree: false, explainedByHost: false, difference: null, missing: true });
const rel = (a: number, b: number) => (a === 0 ? null : (b - a) / a);

/** The under-load floor agrees within one bisection step. */
function memoryFloor(A: LabResult, B: LabResult): AnswerAgreement {
  const a = A.stages.memoryFloor, b = B.stages.memoryFloor;
  const fa = a?.load.floorMb ?? null, fb = b?.load.floorMb ?? null;
  if (fa === null || fb === null) return missing('memory-floor', String(fa ?? '–'), String(fb ?? '–'));
  const step = Math.max(a!.load.resolutionMb, b!.load.resolutionMb);
  return { answer: 'memory-floor', a: `${fa} MiB`, b: `${fb} MiB`, agree: Math.abs(fa - fb) <= step, explainedByHost: false, difference: rel(fa, fb), missing: false };
}

/** The same smallest cell, or the other run's verdict on that cell was undecided (not a contradiction). */
function minResources(A: LabResult, B: LabResult): AnswerAgreement {
  const a = A.stages.sweep, b = B.stages.sweep;
  if (!a || !b) return missing('min-resources', a ? 'ran' : '–', b ? 'ran' : '–');
  const text = (m: typeof a.minimum) => (m ? `${m.cpus} CPU, ${m.memoryMb} MiB` : 'none');
  const same = a.minimum?.cpus === b.minimum?.cpus && a.minimum?.memoryMb === b.minimum?.memoryMb;
  const undecidedIn = (stage: typeof a, m: typeof a.minimum) => m !== null && stage.cells.some((c) => c.cpus === m.cpus && c.memoryMb === m.memoryMb && c.point?.verdict === 'undecided');
  const agree = same || undecidedIn(b, a.minimum) || undecidedIn(a, b.minimum);
  return { answer: 'min-resources', a: text(a.minimum), b: text(b.minimum), agree, explainedByHost: false, difference: null, missing: false };
}

/** The best setups agree when each run's best is in the other's tied set. */
function bestSetup(A: LabResult, B: LabResult): AnswerAgreement {
  const a = A.stages.workers, b = B.stages.workers;
  if (!a || !b) return missing('best-setup', a ? 'ran' : '–', b ? 'ran' : '–');
  const set = (w: typeof a) => (w.bestConfigId === null ? [] : [w.bestConfigId, ...(w.tiedWithBest ?? [])]);
  const sa = set(a), sb = set(b);
  const agree = (sa.length === 0 && sb.length === 0) || sa.some((id) => sb.includes(id));
  return { answer: 'best-setup', a: sa.join(' = ') || 'none', b: sb.join(' = ') || 'none', agree, explainedByHost: false, difference: null, missing: false };
}

/**
 * The answers agree when their brackets [last passing, first failing] overlap
 * (each bracket is where the SLO crossing lies). B's bracket is also scaled
 * by the hosts' speed ratio: capacity in users grows with host speed.
 */
function maxUsers(A: LabResult, B: LabResult, scale: number | null): AnswerAgreement {
  const a = A.stages.maxUsers, b = B.stages.maxUsers;
  if (!a || !b || a.lastPassingUsers === null || b.lastPassingUsers === null) return missing('max-users', String(a?.lastPassingUsers ?? '–'), String(b?.lastPassingUsers ?? '–'));
  const bracket = (low: number, high: number | null, k = 1) => [low * k, (high ?? Infinity) * k] as const;
  const overlap = (x: readonly [number, number], y: readonly [number, number]) => x[0] <= y[1] && y[0] <= x[1];
  const ra = bracket(a.lastPassingUsers, a.firstFailingUsers);
  const raw = overlap(ra, bracket(b.lastPassingUsers, b.firstFailingUsers));
  const normalised = scale === null ? raw : overlap(ra, bracket(b.lastPassingUsers, b.firstFailingUsers, scale));
  const text = (x: typeof a) => `${x.lastPassingUsers}–${x.firstFailingUsers ?? '?'} users`;
  return {
    answer: 'max-users', a: text(a), b: text(b) + (scale !== null && scale !== 1 ? ` (×${scale.toFixed(2)} on A's host)` : ''),
    agree: normalised, explainedByHost: !raw && normalised, difference: rel(a.lastPassingUsers, b.lastPassingUsers), missing: false,
  };
}

/** Same direction of the fair comparison (or both void), within 10 % counts as no change. */
function replicas(A: LabResult, B: LabResult): AnswerAgreement {
  const a = A.stages.replicas, b = B.stages.replicas;
  if (!a || !b) return missing('replicas', a ? 'ran' : '–', b ? 'ran' : '–');
  const fair = (r: typeof a) => r.comparisons?.find((c) => c.basis === 'same-total-cpu') ?? null;
  const fa = fair(a), fb = fair(b);
  const direction = (x: number | null) => (x === null ? 'void' : x > 10 ? 'more' : x < -10 ? 'less' : 'same');
  const da = fa?.voidedBy ? 'void' : direction(a.rpsGainPct), db = fb?.voidedBy ? 'void' : direction(b.rpsGainPct);
  const text = (r: typeof a, d: string) => `${d}${r.rpsGainPct === null ? '' : ` (${r.rpsGainPct.toFixed(1)} % req/s)`}`;
  return { answer: 'replicas', a: text(a, da), b: text(b, db), agree: da === db, explainedByHost: false, difference: null, missing: false };
}

/**
 * The replicas for the same target crowd agree when their ranges overlap (an
 * open range reaches any count above its low end). Plans for different crowds
 * are not compared.
 */
function capacity(A: LabResult, B: LabResult): AnswerAgreement {
  const a = A.capacity?.replicas ?? null, b = B.capacity?.replicas ?? null;
  const text = (r: typeof a) => (r === null ? '–' : `${r.count} replicas (${r.range.low}–${r.range.high ?? '∞'})`);
  if (a === null || b === null || A.capacity!.targetUsers !== B.capacity!.targetUsers) return missing('capacity', text(a), text(b));
  const agree = a.range.low <= (b.range.high ?? Infinity) && b.range.low <= (a.range.high ?? Infinity);
  return { answer: 'capacity', a: text(a), b: text(b), agree, explainedByHost: false, difference: rel(a.count, b.count), missing: false };
}
