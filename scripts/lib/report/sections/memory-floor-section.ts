import type { MemoryFloorStage, MemorySearchRecord } from '../../results/types.ts';
import type { ReportContext } from '../report-context.ts';
import { trialAnchor } from '../trial-view.ts';
import { chartView, stageSection, type StageSectionView } from './stage-section.ts';

export interface ProbeRowView {
  search: string;
  order: string;
  memory: string;
  outcome: string;
  pass: boolean;
  anchor: string | null;
}

export interface MemoryFloorView extends StageSectionView {
  probes: ProbeRowView[];
}

export function memoryFloorSection(ctx: ReportContext, stage: MemoryFloorStage): MemoryFloorView {
  const { t, f, none } = ctx;
  const mb = (value: number | null) => f.count(value) ?? none;
  // The under-load search may inherit its lower bound from the serve search
  // without probing it; then there is no outcome of its own to quote.
  const probeBelow = (search: MemorySearchRecord) => search.probes.find((p) => p.memoryMb === search.lastFailingMb && !p.pass);
  const findings: string[] = [];
  const { serve, load } = stage;
  if (serve.floorMb !== null && load.floorMb !== null) {
    findings.push(t('stage.memoryFloor.finding.floors', {
      serve: mb(serve.floorMb), load: mb(load.floorMb), users: f.count(stage.loadUsers) ?? none, seconds: f.count(stage.loadRunTimeS) ?? none,
    }));
    const serveBelow = probeBelow(serve);
    if (serveBelow) findings.push(t('stage.memoryFloor.finding.below', { mb: mb(serveBelow.memoryMb), outcome: t(`probe.${serveBelow.class}`) }));
    const loadBelow = probeBelow(load);
    if (loadBelow) findings.push(t('stage.memoryFloor.finding.belowLoad', { mb: mb(loadBelow.memoryMb), outcome: t(`probe.${loadBelow.class}`) }));
  }
  for (const search of [serve, load]) {
    if (search.verdict !== 'found') {
      findings.push(t(`memoryVerdict.${search.verdict}`, {
        search: t(`chart.memorySearch.${search.predicate}`), floor: mb(search.floorMb), last: mb(search.lastFailingMb),
        high: mb(Math.max(0, ...search.probes.map((p) => p.memoryMb))),
      }));
    }
  }
  if (stage.recommendedMb !== null) {
    findings.push(t('stage.memoryFloor.finding.recommended', {
      mb: mb(stage.recommendedMb), headroom: f.percentOfRatio(stage.headroom) ?? none, load: mb(load.floorMb),
    }));
  }
  const probes = serve.probes.length + load.probes.length;
  const walk = stage.linearWalk;
  findings.push(t('stage.memoryFloor.finding.search', {
    probes: f.count(probes) ?? none, seconds: f.msAsSeconds(serve.durationMs + load.durationMs) ?? none, resolution: mb(serve.resolutionMb),
  }));
  if (walk !== null) {
    // A walk that starts above the floor stops at once but overshoots it:
    // then the gain of bisection is precision, not probes, and the text says so.
    findings.push(t(walk.probes > load.probes.length ? 'stage.memoryFloor.finding.linearSlower' : 'stage.memoryFloor.finding.linearCoarser', {
      linear: f.count(walk.probes) ?? none, step: mb(walk.stepMb), start: mb(walk.startMb), reached: mb(walk.reachedMb),
      bisection: f.count(load.probes.length) ?? none, over: mb(load.floorMb === null ? null : walk.reachedMb - load.floorMb),
    }));
  }

  return {
    ...stageSection(ctx, 'memoryFloor', stage, {
      findings,
      charts: chartView(ctx.charts.stages.memoryFloor, t('chart.memoryFloorDescription'), t('stage.memoryFloor.chartCaption')),
    }),
    probes: [serve, load].flatMap((search) => search.probes.map((probe) => {
      const trial = ctx.trial(probe.trialId);
      return {
        search: t(`chart.memorySearch.${search.predicate}`), order: String(probe.order), memory: mb(probe.memoryMb),
        outcome: t(`probe.${probe.class}`), pass: probe.pass, anchor: trial ? trialAnchor(trial) : null,
      };
    })),
  };
}
