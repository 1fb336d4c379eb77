import { keyAnswers } from './key-answers.ts';
import type { ReportContext } from './report-context.ts';
import { stageAnchor, type StageKey } from './sections/stage-section.ts';

/** One answer of the summary, linked to the section with its evidence. */
export interface AnswerView {
  anchor: string | null;
  question: string;
  answer: string;
  /** `ok`: answered; `fail`: the stage ran without an answer; `absent`: it did not run. */
  state: 'ok' | 'fail' | 'absent';
}

export interface SummaryView {
  /** The four questions the workshop set out to answer. */
  key: AnswerView[];
  /** The other stages' one-line outcomes. */
  other: AnswerView[];
}

export function buildSummary(ctx: ReportContext): SummaryView {
  const { t, f, none, result } = ctx;
  const answers = keyAnswers(result);
  const n = (value: number | null | undefined) => f.count(value ?? null) ?? none;
  const view = (stage: StageKey, question: string, ran: boolean, ok: boolean, answer: () => string): AnswerView => ({
    anchor: ran ? stageAnchor(stage) : null,
    question: t(question),
    answer: !ran ? t('summary.notRun') : ok ? answer() : t('summary.notReached', { reason: result.stages[stage]?.error ?? t('summary.seeSection') }),
    state: !ran ? 'absent' : ok ? 'ok' : 'fail',
  });
  const { memoryFloor: mf, minResources: mr, bestSetup: bs, maxUsers: mu, replicas: rp, deploy: dp } = answers;
  const publish = result.stages.publish;
  const verified = publish?.images.filter((i) => i.verified.catalog && i.verified.tag && i.verified.digestMatches).length ?? 0;

  return {
    key: [
      view('memoryFloor', 'summary.question.memoryFloor', mf !== null, mf?.reached ?? false, () => t('summary.answer.memoryFloor', {
        serve: n(mf!.serveMb), load: n(mf!.loadMb), recommended: n(mf!.recommendedMb),
      })),
      view('sweep', 'summary.question.minResources', mr !== null, mr?.reached ?? false, () => t('summary.answer.minResources', {
        cpus: f.decimal2(mr!.cpus) ?? none, memory: n(mr!.memoryMb), users: n(mr!.users), p95: f.ms(mr!.p95Ms) ?? none,
      })),
      view('workers', 'summary.question.bestSetup', bs !== null, bs?.reached ?? false, () => bs!.rpsGainPct === null && bs!.p95ChangePct === null
        ? t('summary.answer.bestSetupNoGain', { best: bs!.label ?? none })
        : t('summary.answer.bestSetup', {
          best: bs!.label ?? none, reference: bs!.referenceLabel ?? none, users: n(bs!.users),
          rpsChange: f.signedPercent(bs!.rpsGainPct) ?? none, p95Change: f.signedPercent(bs!.p95ChangePct) ?? none,
        })),
      view('maxUsers', 'summary.question.maxUsers', mu !== null, mu?.reached ?? false, () => t(mu!.firstFailingUsers === null ? 'summary.answer.maxUsersNoFail' : 'summary.answer.maxUsers', {
        last: n(mu!.lastPassingUsers), first: n(mu!.firstFailingUsers), binding: mu!.binding === null ? none : t(`binding.${mu!.binding}`),
      })),
    ],
    other: [
      view('publish', 'summary.question.publish', publish !== undefined, verified > 0, () => t('summary.answer.publish', {
        verified: n(verified), total: n(publish!.images.length), registry: publish!.registry,
      })),
      view('deploy', 'summary.question.deploy', dp !== null, true, () => t(dp!.reproduced ? 'summary.answer.deployReproduced' : 'summary.answer.deployNotReproduced', {
        memory: n(dp!.memoryMb), cpus: f.decimal2(dp!.cpus) ?? none,
      })),
      view('replicas', 'summary.question.replicas', rp !== null, true, () => t(rp!.rpsGainPct === null ? 'summary.answer.replicasConflictOnly' : 'summary.answer.replicas', {
        conflict: t(rp!.reproduced ? 'summary.conflictReproduced' : 'summary.conflictNotReproduced'),
        replicas: n(rp!.replicas), rpsChange: f.signedPercent(rp!.rpsGainPct) ?? none, p95Change: f.signedPercent(rp!.p95ChangePct) ?? none,
      })),
    ].filter((answer) => answer.state !== 'absent'),
  };
}
