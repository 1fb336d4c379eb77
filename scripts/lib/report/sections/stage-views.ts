import type { ReportContext } from '../report-context.ts';
import { deploySection, type DeployView } from './deploy-section.ts';
import { maxUsersSection, type MaxUsersView } from './max-users-section.ts';
import { memoryFloorSection, type MemoryFloorView } from './memory-floor-section.ts';
import { publishSection, type PublishView } from './publish-section.ts';
import { replicasSection, type ReplicasView } from './replicas-section.ts';
import { sweepSection, type SweepView } from './sweep-section.ts';
import { workersSection, type WorkersView } from './workers-section.ts';

/** One notebook section per stage that ran, `null` for the others (the template skips them). */
export interface StageViews {
  publish: PublishView | null;
  deploy: DeployView | null;
  memoryFloor: MemoryFloorView | null;
  sweep: SweepView | null;
  replicas: ReplicasView | null;
  workers: WorkersView | null;
  maxUsers: MaxUsersView | null;
}

/** Key order is the workshop's order, which the table of contents follows. */
export function buildStageViews(ctx: ReportContext): StageViews {
  const s = ctx.result.stages;
  return {
    publish: s.publish ? publishSection(ctx, s.publish) : null,
    deploy: s.deploy ? deploySection(ctx, s.deploy) : null,
    memoryFloor: s.memoryFloor ? memoryFloorSection(ctx, s.memoryFloor) : null,
    sweep: s.sweep ? sweepSection(ctx, s.sweep) : null,
    replicas: s.replicas ? replicasSection(ctx, s.replicas) : null,
    workers: s.workers ? workersSection(ctx, s.workers) : null,
    maxUsers: s.maxUsers ? maxUsersSection(ctx, s.maxUsers) : null,
  };
}

