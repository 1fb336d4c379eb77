import type { LabResult, SloBinding } from '../results/types.ts';

/**
 * The workshop's questions answered in numbers, straight from the stage
 * verdicts. Shared by the summary, the runs index, the comparison of two runs
 * and the CI summary, so they all quote the same values. A field is `null`
 * when its stage did not run; `reached: false` when it ran without an answer.
 */
export interface KeyAnswers {
  memoryFloor: { reached: boolean; serveMb: number | null; loadMb: number | null; recommendedMb: number | null; probes: number; linearProbes: number | null } | null;
  minResources: { reached: boolean; users: number; cpus: number | null; memoryMb: number | null; p95Ms: number | null; rps: number | null } | null;
  bestSetup: {
    reached: boolean; label: string | null; referenceLabel: string | null; users: number | null;
    rpsGainPct: number | null; p95ChangePct: number | null; rps: number | null; p95Ms: number | null;
  } | null;
  maxUsers: { reached: boolean; lastPassingUsers: number | null; firstFailingUsers: number | null; binding: SloBinding | null; confirmed: boolean | null; knee: number | null; configLabel: string } | null;
  replicas: { reproduced: boolean; rpsGainPct: number | null; p95ChangePct: number | null; replicas: number | null } | null;
  deploy: { reproduced: boolean; memoryMb: number; cpus: number } | null;
}

export function keyAnswers(result: LabResult): KeyAnswers {
  const { memoryFloor, sweep, workers, maxUsers, replicas, deploy } = result.stages;
  const labelOf = (id: string | null) => workers?.configs.find((config) => config.configId === id)?.label ?? id;
  const bestCell = workers && workers.bestGain
    ? workers.cells.find((cell) => cell.configId === workers.bestConfigId && cell.users === workers.bestGain!.users)
    : undefined;
  const minimumCell = sweep?.minimum ? sweep.cells.find((cell) => cell.trialId === sweep.minimum!.trialId) : undefined;
  return {
    memoryFloor: memoryFloor ? {
      reached: memoryFloor.serve.floorMb !== null || memoryFloor.load.floorMb !== null,
      serveMb: memoryFloor.serve.floorMb, loadMb: memoryFloor.load.floorMb, recommendedMb: memoryFloor.recommendedMb,
      probes: memoryFloor.serve.probes.length + memoryFloor.load.probes.length,
      linearProbes: memoryFloor.linearWalk?.probes ?? null,
    } : null,
    minResources: sweep ? {
      reached: sweep.minimum !== null, users: sweep.users,
      cpus: sweep.minimum?.cpus ?? null, memoryMb: sweep.minimum?.memoryMb ?? null,
      p95Ms: minimumCell?.p95Ms ?? null, rps: minimumCell?.rps ?? null,
    } : null,
    bestSetup: workers ? {
      reached: workers.bestConfigId !== null, label: labelOf(workers.bestConfigId), referenceLabel: labelOf(workers.referenceConfigId),
      users: workers.bestGain?.users ?? null, rpsGainPct: workers.bestGain?.rpsGainPct ?? null, p95ChangePct: workers.bestGain?.p95ChangePct ?? null,
      rps: bestCell?.rps ?? null, p95Ms: bestCell?.p95Ms ?? null,
    } : null,
    maxUsers: maxUsers ? {
      reached: maxUsers.lastPassingUsers !== null, lastPassingUsers: maxUsers.lastPassingUsers, firstFailingUsers: maxUsers.firstFailingUsers,
      binding: maxUsers.binding, confirmed: maxUsers.confirmed, knee: maxUsers.knee, configLabel: maxUsers.configLabel,
    } : null,
    replicas: replicas ? {
      reproduced: replicas.conflict.reproduced, rpsGainPct: replicas.rpsGainPct, p95ChangePct: replicas.p95ChangePct,
      replicas: replicas.balanced?.replicas ?? null,
    } : null,
    deploy: deploy ? { reproduced: deploy.reproduced, memoryMb: deploy.memoryMb, cpus: deploy.cpus } : null,
  };
}
