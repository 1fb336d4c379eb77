import { trialLabel } from './trial-label.ts';
import type { PointMeasurement, ReferenceAnswer } from '../results/types.ts';
import { keyAnswers } from './key-answers.ts';
import { msText, rpsText, runsText, verdictText } from './measure-text.ts';
import type { ReportContext } from './report-context.ts';
import { CAPACITY_ANCHOR, capacityAnswer, capacityDetails } from './sections/capacity-section.ts';
import { HOST_ANCHOR } from './sections/host-section.ts';
import { stageAnchor, type StageKey } from './sections/stage-section.ts';
import { buildWarnings } from './warnings-view.ts';

/** One answer of the summary, linked to the section with its evidence. */
export interface AnswerView {
  anchor: string | null;
  question: string;
  answer: string;
  /** The setup the answer applies to, when the stage names one. */
  setup: string | null;
  /** How sure the answer is: verdict, runs, intervals, confirmation; one short line each. */
  details: string[];
  /** `ok`: answered; `fail`: the stage ran without an answer; `absent`: it did not run. */
  state: 'ok' | 'fail' | 'absent';
}

export interface SummaryView {
  /** The four questions the workshop set out to answer. */
  key: AnswerView[];
  /** The other stages' one-line outcomes. */
  other: AnswerView[];
  /** The host's speed and drift, when the run was calibrated. */
  host: { text: string; anchor: string } | null;
  /** How many kinds of validity warning the run has, linking to the list. */
  warnings: string;
}

