import type { LabResult, StageBase } from '../results/types.ts';
import type { Formatters } from './format.ts';
import type { Translate } from './i18n.ts';
import { STAGE_ORDER, type StageKey } from './sections/stage-section.ts';

/** One verdict a CI gate can read: a stage's answer held or it did not. */
export interface StageCheck {
  stage: StageKey;
  /** `slo`: judged against the SLO (sweep, workers, max users); `lab`: the stage did what the workshop showed. */
  kind: 'slo' | 'lab';
  name: string;
  pass: boolean;
  /** One sentence with the numbers, in the messages' language. */
  message: string;
  durationMs: number;
}

/**
 * Every stage verdict of a run as a check. The SLO checks gate a build
 * (`sloPassed`); the lab checks report whether the replay itself worked
 * (registry verified, OOM reproduced, floor found, conflict reproduced).
 */
export function stageChecks(result: LabResult, t: Translate, f: Formatters): StageCheck[] {
  const none = t('common.none');
  const checks: StageCheck[] = [];
  // The verdicts were decided by the analysis (`analyze/stage-gate.ts`) and stored; here they are only worded.
  const add = (stage: StageKey, base: StageBase, message: (pass: boolean) => string) => {
    const gate = (result.gate ?? []).find((g) => g.stage === stage);
    if (!gate) return;
    const text = message(gate.pass);
    checks.push({ stage, kind: gate.kind, name: t(`ci.check.${stage}`), pass: gate.pass, message: base.error ? `${text} ${t('ci.stageError', { error: base.error })}` : text, durationMs: base.durationMs });
  };
  const s = result.stages;
  const slo = { p95: f.ms(result.slo.p95Ms) ?? none, failures: f.percentOfRatio(result.slo.maxFailureRatio) ?? none };
  for (const key of STAGE_ORDER) {
    switch (key) {
      case 'publish': {
        const stage = s.publish;
        if (stage) add(key, stage, (ok) => t(ok ? 'ci.publish.pass' : 'ci.publish.fail', { registry: stage.registry, total: stage.images.length }));
        break;
      }
      case 'deploy': {
        const stage = s.deploy;
        if (stage) add(key, stage, (ok) => t(ok ? 'ci.deploy.pass' : 'ci.deploy.fail', { status: t(`status.${stage.status}`) }));
        break;
      }
      case 'memoryFloor': {
        const stage = s.memoryFloor;
        if (stage) {
          add(key, stage, (ok) => t(ok ? 'ci.memoryFloor.pass' : 'ci.memoryFloor.fail', {
            serve: f.count(stage.serve.floorMb) ?? none, load: f.count(stage.load.floorMb) ?? none, recommended: f.count(stage.recommendedMb) ?? none,
          }));
        }
        break;
      }
      case 'sweep': {
        const stage = s.sweep;
        if (stage) {
          add(key, stage, () => (stage.minimum
            ? t('ci.sweep.pass', { ...slo, users: stage.users, cpus: f.decimal2(stage.minimum.cpus) ?? none, memory: f.count(stage.minimum.memoryMb) ?? none })
            : t('ci.sweep.fail', { ...slo, users: stage.users, cells: stage.cells.length })));
        }
        break;
      }
      case 'replicas': {
        const stage = s.replicas;
        if (!stage) break;
        const balanced = result.trials.find((trial) => trial.spec.id === stage.balanced?.trialId);
        const onSwarm = stage.conflict.notApplicable === 'swarm';
        add(key, stage, (ok) => t(ok ? (onSwarm ? 'ci.replicas.passSwarm' : 'ci.replicas.pass') : 'ci.replicas.fail', {
          conflict: t(onSwarm ? 'summary.conflictNotOnSwarm' : stage.conflict.reproduced ? 'common.yes' : 'common.no'),
          balanced: balanced ? t(`status.${balanced.status}`) : none,
        }));
        break;
      }
      case 'workers': {
        const stage = s.workers;
        if (!stage) break;
        const best = stage.configs.find((c) => c.configId === stage.bestConfigId);
        add(key, stage, (ok) => (ok ? t('ci.workers.pass', { ...slo, best: best?.label ?? none }) : t('ci.workers.fail', { ...slo })));
        break;
      }
      case 'maxUsers': {
        const stage = s.maxUsers;
        if (!stage) break;
        // The message says when the answer was not held steadily.
        add(key, stage, (ok) => t(!ok ? 'ci.maxUsers.fail' : stage.confirmed === false ? 'ci.maxUsers.unconfirmed' : 'ci.maxUsers.pass', {
          ...slo, users: f.count(stage.lastPassingUsers) ?? none, first: f.count(stage.firstFailingUsers) ?? none,
        }));
        break;
      }
    }
  }
  return checks;
}
