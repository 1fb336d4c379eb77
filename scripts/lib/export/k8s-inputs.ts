import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { LabError } from '../errors.ts';
import { generatorCost } from '../analyze/generator-cost.ts';
import { locustWorkersFor } from '../search/locust-workers.ts';
import { LAB_ENTRY_FILE, LAB_HOOK_FILE } from '../locust/lab-entry.ts';
import type { LabResult, TrialResult } from '../results/types.ts';
import type { K8sInputs } from './k8s-manifests.ts';

/** The workshop's crowd, when the run has no capacity plan to say otherwise. */
const DEFAULT_TARGET_USERS = 10_000;

/**
 * Reads what the manifests are sized from out of a finished run: the trial
 * behind the max-users answer (its steady hold, else its probe), the capacity
 * plan's replicas when the run has one, the API's CPU share at the answer,
 * the Locust workers the target crowd needs, and the locustfile the run used.
 */
export async function k8sInputs(runDir: string, result: LabResult): Promise<K8sInputs> {
  const trial = answerTrial(result);
  const plan = result.capacity?.verdict === 'planned' ? result.capacity : null;
  const targetUsers = result.capacity?.targetUsers ?? DEFAULT_TARGET_USERS;
  const count = plan?.replicas?.count ?? 1;
  const summary = trial.summary;
  const published = result.stages.publish?.images.find((img) => img.source === trial.spec.image && img.digest);
  // The lab's own registry listens on loopback: no cluster can pull from it.
  const reachable = published && !/^(127\.|localhost[:/])/.test(published.reference);
  return {
    spec: trial.spec,
    image: reachable ? { ref: `${published.reference}@${published.digest}`, pullable: true } : { ref: trial.spec.image, pullable: false },
    replicas: { count, max: Math.max(count + 1, plan?.replicas?.range.high ?? count * 2), fromPlan: plan !== null },
    utilizationAtAnswer: summary?.apiMeanCpuPercent != null && trial.spec.cpus > 0 ? summary.apiMeanCpuPercent / 100 / trial.spec.cpus : null,
    // In a cluster each worker is its own pod: no host's CPUs cap their number.
    locustWorkers: locustWorkersFor(targetUsers, { cost: generatorCost(result.trials), hostCpus: Number.MAX_SAFE_INTEGER, fallback: { aboveUsers: 0, workers: 2 } }),
    targetUsers,
    locustfile: await locustfileOf(runDir, trial),
    locustVersion: result.host.locustVersion,
    runId: result.runId,
  };
}

/** The trial whose setup and numbers stand behind the max-users answer. */
function answerTrial(result: LabResult): TrialResult {
  const mu = result.stages.maxUsers;
  const answer = mu?.lastPassingUsers ?? null;
  if (!mu || answer === null) {
    throw new LabError(
      `run ${result.runId} has no max-users answer, so there is no measured setup to size the manifests from`,
      'Export a run whose max-users stage found an answer (npx zx scripts/full-lab.mjs, or scripts/find-max-users.mjs).',
    );
  }
  // The long steady hold first, then a bisection probe: never a ramp step, which is only a bracket.
  const order = { hold: 0, bisect: 1, ramp: 2 } as const;
  const points = mu.curve.filter((p) => p.users === answer && p.source !== 'ramp' && p.trialId).sort((a, b) => order[a.source] - order[b.source]);
  const trial = points.map((p) => result.trials.find((t) => t.spec.id === p.trialId)).find((t) => t !== undefined);
  if (!trial) throw new LabError(`run ${result.runId}: the max-users answer (${answer} users) names no trial of the run`, 'The run folder is incomplete: render it from a complete copy, or run the lab again.');
  return trial;
}

/** The locustfile copied into the trial folder, and the Python files beside it; the lab's own entry and hook stay out. */
async function locustfileOf(runDir: string, trial: TrialResult): Promise<{ name: string; text: string; others: { name: string; text: string }[] }> {
  const dir = path.join(runDir, 'trials', trial.spec.id, 'locust');
  const name = path.basename(trial.spec.locustfile);
  const files = await readdir(dir).catch(() => {
    throw new LabError(`${dir}: the locustfile the run used is missing`, 'Export from the complete run folder (with its trials/ folder).');
  });
  const others = files.filter((f) => f.endsWith('.py') && f !== name && f !== LAB_ENTRY_FILE && f !== LAB_HOOK_FILE);
  return {
    name,
    text: await readFile(path.join(dir, name), 'utf8'),
    others: await Promise.all(others.map(async (f) => ({ name: f, text: await readFile(path.join(dir, f), 'utf8') }))),
  };
}
