import type { LabResult, StageBase } from '../results/types.ts';
import { STAGE_KEY_ORDER, type StageKey } from '../results/stage-keys.ts';

/** One stage's verdict as a build check. NOTE: `LabResult.gate`; the CI artifacts and the report word it. */
export interface GateEntry {
  stage: StageKey;
  /** `slo`: judged against the SLO (sweep, workers, max users): these gate a build; `lab`: the stage did what the workshop showed. */
  kind: 'slo' | 'lab';
  /** The check held, and the stage reached its verdict (a stage that threw fails its check). */
  pass: boolean;
}

/**
 * Every stage's verdict as a check, decided once here and stored, so the CI
 * artifacts and the report only read it: the registry verified every image,
 * the workshop's OOM kill and port conflict were reproduced (on Docker Swarm
 * the conflict cannot arise, and only nginx's run counts), the memory floor
 * was found, the smallest resources and the best setup meet the SLO, and a
 * crowd within the SLO was found. Pure.
 */
export function stageGate(result: Pick<LabResult, 'stages' | 'trials'>): GateEntry[] {
  const s = result.stages;
  const entry = (stage: StageKey, kind: GateEntry['kind'], base: StageBase, pass: boolean): GateEntry => ({ stage, kind, pass: pass && base.error === null });
  const gate: GateEntry[] = [];
  for (const key of STAGE_KEY_ORDER) {
    switch (key) {
      case 'publish':
        if (s.publish) gate.push(entry(key, 'lab', s.publish, s.publish.images.length > 0 && s.publish.images.every((i) => i.verified.catalog && i.verified.tag && i.verified.digestMatches)));
        break;
      case 'deploy':
        if (s.deploy) gate.push(entry(key, 'lab', s.deploy, s.deploy.reproduced));
        break;
      case 'memoryFloor':
        if (s.memoryFloor) gate.push(entry(key, 'lab', s.memoryFloor, s.memoryFloor.serve.floorMb !== null && s.memoryFloor.load.floorMb !== null));
        break;
      case 'sweep':
        if (s.sweep) gate.push(entry(key, 'slo', s.sweep, s.sweep.minimum !== null));
        break;
      case 'replicas': {
        const stage = s.replicas;
        if (!stage) break;
        const balanced = result.trials.find((trial) => trial.spec.id === stage.balanced?.trialId);
        const conflictOk = stage.conflict.reproduced || stage.conflict.notApplicable === 'swarm';
        gate.push(entry(key, 'lab', stage, conflictOk && balanced?.status === 'passed'));
        break;
      }
      case 'workers': {
        const stage = s.workers;
        if (!stage) break;
        const best = stage.configs.find((c) => c.configId === stage.bestConfigId);
        gate.push(entry(key, 'slo', stage, best !== undefined && stage.cells.filter((c) => c.configId === best.configId).every((c) => c.pass)));
        break;
      }
      case 'maxUsers':
        // A failed hold already moved the answer down to a crowd that passed, so it still counts.
        if (s.maxUsers) gate.push(entry(key, 'slo', s.maxUsers, s.maxUsers.lastPassingUsers !== null));
        break;
    }
  }
  return gate;
}
