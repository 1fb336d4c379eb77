import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { LabResult } from '../results/types.ts';
import { fileHref } from './file-link.ts';
import { K8S_DIR, K8S_FILES } from '../export/k8s-files.ts';

/** Larger files are linked, not inlined: a compose file is a few KB. */
const MAX_INLINE_BYTES = 256 * 1024;

/** A text file of the run folder as the report shows it. */
export interface RunFileText {
  /** Path relative to the run folder, as the result names it. */
  path: string;
  /** Its contents, unredacted; `null` with `missing` saying why. */
  text: string | null;
  missing: 'not-found' | 'too-large' | 'outside-run' | null;
}

/** Config files of the trials a report shows in full, by trial id. */
export interface RunFiles {
  compose: Map<string, RunFileText>;
  /** The nginx config next to a load-balanced trial's compose file. */
  nginx: Map<string, RunFileText>;
  /** The locustfile the lab generated for a target without one (`LabResult.generatedLocustfile`); `null` when none was. */
  generatedLocustfile: RunFileText | null;
  /** Kubernetes manifests `export-k8s.mjs` wrote into the run folder, relative to it; empty until it ran. */
  k8s: string[];
}

export const emptyRunFiles = (): RunFiles => ({ compose: new Map(), nginx: new Map(), generatedLocustfile: null, k8s: [] });

/**
 * Reads the compose file (and nginx config, for load-balanced trials) of the
 * given trials from the run folder. This is the renderer's only read besides
 * `lab-result.json`, and needs no Docker. Paths come from the result, so only
 * plain relative paths inside the run folder are read (`fileHref` rules).
 */
export async function readRunFiles(runDir: string, result: LabResult, trialIds: readonly string[]): Promise<RunFiles> {
  const files = emptyRunFiles();
  if (result.generatedLocustfile) files.generatedLocustfile = await readRunFile(runDir, result.generatedLocustfile);
  for (const name of K8S_FILES) {
    const relative = path.posix.join(K8S_DIR, name);
    if (await stat(path.join(runDir, relative)).then(() => true, () => false)) files.k8s.push(relative);
  }
  for (const id of new Set(trialIds)) {
    const trial = result.trials.find((candidate) => candidate.spec.id === id);
    if (!trial) continue;
    files.compose.set(id, await readRunFile(runDir, trial.files.compose));
    if (trial.spec.loadBalancer) {
      files.nginx.set(id, await readRunFile(runDir, path.posix.join(path.posix.dirname(trial.files.compose), 'nginx.conf')));
    }
  }
  return files;
}

async function readRunFile(runDir: string, relative: string): Promise<RunFileText> {
  if (fileHref(relative) === null) return { path: relative, text: null, missing: 'outside-run' };
  const file = path.join(runDir, relative);
  try {
    if ((await stat(file)).size > MAX_INLINE_BYTES) return { path: relative, text: null, missing: 'too-large' };
    return { path: relative, text: await readFile(file, 'utf8'), missing: null };
  } catch {
    return { path: relative, text: null, missing: 'not-found' };
  }
}
