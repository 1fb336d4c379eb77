import type { LabResult } from '../results/types.ts';
import type { Formatters } from './format.ts';
import { keyAnswers } from './key-answers.ts';
import type { Messages } from './i18n.ts';

/** One run folder as the index found it. */
export interface RunEntry {
  /** Folder name under `reports/`. */
  dir: string;
  result: LabResult | null;
  /** Why the result could not be read, when it could not. */
  error: string | null;
  /** The folder has a rendered `index.html`. */
  hasReport: boolean;
}

export interface RunRowView {
  dir: string;
  href: string | null;
  resultHref: string | null;
  startedAtIso: string;
  startedAt: string;
  profile: string;
  state: 'finished' | 'running' | 'unreadable';
  stateText: string;
  trials: string;
  memoryFloor: string;
  minResources: string;
  bestSetup: string;
  maxUsers: string;
  error: string | null;
}

export interface RunsIndexView {
  lang: string;
  rows: RunRowView[];
}

/** Pure: run folders become the index's rows, newest first. */
export function buildRunsIndex(entries: readonly RunEntry[], { t, lang }: Messages, f: Formatters): RunsIndexView {
  const none = t('common.none');
  const rows = entries.map((entry): RunRowView => {
    const base = {
      dir: entry.dir, href: entry.hasReport ? `${encodeURIComponent(entry.dir)}/index.html` : null,
      resultHref: entry.result ? `${encodeURIComponent(entry.dir)}/lab-result.json` : null,
    };
    if (!entry.result) {
      return { ...base, startedAtIso: '', startedAt: none, profile: none, state: 'unreadable', stateText: t('index.unreadable'), trials: none, memoryFloor: none, minResources: none, bestSetup: none, maxUsers: none, error: entry.error };
    }
    const r = entry.result;
    const k = keyAnswers(r);
    const n = (value: number | null | undefined) => f.count(value ?? null) ?? none;
    return {
      ...base, startedAtIso: r.startedAt, startedAt: f.utcDateTime(r.startedAt) ?? r.startedAt, profile: r.profile,
      state: r.finishedAt === null ? 'running' : 'finished', stateText: t(r.finishedAt === null ? 'index.running' : 'index.finished'),
      trials: n(r.trials.length),
      memoryFloor: k.memoryFloor?.reached ? t('index.memoryFloor', { serve: n(k.memoryFloor.serveMb), load: n(k.memoryFloor.loadMb), recommended: n(k.memoryFloor.recommendedMb) }) : none,
      minResources: k.minResources?.reached ? t('index.minResources', { cpus: f.decimal2(k.minResources.cpus) ?? none, memory: n(k.minResources.memoryMb), users: n(k.minResources.users) }) : none,
      bestSetup: k.bestSetup?.reached ? t('index.bestSetup', { best: k.bestSetup.label ?? none, rpsChange: f.signedPercent(k.bestSetup.rpsGainPct) ?? none, p95Change: f.signedPercent(k.bestSetup.p95ChangePct) ?? none }) : none,
      maxUsers: k.maxUsers?.reached ? t('index.maxUsers', { users: n(k.maxUsers.lastPassingUsers) }) : none,
      error: null,
    };
  });
  // Run ids start with their UTC start time, so the folder name sorts them too.
  rows.sort((a, b) => (a.startedAtIso || a.dir) < (b.startedAtIso || b.dir) ? 1 : -1);
  return { lang, rows };
}
