import { percentChange } from '../analyze/percent-change.ts';
import type { LabResult } from '../results/types.ts';
import type { Formatters } from './format.ts';
import type { ReportContext } from './report-context.ts';
import { STAGE_ORDER, stageAnchor, type StageKey } from './sections/stage-section.ts';
import { buildSummary, type AnswerView } from './summary-view.ts';

/** One compared number: both runs' values and the change from A to B. */
export interface CompareRowView {
  metric: string;
  a: string;
  b: string;
  change: string;
  /** Sign of the change, for colour only; `null` when there is no change to show. */
  direction: 'up' | 'down' | 'same' | null;
}

export interface CompareView {
  lang: string;
  a: { id: string; profile: string; startedAt: string; href: string };
  b: { id: string; profile: string; startedAt: string; href: string };
  answers: { question: string; a: string; b: string }[];
  stages: { title: string; anchor: string; rows: CompareRowView[] }[];
}

type Metric = { key: string; a: number | null; b: number | null; format: (v: number | null) => string | null };

/**
 * Two runs side by side: the summary's answers, then for every stage both ran
 * its numbers and the difference in percent (B against A). Cells of a sweep or
 * a worker matrix are matched by their limits, configuration and crowd, so a
 * change of plan shows as cells present in only one run, not as a wrong delta.
 */
export function buildCompareView(ctxA: ReportContext, ctxB: ReportContext, hrefs: { a: string; b: string }): CompareView {
  const { t, f, none } = ctxA;
  const A = ctxA.result, B = ctxB.result;
  const sumA = buildSummary(ctxA), sumB = buildSummary(ctxB);
  const answersA: AnswerView[] = [...sumA.key, ...sumA.other];
  const answersB: AnswerView[] = [...sumB.key, ...sumB.other];
  const answers = answersA.map((answer) => ({ question: answer.question, a: answer.answer, b: answersB.find((x) => x.question === answer.question)?.answer ?? t('summary.notRun') }));
  for (const answer of answersB) if (!answersA.some((x) => x.question === answer.question)) answers.push({ question: answer.question, a: t('summary.notRun'), b: answer.answer });

  const row = ({ key, a, b, format }: Metric, params: Record<string, string | number> = {}): CompareRowView => {
    const change = percentChange(a, b);
    return {
      metric: t(`compare.metric.${key}`, params), a: format(a) ?? none, b: format(b) ?? none,
      change: f.signedPercent(change) ?? none,
      direction: change === null ? null : change > 0 ? 'up' : change < 0 ? 'down' : 'same',
    };
  };
  const stages: CompareView['stages'] = [];
  for (const key of STAGE_ORDER) {
    const rows = stageRows(key, A, B, f).map(([metric, params]) => row(metric, params));
    if (rows.length > 0) stages.push({ title: t(`stage.${key}.title`), anchor: stageAnchor(key), rows });
  }
  const run = (result: LabResult, href: string) => ({ id: result.runId, profile: result.profile, startedAt: f.utcDateTime(result.startedAt) ?? none, href });
  return { lang: ctxA.messages.lang, a: run(A, hrefs.a), b: run(B, hrefs.b), answers, stages };
}

function stageRows(key: StageKey, A: LabResult, B: LabResult, f: Formatters): [Metric, Record<string, string | number>?][] {
  const sa = A.stages[key], sb = B.stages[key];
  if (!sa || !sb) return [];
  const m = (k: string, a: number | null | undefined, b: number | null | undefined, format: Metric['format']): Metric => ({ key: k, a: a ?? null, b: b ?? null, format });
  const time: [Metric][] = [[m('stageSeconds', sa.durationMs / 1000, sb.durationMs / 1000, f.decimal1)], [m('loadSeconds', sa.loadMs / 1000, sb.loadMs / 1000, f.decimal1)]];
  const s = { a: A.stages, b: B.stages };
  switch (key) {
    case 'publish':
      return [[m('pushSeconds', sum(s.a.publish!.images.map((i) => i.pushMs)) / 1000, sum(s.b.publish!.images.map((i) => i.pushMs)) / 1000, f.decimal1)], ...time];
    case 'deploy':
      return [[m('deployMemory', s.a.deploy!.memoryMb, s.b.deploy!.memoryMb, f.count)], ...time];
    case 'memoryFloor': {
      const a = s.a.memoryFloor!, b = s.b.memoryFloor!;
      return [
        [m('serveFloor', a.serve.floorMb, b.serve.floorMb, f.count)], [m('loadFloor', a.load.floorMb, b.load.floorMb, f.count)],
        [m('recommended', a.recommendedMb, b.recommendedMb, f.count)],
        [m('probes', a.serve.probes.length + a.load.probes.length, b.serve.probes.length + b.load.probes.length, f.count)], ...time,
      ];
    }
    case 'sweep': {
      const a = s.a.sweep!, b = s.b.sweep!;
      const rows: [Metric, Record<string, string | number>?][] = [[m('minCpus', a.minimum?.cpus, b.minimum?.cpus, f.decimal2)], [m('minMemory', a.minimum?.memoryMb, b.minimum?.memoryMb, f.count)]];
      for (const cell of a.cells) {
        const other = b.cells.find((c) => c.cpus === cell.cpus && c.memoryMb === cell.memoryMb);
        if (!other) continue;
        const params = { cpus: f.decimal2(cell.cpus) ?? '', memory: f.count(cell.memoryMb) ?? '' };
        rows.push([m('cellP95', cell.p95Ms, other.p95Ms, f.ms), params], [m('cellRps', cell.rps, other.rps, f.rps), params]);
      }
      return [...rows, ...time];
    }
    case 'replicas': {
      const a = s.a.replicas!, b = s.b.replicas!;
      return [
        [m('singleRps', a.single?.rps, b.single?.rps, f.rps)], [m('singleP95', a.single?.p95Ms, b.single?.p95Ms, f.ms)],
        [m('balancedRps', a.balanced?.rps, b.balanced?.rps, f.rps)], [m('balancedP95', a.balanced?.p95Ms, b.balanced?.p95Ms, f.ms)], ...time,
      ];
    }
    case 'workers': {
      const a = s.a.workers!, b = s.b.workers!;
      const rows: [Metric, Record<string, string | number>?][] = [];
      for (const cell of a.cells) {
        const other = b.cells.find((c) => c.configId === cell.configId && c.users === cell.users);
        if (!other) continue;
        const params = { config: a.configs.find((c) => c.configId === cell.configId)?.label ?? cell.configId, users: f.count(cell.users) ?? '' };
        rows.push([m('workerRps', cell.rps, other.rps, f.rps), params], [m('workerP95', cell.p95Ms, other.p95Ms, f.ms), params]);
      }
      return [...rows, ...time];
    }
    case 'maxUsers': {
      const a = s.a.maxUsers!, b = s.b.maxUsers!;
      return [
        [m('lastPassing', a.lastPassingUsers, b.lastPassingUsers, f.count)], [m('firstFailing', a.firstFailingUsers, b.firstFailingUsers, f.count)],
        [m('knee', a.knee, b.knee, f.count)], ...time,
      ];
    }
  }
  return [];
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
