import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compareAnswers } from '../../scripts/lib/analyze/compare-answers.ts';
import { validateLabResult } from '../../scripts/lib/report/load-result.ts';
import type { HostCalibration, LabResult } from '../../scripts/lib/results/types.ts';

// A recorded smoke run (schema 1, migrated on load), with the max-users answer set to 175–187 users.
const sample = (): LabResult => {
  const result = validateLabResult(JSON.parse(readFileSync(new URL('../fixtures/results/smoke/lab-result.json', import.meta.url), 'utf8')), 'lab-result.json');
  Object.assign(result.stages.maxUsers!, { lastPassingUsers: 175, firstFailingUsers: 187 });
  return result;
};
const calibrated = (result: LabResult, speedIndex: number): LabResult => {
  result.calibration = { speedIndex } as HostCalibration;
  return result;
};

test('a run agrees with itself on every answer', () => {
  const check = compareAnswers(sample(), sample());
  assert.ok(check.pass);
  assert.equal(check.answers.map((a) => [a.answer, a.agree, a.missing]), [
    ['memory-floor', true, false], ['min-resources', true, false], ['best-setup', true, false], ['max-users', true, false], ['replicas', true, false],
    // The recorded smoke run predates the capacity plan: not compared, and not a failure.
    ['capacity', false, true],
  ]);
  assert.equal(check.speedIndex, { a: null, b: null });
});

test('a host 35 % slower explains fewer users; the same drop on the same host is a regression', () => {
  const slow = sample();
  slow.stages.maxUsers!.lastPassingUsers = 112;
  slow.stages.maxUsers!.firstFailingUsers = 120;
  const raw = compareAnswers(sample(), slow);
  assert.not.ok(raw.pass, 'uncalibrated: 112–120 against 175–187 disagrees');
  assert.not.ok(raw.answers.find((a) => a.answer === 'max-users')!.agree);

  const normalised = compareAnswers(calibrated(sample(), 1), calibrated(slow, 0.65));
  const maxUsers = normalised.answers.find((a) => a.answer === 'max-users')!;
  assert.ok(maxUsers.agree && maxUsers.explainedByHost, '112–120 users on a host at 0.65 are 172–185 on A\'s host');
  assert.ok(Math.abs(normalised.speedDifference! + 0.35) < 1e-12);
  assert.ok(normalised.pass);

  const same = compareAnswers(calibrated(sample(), 1), calibrated(slow, 1));
  assert.not.ok(same.pass, 'same host speed: the drop is not the host');
});

test('a different best setup disagrees unless the two are tied', () => {
  const other = sample();
  const best = other.stages.workers!.bestConfigId!;
  const second = other.stages.workers!.ranking.find((id) => id !== best)!;
  other.stages.workers!.bestConfigId = second;
  assert.not.ok(compareAnswers(sample(), other).answers.find((a) => a.answer === 'best-setup')!.agree);
  other.stages.workers!.tiedWithBest = [best];
  assert.ok(compareAnswers(sample(), other).answers.find((a) => a.answer === 'best-setup')!.agree);
});

test('a void replicas comparison disagrees with a measured one; a missing stage is not compared', () => {
  const voided = sample();
  voided.stages.replicas!.comparisons = [{ basis: 'same-total-cpu', singleTrialId: 'x', rpsGainPct: null, p95ChangePct: null, voidedBy: { trialId: 'replicas-nginx-x2', status: 'oom-killed' } }];
  voided.stages.replicas!.rpsGainPct = null;
  assert.not.ok(compareAnswers(sample(), voided).answers.find((a) => a.answer === 'replicas')!.agree);
  delete voided.stages.sweep;
  const check = compareAnswers(sample(), voided);
  assert.ok(check.answers.find((a) => a.answer === 'min-resources')!.missing);
});

test('the two committed quick runs, made back to back, agree on every key answer (compare-runs --check)', () => {
  const load = (dir: string) => validateLabResult(JSON.parse(readFileSync(new URL(`../../reports/${dir}/lab-result.json`, import.meta.url), 'utf8')), dir);
  const agreement = compareAnswers(load('sample'), load('sample-repeat'));
  for (const answer of agreement.answers) assert.ok(answer.agree && !answer.missing, `${answer.answer}: ${answer.a} against ${answer.b}`);
  assert.is(agreement.answers.length, 6);
  assert.ok(agreement.pass);
});

test('capacity plans agree when their replica ranges overlap; plans for other crowds are not compared', () => {
  const load = (dir: string) => validateLabResult(JSON.parse(readFileSync(new URL(`../../reports/${dir}/lab-result.json`, import.meta.url), 'utf8')), dir);
  const [a, b] = [load('sample'), load('sample-repeat')];
  const at = (x: LabResult, y: LabResult) => compareAnswers(x, y).answers.find((answer) => answer.answer === 'capacity')!;
  // 181 (68–∞) and 72 (71–∞): the same open range, although the points differ by 60 %.
  assert.ok(at(a, b).agree);
  assert.is(at(a, b).a, `${a.capacity!.replicas!.count} replicas (${a.capacity!.replicas!.range.low}–∞)`);
  b.capacity!.replicas!.range = { low: 200, high: 260 };
  a.capacity!.replicas!.range = { low: 68, high: 190 };
  assert.not.ok(at(a, b).agree, '68–190 against 200–260');
  b.capacity!.targetUsers = 1000;
  assert.ok(at(a, b).missing);
});

test.run();
