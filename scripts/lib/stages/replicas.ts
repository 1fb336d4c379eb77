import type { ReplicaComparison, ReplicaRun, ReplicasStage, TrialResult } from '../results/types.ts';
import { runStageTrial, stageBase, type StageContext } from './stage-context.ts';
import { percentChange } from '../analyze/percent-change.ts';
import { limitedByLoad } from '../analyze/operational-bound.ts';
import { findPortConflict } from '../docker/find-port-conflict.ts';

/**
 * Scaling out, as the workshop met it: N replicas on one fixed host port
 * fail to start ("port is already allocated"); nginx in front of them is the
 * fix. Then N replicas behind nginx against one replica twice: with the same
 * total CPU (the fair comparison) and with one replica's CPU (what the
 * workshop compared, where the replicas also had more CPU). A run that did not
 * pass (a replica OOM-killed by the lazy-loading race, say) voids the
 * comparisons it is part of, and the verdict names it.
 */
export async function runReplicas(ctx: StageContext): Promise<ReplicasStage> {
  const started = Date.now();
  const c = ctx.config.replicas;
  const same = { memoryMb: c.memoryMb, users: c.users, runTimeS: c.runTimeS };
  // On Docker Swarm replicas share a published port: the workshop's conflict is compose's, and is not run there.
  const onSwarm = ctx.config.engine === 'swarm';
  const conflict = onSwarm ? null : await runStageTrial(ctx, 'replicas', { id: `fixed-port-x${c.replicas}`, ...same, cpus: c.cpus, replicas: c.replicas, hostPort: c.hostPort });
  const single = await runStageTrial(ctx, 'replicas', { id: 'single', ...same, cpus: c.cpus });
  const totalCpus = Math.round(c.cpus * c.replicas * 100) / 100;
  const singleTotal = await runStageTrial(ctx, 'replicas', { id: `single-${totalCpus}cpu`.replaceAll('.', '_'), ...same, cpus: totalCpus });
  const balanced = await runStageTrial(ctx, 'replicas', { id: `nginx-x${c.replicas}`, ...same, cpus: c.cpus, replicas: c.replicas, loadBalancer: true });
  const trials: TrialResult[] = [...(conflict ? [conflict] : []), single, singleTotal, balanced];
  const portConflict = conflict ? findPortConflict(conflict.engineError ?? '') : null;
  const brief = (t: TrialResult) => ({ trialId: t.spec.id, rps: t.summary?.rps ?? null, p95Ms: t.summary?.p95Ms ?? null });
  const comparisons = [compare('same-total-cpu', singleTotal, balanced), compare('per-replica-cpu', single, balanced)];
  // The summary quotes the fair comparison: the same total CPU on both sides.
  const fair = comparisons[0]!;
  return {
    ...stageBase(trials, started),
    conflict: conflict
      ? {
        trialId: conflict.spec.id,
        reproduced: conflict.status === 'engine-error' && portConflict !== null,
        engineError: portConflict?.engineError ?? conflict.engineError,
      }
      : { trialId: null, reproduced: false, engineError: null, notApplicable: 'swarm' },
    single: brief(single),
    balanced: { ...brief(balanced), replicas: c.replicas },
    rpsGainPct: fair.rpsGainPct,
    p95ChangePct: fair.p95ChangePct,
    runs: [single, singleTotal, balanced].map(replicaRun),
    comparisons,
  };
}

function compare(basis: ReplicaComparison['basis'], single: TrialResult, balanced: TrialResult): ReplicaComparison {
  const failed = [single, balanced].find((t) => t.status !== 'passed');
  return {
    basis,
    singleTrialId: single.spec.id,
    rpsGainPct: failed ? null : percentChange(single.summary?.rps, balanced.summary?.rps),
    p95ChangePct: failed ? null : percentChange(single.summary?.p95Ms, balanced.summary?.p95Ms),
    voidedBy: failed ? { trialId: failed.spec.id, status: failed.status } : null,
  };
}

function replicaRun(t: TrialResult): ReplicaRun {
  const s = t.summary;
  return {
    trialId: t.spec.id, replicas: t.spec.replicas, cpus: t.spec.cpus, rps: s?.rps ?? null, p95Ms: s?.p95Ms ?? null, status: t.status,
    loadLimited: s && s.thinkTimeS !== null ? limitedByLoad(s.rps, t.spec.users, s.thinkTimeS) : null,
  };
}