export function buildSummary(ctx: ReportContext): SummaryView {
  const { t, f, none, result } = ctx;
  const answers = keyAnswers(result);
  const n = (value: number | null | undefined) => f.count(value ?? null) ?? none;
  const view = (stage: StageKey, question: string, ran: boolean, ok: boolean, answer: () => string, more: () => { setup?: string | null; details?: string[] } = () => ({})): AnswerView => {
    const extra = ran && ok ? more() : {};
    return {
      anchor: ran ? stageAnchor(stage) : null,
      question: t(question),
      answer: !ran ? t('summary.notRun') : ok ? answer() : t('summary.notReached', { reason: result.stages[stage]?.error ?? t('summary.seeSection') }),
      setup: extra.setup ? t('summary.setup', { setup: extra.setup }) : null,
      details: extra.details ?? [],
      state: !ran ? 'absent' : ok ? 'ok' : 'fail',
    };
  };
  // The verdict of a stored point in one line: `meets the SLO over 3 runs; p95 470 ms (410–530), 52.3 req/s (50.1–54.0)`.
  const pointLine = (point: PointMeasurement | null) => (point === null ? [] : [t('summary.point', {
    verdict: verdictText(ctx, point), runs: runsText(ctx, point.trialIds.length),
    p95: msText(ctx, point.p95Ms, point.p95AtLeast, point.p95Interval), rps: rpsText(ctx, point.rps, point.rpsInterval),
  })]);
  const { memoryFloor: mf, minResources: mr, bestSetup: bs, maxUsers: mu, replicas: rp, deploy: dp } = answers;
  // The same answer on the reference host, as the analysis stored it: `on the reference host (speed index 1.20): 91 users`.
  const ref = result.calibration?.onReference ?? null;
  const onReference = (answer: ReferenceAnswer | null | undefined, value: (n: number) => string | null) => (ref && answer ? [t('summary.onReference', {
    index: f.decimal2(ref.speedIndex) ?? none, value: value(answer.onReference) ?? none,
  })] : []);
  const publish = result.stages.publish;
  const verified = publish?.images.filter((i) => i.verified.catalog && i.verified.tag && i.verified.digestMatches).length ?? 0;
  const warningCount = buildWarnings(ctx).items.length;

  return {
    key: [
      view('memoryFloor', 'summary.question.memoryFloor', mf !== null, mf?.reached ?? false, () => t('summary.answer.memoryFloor', {
        serve: n(mf!.serveMb), load: n(mf!.loadMb), recommended: n(mf!.recommendedMb),
      })),
      view('sweep', 'summary.question.minResources', mr !== null, mr?.reached ?? false, () => t('summary.answer.minResources', {
        cpus: f.decimal2(mr!.cpus) ?? none, memory: n(mr!.memoryMb), users: n(mr!.users),
        p95: msText(ctx, mr!.point?.p95Ms ?? mr!.p95Ms, mr!.point?.p95AtLeast ?? false, mr!.point?.p95Interval ?? null),
      }), () => ({
        setup: ctx.trial(mr!.trialId) ? trialLabel(ctx.trial(mr!.trialId)!.spec, ctx.messages, f) : mr!.setup,
        details: [
          ...(mr!.point ? [t('summary.verdictRuns', { verdict: verdictText(ctx, mr!.point), runs: runsText(ctx, mr!.point.trialIds.length), rps: rpsText(ctx, mr!.point.rps, mr!.point.rpsInterval) })] : []),
          ...onReference(ref?.minimumCpus, (cpus) => t('summary.referenceCpus', { cpus: f.decimal2(cpus) ?? none })),
        ],
      })),
      view('workers', 'summary.question.bestSetup', bs !== null, bs?.reached ?? false, () => {
        // Setups tied with the best are one answer: "A = B".
        const best = [bs!.label ?? none, ...bs!.tiedLabels].join(' = ');
        return bs!.rpsGainPct === null && bs!.p95ChangePct === null
          ? t('summary.answer.bestSetupNoGain', { best })
          : t('summary.answer.bestSetup', {
            best, reference: bs!.referenceLabel ?? none, users: n(bs!.users),
            rpsChange: f.signedPercent(bs!.rpsGainPct) ?? none, p95Change: f.signedPercent(bs!.p95ChangePct) ?? none,
          });
      }, () => ({
        setup: bs!.label,
        details: [
          ...(bs!.tiedLabels.length > 0 ? [t('summary.tied', { count: n(bs!.tiedLabels.length + 1) })] : []),
          ...(bs!.point ? [t('summary.atCrowd', { users: n(bs!.users), point: pointLine(bs!.point)[0]! })] : []),
          ...onReference(ref?.bestRps, (rps) => t('summary.referenceRps', { rps: f.rps(rps) ?? none })),
        ],
      })),
      view('maxUsers', 'summary.question.maxUsers', mu !== null, mu?.reached ?? false, () => t(mu!.firstFailingUsers === null ? 'summary.answer.maxUsersNoFail' : 'summary.answer.maxUsers', {
        last: n(mu!.lastPassingUsers), first: n(mu!.firstFailingUsers), binding: mu!.binding === null ? none : t(`binding.${mu!.binding}`),
      }), () => {
        const details: string[] = [];
        if (mu!.converged !== null) {
          details.push(mu!.converged
            ? t('summary.bisectConverged', { resolution: n(mu!.resolution) })
            : t('summary.bisectNotConverged', { resolution: n(mu!.resolution) }));
        }
        if (mu!.confirmed !== null) {
          const users = n(mu!.hold?.users ?? null);
          const seconds = f.decimal1(mu!.hold?.seconds ?? null);
          details.push(t(seconds === null
            ? (mu!.confirmed ? 'summary.heldConfirmed' : 'summary.heldNotConfirmed')
            : (mu!.confirmed ? 'summary.heldForConfirmed' : 'summary.heldForNotConfirmed'), { users, seconds: seconds ?? none }));
        }
        if (mu!.rpsAtAnswer !== null && mu!.hold) details.push(t('summary.rpsAtHold', { rps: f.rps(mu!.rpsAtAnswer) ?? none, users: n(mu!.hold.users) }));
        const bound = mu!.operationalBound;
        if (bound) {
          details.push(t('summary.operationalBound', {
            users: f.decimal1(bound.users) ?? none, demand: f.decimal1(bound.demandMs) ?? none, think: f.decimal2(bound.thinkTimeS) ?? none,
          }));
        }
        details.push(...onReference(ref?.maxUsers, (users) => t('summary.referenceUsers', {
          users: n(Math.floor(users)), rps: ref?.rpsAtAnswer ? f.rps(ref.rpsAtAnswer.onReference) ?? none : none,
        })));
        return { setup: mu!.configLabel, details };
      }),
      ...capacityCard(ctx),
    ],
    other: [
      view('publish', 'summary.question.publish', publish !== undefined, verified > 0, () => t('summary.answer.publish', {
        verified: n(verified), total: n(publish!.images.length), registry: publish!.registry,
      })),
      view('deploy', 'summary.question.deploy', dp !== null, true, () => t(dp!.reproduced ? 'summary.answer.deployReproduced' : 'summary.answer.deployNotReproduced', {
        memory: n(dp!.memoryMb), cpus: f.decimal2(dp!.cpus) ?? none,
      })),
      view('replicas', 'summary.question.replicas', rp !== null, true, () => t(rp!.voidedBy ? 'summary.answer.replicasVoid' : rp!.rpsGainPct === null ? 'summary.answer.replicasConflictOnly' : 'summary.answer.replicas', {
        conflict: t(rp!.notOnSwarm ? 'summary.conflictNotOnSwarm' : rp!.reproduced ? 'summary.conflictReproduced' : 'summary.conflictNotReproduced'),
        replicas: n(rp!.replicas), rpsChange: f.signedPercent(rp!.rpsGainPct) ?? none, p95Change: f.signedPercent(rp!.p95ChangePct) ?? none,
        trial: rp!.voidedBy?.trialId ?? none, status: rp!.voidedBy ? t(`status.${rp!.voidedBy.status}`) : none,
      })),
    ].filter((answer) => answer.state !== 'absent'),
    host: hostLine(ctx),
    warnings: warningCount === 0 ? t('summary.warningsNone') : warningCount === 1 ? t('summary.warningsOne') : t('summary.warningsMany', { count: n(warningCount) }),
  };
}

/** The capacity plan as the fifth answer, when the run stored one (runs recorded before it have none until analyze-run.mjs). */
function capacityCard(ctx: ReportContext): AnswerView[] {
  const plan = ctx.result.capacity;
  if (!plan) return [];
  return [{
    anchor: CAPACITY_ANCHOR,
    question: ctx.t('summary.question.capacity', { users: ctx.f.count(plan.targetUsers) ?? ctx.none }),
    answer: capacityAnswer(ctx, plan),
    setup: plan.setup ? ctx.t('summary.setup', { setup: plan.setup.label }) : null,
    details: capacityDetails(ctx, plan),
    state: plan.replicas ? 'ok' : 'fail',
  }];
}

/** `Host speed index 0.97 (reference: 18.2 ms per request on …), drift 4% over the run.` */
function hostLine(ctx: ReportContext): SummaryView['host'] {
  const { t, f, none, result } = ctx;
  const c = result.calibration;
  if (!c) return null;
  const reference = t('summary.hostReference', { demand: f.decimal1(c.reference.demandMs) ?? none, host: c.reference.host });
  const index = f.decimal2(c.speedIndex);
  const text = index === null
    ? t('summary.hostNoProbe', { reference })
    : c.drift === null
      ? t('summary.hostNoDrift', { index, reference })
      : t('summary.host', { index, reference, drift: f.shareOfRatio(c.drift) ?? none });
  return { text, anchor: HOST_ANCHOR };
}
