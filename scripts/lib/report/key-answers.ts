import type { LabResult, OperationalBound, PointMeasurement, SloBinding, TrialStatus } from '../results/types.ts';

/**
 * The workshop's questions answered in numbers, straight from the stage
 * verdicts. Shared by the summary, the runs index, the comparison of two runs
 * and the CI summary, so they all quote the same values. A field is `null`
 * when its stage did not run; `reached: false` when it ran without an answer.
 * The `point` fields carry the stored measurement (runs, intervals, verdict)
 * behind an answer; they are `null` in results migrated from schema 1.
 */
export interface KeyAnswers {
  memoryFloor: { reached: boolean; serveMb: number | null; loadMb: number | null; recommendedMb: number | null; probes: number; linearProbes: number | null } | null;
  minResources: {
    reached: boolean; users: number; cpus: number | null; memoryMb: number | null; p95Ms: number | null; rps: number | null;
    /** The minimum cell's trial and its label (the setup the answer applies to). */
    trialId: string | null; setup: string | null;
    point: PointMeasurement | null;
  } | null;
  bestSetup: {
    reached: boolean; label: string | null; referenceLabel: string | null; users: number | null;
    rpsGainPct: number | null; p95ChangePct: number | null; rps: number | null; p95Ms: number | null;
    /** Labels of the setups tied with the best (their intervals overlap at every crowd); empty when it stands alone. */
    tiedLabels: string[];
    /** The best setup's cell at the crowd of the gain. */
    point: PointMeasurement | null;
  } | null;
  maxUsers: {
    reached: boolean; lastPassingUsers: number | null; firstFailingUsers: number | null; binding: SloBinding | null; confirmed: boolean | null; knee: number | null; configLabel: string;
    /** Bisection closed its gap to `resolution` users; `null` when none ran. */
    converged: boolean | null; resolution: number | null;
    /** The steady hold that decided `confirmed`: its crowd and the seconds its window covered. */
    hold: { users: number; seconds: number | null } | null;
    rpsAtAnswer: number | null;
    operationalBound: OperationalBound | null;
  } | null;
  replicas: {
    reproduced: boolean; notOnSwarm: boolean; rpsGainPct: number | null; p95ChangePct: number | null; replicas: number | null;
    /** The run that voided the fair comparison (same total CPU), if one did not pass. */
    voidedBy: { trialId: string; status: TrialStatus } | null;
  } | null;
  deploy: { reproduced: boolean; memoryMb: number; cpus: number } | null;
}

export function keyAnswers(result: LabResult): KeyAnswers {
  const { memoryFloor, sweep, workers, maxUsers, replicas, deploy } = result.stages;
  const trial = (id: string | null | undefined) => (id ? result.trials.find((t) => t.spec.id === id) : undefined);
  const labelOf = (id: string | null) => workers?.configs.find((config) => config.configId === id)?.label ?? id;
  const bestCell = workers && workers.bestGain
    ? workers.cells.find((cell) => cell.configId === workers.bestConfigId && cell.users === workers.bestGain!.users)
    : undefined;
  const minimumCell = sweep?.minimum ? sweep.cells.find((cell) => cell.trialId === sweep.minimum!.trialId) : undefined;
  // The hold that decided `confirmed`: at the answer when it held; when it did
  // not, the answer fell back below it and the failed hold is the first failing crowd.
  const holdUsers = maxUsers ? (maxUsers.confirmed === false ? maxUsers.firstFailingUsers : maxUsers.lastPassingUsers) : null;
  const hold = maxUsers?.curve.find((point) => point.source === 'hold' && point.users === holdUsers);
  const holdTrial = trial(hold?.point?.trialIds[0] ?? hold?.trialId);
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
      trialId: sweep.minimum?.trialId ?? null, setup: trial(sweep.minimum?.trialId)?.spec.label ?? null,
      point: minimumCell?.point ?? null,
    } : null,
    bestSetup: workers ? {
      reached: workers.bestConfigId !== null, label: labelOf(workers.bestConfigId), referenceLabel: labelOf(workers.referenceConfigId),
      users: workers.bestGain?.users ?? null, rpsGainPct: workers.bestGain?.rpsGainPct ?? null, p95ChangePct: workers.bestGain?.p95ChangePct ?? null,
      rps: bestCell?.rps ?? null, p95Ms: bestCell?.p95Ms ?? null,
      tiedLabels: (workers.tiedWithBest ?? []).filter((id) => id !== workers.bestConfigId).map((id) => labelOf(id) ?? id),
      point: bestCell?.point ?? null,
    } : null,
    maxUsers: maxUsers ? {
      reached: maxUsers.lastPassingUsers !== null, lastPassingUsers: maxUsers.lastPassingUsers, firstFailingUsers: maxUsers.firstFailingUsers,
      binding: maxUsers.binding, confirmed: maxUsers.confirmed, knee: maxUsers.knee, configLabel: maxUsers.configLabel,
      converged: maxUsers.converged ?? null, resolution: maxUsers.resolution ?? null,
      hold: hold ? { users: hold.users, seconds: holdTrial?.summary?.window?.durationS ?? null } : null,
      rpsAtAnswer: maxUsers.rpsAtAnswer ?? null,
      operationalBound: maxUsers.operationalBound ?? null,
    } : null,
    replicas: replicas ? {
      reproduced: replicas.conflict.reproduced, notOnSwarm: replicas.conflict.notApplicable === 'swarm', rpsGainPct: replicas.rpsGainPct, p95ChangePct: replicas.p95ChangePct,
      replicas: replicas.balanced?.replicas ?? null,
      voidedBy: replicas.comparisons?.find((c) => c.basis === 'same-total-cpu')?.voidedBy ?? null,
    } : null,
    deploy: deploy ? { reproduced: deploy.reproduced, memoryMb: deploy.memoryMb, cpus: deploy.cpus } : null,
  };
}
