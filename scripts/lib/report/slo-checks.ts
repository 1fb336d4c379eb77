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
  const add = (stage: StageKey, kind: StageCheck['kind'], base: StageBase, pass: boolean, message: string) => {
    checks.push({ stage, kind, name: t(`ci.check.${stage}`), pass: pass && base.error === null, message: base.error ? `${message} ${t('ci.stageError', { error: base.error })}` : message, durationMs: base.durationMs });
  };
  const s = result.stages;
  const slo = { p95: f.ms(result.slo.p95Ms) ?? none, failures: f.percentOfRatio(result.slo.maxFailureRatio) ?? none };
  for (const key of STAGE_ORDER) {
    switch (key) {
      case 'publish': {
        const stage = s.publish;
        if (!stage) break;
        const ok = stage.images.length > 0 && stage.images.every((i) => i.verified.catalog && i.verified.tag && i.verified.digestMatches);
        add(key, 'lab', stage, ok, t(ok ? 'ci.publish.pass' : 'ci.publish.fail', { registry: stage.registry, total: stage.images.length }));
        break;
      }
      case 'deploy': {
        const stage = s.deploy;
        if (!stage) break;
        add(key, 'lab', stage, stage.reproduced, t(stage.reproduced ? 'ci.deploy.pass' : 'ci.deploy.fail', { status: t(`status.${stage.status}`) }));
        break;
      }
      case 'memoryFloor': {
        const stage = s.memoryFloor;
        if (!stage) break;
        const ok = stage.serve.floorMb !== null && stage.load.floorMb !== null;
        add(key, 'lab', stage, ok, t(ok ? 'ci.memoryFloor.pass' : 'ci.memoryFloor.fail', {
          serve: f.count(stage.serve.floorMb) ?? none, load: f.count(stage.load.floorMb) ?? none, recommended: f.count(stage.recommendedMb) ?? none,
        }));
        break;
      }
      case 'sweep': {
        const stage = s.sweep;
        if (!stage) break;
        add(key, 'slo', stage, stage.minimum !== null, stage.minimum
          ? t('ci.sweep.pass', { ...slo, users: stage.users, cpus: f.decimal2(stage.minimum.cpus) ?? none, memory: f.count(stage.minimum.memoryMb) ?? none })
          : t('ci.sweep.fail', { ...slo, users: stage.users, cells: stage.cells.length }));
        break;
      }
      case 'replicas': {
        const stage = s.replicas;
        if (!stage) break;
        const balanced = result.trials.find((trial) => trial.spec.id === stage.balanced?.trialId);
        // On Docker Swarm the conflict cannot arise: the check holds nginx's run alone.
        const conflictOk = stage.conflict.reproduced || stage.conflict.notApplicable === 'swarm';
        const ok = conflictOk && balanced?.status === 'passed';
        add(key, 'lab', stage, ok, t(ok ? (stage.conflict.notApplicable === 'swarm' ? 'ci.replicas.passSwarm' : 'ci.replicas.pass') : 'ci.replicas.fail', {
          conflict: t(stage.conflict.notApplicable === 'swarm' ? 'summary.conflictNotOnSwarm' : stage.conflict.reproduced ? 'common.yes' : 'common.no'),
          balanced: balanced ? t(`status.${balanced.status}`) : none,
        }));
        break;
      }
      case 'workers': {
        const stage = s.workers;
        if (!stage) break;
        const best = stage.configs.find((c) => c.configId === stage.bestConfigId);
        const ok = best !== undefined && stage.cells.filter((c) => c.configId === best.configId).every((c) => c.pass);
        add(key, 'slo', stage, ok, ok ? t('ci.workers.pass', { ...slo, best: best!.label }) : t('ci.workers.fail', { ...slo }));
        break;
      }
      case 'maxUsers': {
        const stage = s.maxUsers;
        if (!stage) break;
        // A failed hold already moved the answer down to a crowd that passed, so it still counts;
        // the message says the answer was not held steadily.
        const ok = stage.lastPassingUsers !== null;
        add(key, 'slo', stage, ok, t(!ok ? 'ci.maxUsers.fail' : stage.confirmed === false ? 'ci.maxUsers.unconfirmed' : 'ci.maxUsers.pass', {
          ...slo, users: f.count(stage.lastPassingUsers) ?? none, first: f.count(stage.firstFailingUsers) ?? none,
        }));
        break;
      }
    }
  }
  return checks;
}
