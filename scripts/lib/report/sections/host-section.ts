import type { HostCalibration } from '../../results/types.ts';
import { hostCpuText } from '../measure-text.ts';
import type { ReportContext } from '../report-context.ts';
import { stageKeyOf } from '../../results/stage-keys.ts';

export const HOST_ANCHOR = 'host-calibration';

export interface CalibrationProbeView {
  point: string;
  atIso: string;
  at: string;
  requests: string;
  duration: string;
  demand: string;
  p50: string;
  mean: string;
  loop: string;
  speedIndex: string;
}

/** The "Host" section: how fast and how quiet the machine was, from the calibration probes. */
export interface HostSectionView {
  anchor: string;
  title: string;
  narrative: string;
  facts: { label: string; value: string }[];
  findings: string[];
  probes: CalibrationProbeView[];
}

export function hostSection(ctx: ReportContext, c: HostCalibration): HostSectionView {
  const { t, f, none } = ctx;
  const findings: string[] = [];
  if (c.speedIndex !== null) {
    findings.push(t('hostSection.finding.speed', {
      index: f.decimal2(c.speedIndex) ?? none, probes: f.count(c.probes.length) ?? none,
      demand: f.decimal1(c.reference.demandMs) ?? none, host: c.reference.host,
    }));
  } else {
    findings.push(t('hostSection.finding.noProbe'));
  }
  if (c.drift !== null) findings.push(t('hostSection.finding.drift', { drift: f.shareOfRatio(c.drift) ?? none }));
  for (const d of c.drifts ?? []) {
    findings.push(t('hostSection.finding.driftAcross', {
      stage: stageTitle(ctx, d.stage), from: probePoint(ctx, d.fromPoint), to: probePoint(ctx, d.toPoint),
      metric: t(`hostSection.metric.${d.metric}`), change: f.signedPercent(d.change * 100) ?? none,
    }));
  }
  return {
    anchor: HOST_ANCHOR,
    title: t('hostSection.title'),
    narrative: t('hostSection.narrative'),
    facts: [
      { label: t('hostSection.cpuModel'), value: c.cpuModel || none },
      { label: t('hostSection.reference'), value: t('hostSection.referenceValue', { demand: f.decimal1(c.reference.demandMs) ?? none, host: c.reference.host }) },
      { label: t('hostSection.speedIndex'), value: f.decimal2(c.speedIndex) ?? t('common.notMeasured') },
      { label: t('hostSection.drift'), value: c.drift === null ? t('hostSection.noDrift') : f.shareOfRatio(c.drift) ?? none },
      {
        label: t('hostSection.idleCheck'),
        value: c.idleVerdict ? t('hostSection.idleValue', { verdict: t(`hostSection.idleVerdict.${c.idleVerdict}`), cpu: hostCpuText(ctx, c.idleCheck) }) : hostCpuText(ctx, c.idleCheck),
      },
      { label: t('hostSection.run'), value: hostCpuText(ctx, c.run) },
    ],
    findings,
    probes: c.probes.map((probe) => ({
      point: probePoint(ctx, probe.point), atIso: probe.at, at: f.utcDateTime(probe.at) ?? none,
      requests: f.count(probe.requests) ?? none, duration: f.decimal1(probe.durationS) ?? none,
      demand: f.decimal1(probe.demandMs) ?? none, p50: f.decimal1(probe.p50Ms) ?? none, mean: f.decimal1(probe.meanMs) ?? none,
      loop: f.ms(probe.loopMs) ?? none, speedIndex: f.decimal2(probe.speedIndex) ?? none,
    })),
  };
}

/** `start`, `after:<stage>`, `end` in words. */
export function probePoint(ctx: ReportContext, point: string): string {
  if (point === 'start' || point === 'end') return ctx.t(`hostSection.point.${point}`);
  if (!point.startsWith('after:')) return point;
  return ctx.t('hostSection.point.after', { stage: stageTitle(ctx, point.slice('after:'.length)) });
}

/** A stage named either way (`maxUsers`, `max-users`) gets its title; anything else is shown as recorded. */
export function stageTitle({ t }: ReportContext, name: string): string {
  const key = stageKeyOf(name);
  return key ? t(`stage.${key}.title`) : name;
}
