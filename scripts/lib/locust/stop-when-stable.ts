import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PHASES_NDJSON, requestFileNames } from '../collect/collect-trial.ts';
import { parsePhases } from './parse-phases.ts';
import { parseRequests } from './parse-requests.ts';
import { requestStop } from './request-stop.ts';
import { steadyWindow } from '../analyze/steady-window.ts';
import { measureStability, TREND_LIMIT } from '../analyze/stability.ts';
import type { RequestSample, Stability } from '../results/types.ts';

/** How often the live files are read. */
const POLL_MS = 3_000;

export interface StabilityWatch {
  /** The latest reading, for progress lines; `null` until the window opened. */
  latest: { windowS: number; stability: Stability | null } | null;
  /** When the lab asked Locust to stop, Unix ms; `null` if it did not. */
  stoppedAt: number | null;
  stop(): void;
}

/**
 * Watches a running trial's request samples and asks Locust to stop once its
 * steady window is at least `minWindowS` long, stable (the last sub-windows
 * agree) and its p95 no longer trending: the run-time cap stays the upper bound, and a settled trial does not
 * spend the rest of it. The verdict itself is computed again from the files
 * after the run; this only decides when to stop.
 */
export function stopWhenStable(trialDir: string, opts: { runTimeS: number; minWindowS: number }): StabilityWatch {
  const watch: StabilityWatch = { latest: null, stoppedAt: null, stop: () => clearInterval(timer) };
  let busy = false;
  const timer = setInterval(() => {
    if (busy || watch.stoppedAt !== null) return;
    busy = true;
    void check().finally(() => { busy = false; });
  }, POLL_MS);

  async function check(): Promise<void> {
    const phasesText = await readFile(path.join(trialDir, PHASES_NDJSON), 'utf8').catch(() => null);
    if (phasesText === null) return;
    const now = Date.now();
    const window = steadyWindow(parsePhases(phasesText, PHASES_NDJSON), { runTimeS: opts.runTimeS, fallbackEndMs: now });
    if (window === null) return;
    let samples: RequestSample[] = [];
    for (const name of await requestFileNames(trialDir)) {
      const text = await readFile(path.join(trialDir, name), 'utf8').catch(() => '');
      samples = samples.concat(parseRequests(text, name));
    }
    const stability = measureStability(samples, window, window.startMs);
    const windowS = (window.endMs - window.startMs) / 1000;
    watch.latest = { windowS, stability };
    // A queue still filling can look settled sub-window to sub-window: a trending p95 runs on.
    if (windowS >= opts.minWindowS && stability?.stable && Math.abs(stability.p95Trend ?? 0) <= TREND_LIMIT) {
      watch.stoppedAt = now;
      clearInterval(timer);
      await requestStop(trialDir);
    }
  }
  return watch;
}
