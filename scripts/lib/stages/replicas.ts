import type { ReplicasStage, TrialResult } from '../results/types.ts';
import { runStageTrial, stageBase, type StageContext } from './stage-context.ts';
import { percentChange } from '../analyze/percent-change.ts';
import { findPortConflict } from '../docker/find-port-conflict.ts';

/**
 * Scaling out, as the workshop met it: N replicas on one fixed host port
 * fail to start ("port is already allocated"); nginx in front of them is the
 * fix. Then one replica against N behind nginx under the same load.
 */
export async function runReplicas(ctx: StageContext): Promise<ReplicasStage> {
  const started = Date.now();
  const c = ctx.config.replicas;
  const same = { cpus: c.cpus, memoryMb: c.memoryMb, users: c.users, runTimeS: c.runTimeS };
  const conflict = await runStageTrial(ctx, 'replicas', { id: `fixed-port-x${c.replicas}`, ...same, replicas: c.replicas, hostPort: c.hostPort });
  const single = await runStageTrial(ctx, 'replicas', { id: 'single', ...same });
  const balanced = await runStageTrial(ctx, 'replicas', { id: `nginx-x${c.replicas}`, ...same, replicas: c.replicas, loadBalancer: true });
  const trials: TrialResult[] = [conflict, single, balanced];
  const portConflict = findPortConflict(conflict.engineError ?? '');
  const brief = (t: TrialResult) => ({ trialId: t.spec.id, rps: t.summary?.rps ?? null, p95Ms: t.summary?.p95Ms ?? null });
  return {
    ...stageBase(trials, started),
    conflict: {
      trialId: conflict.spec.id,
      reproduced: conflict.status === 'engine-error' && portConflict !== null,
      engineError: portConflict?.engineError ?? conflict.engineError,
    },
    single: brief(single),
    balanced: { ...brief(balanced), replicas: c.replicas },
    rpsGainPct: percentChange(single.summary?.rps, balanced.summary?.rps),
    p95ChangePct: percentChange(single.summary?.p95Ms, balanced.summary?.p95Ms),
  };
}
