import type { CapacityPlan, CapacityRange } from '../../results/capacity-schema.ts';
import type { ReportContext } from '../report-context.ts';
import { chartView, type ChartView } from './stage-section.ts';
import { fileHref } from '../file-link.ts';

export const CAPACITY_ANCHOR = 'capacity';

/** The "Capacity for N users" section: the stored plan, its inputs, its fit and its check. Reads `result.capacity` only. */
export interface CapacitySectionView {
  anchor: string;
  title: string;
  narrative: string;
  /** The plan in one sentence, or why there is none. */
  answer: string;
  /** `ok`: a plan; `fail`: no plan (the verdict says why). */
  state: 'ok' | 'fail';
  findings: string[];
  /** Inputs of the plan and the fit, one row each. */
  facts: { label: string; value: string }[];
  charts: ChartView[];
  /** The Kubernetes manifests sized from this plan: links when `export-k8s.mjs` wrote them, else the command that writes them. */
  k8s: { links: { href: string; name: string }[]; command: string };
}

export function capacitySection(ctx: ReportContext, plan: CapacityPlan): CapacitySectionView {
  const { t } = ctx;
  return {
    anchor: CAPACITY_ANCHOR,
    title: t('capacity.title', { users: ctx.f.count(plan.targetUsers) ?? ctx.none }),
    narrative: t('capacity.narrative'),
    answer: capacityAnswer(ctx, plan),
    state: plan.replicas ? 'ok' : 'fail',
    findings: capacityFindings(ctx, plan),
    facts: capacityFacts(ctx, plan),
    charts: chartView(ctx.charts.stages.capacity, t('chart.capacityDescription', { users: ctx.f.count(plan.targetUsers) ?? ctx.none }), t('capacity.chartCaption')),
    k8s: {
      links: ctx.files.k8s.flatMap((file) => { const href = fileHref(file); return href ? [{ href, name: file }] : []; }),
      command: `npx zx scripts/export-k8s.mjs reports/${ctx.result.runId}`,
    },
  };
}

/** `181 replicas of … (1 CPU, 2,816 MiB each): 181 CPUs, 509,696 MiB, 91 hosts like this one.` */
export function capacityAnswer(ctx: ReportContext, plan: CapacityPlan): string {
  const { t, f, none } = ctx;
  const n = (value: number | null | undefined) => f.count(value ?? null) ?? none;
  const { replicas, setup, total, hosts } = plan;
  if (!replicas || !setup || !total) {
    return t(`capacity.verdict.${plan.verdict}`, {
      users: n(plan.targetUsers), ceiling: f.rps(plan.ceilingRps) ?? none, required: f.rps(plan.requiredRps) ?? none,
    });
  }
  const base = {
    replicas: n(replicas.count), setup: setup.label, cpus: f.decimal2(setup.cpus) ?? none, memory: n(setup.memoryMb),
    users: n(plan.targetUsers), totalCpus: f.decimal2(total.cpus) ?? none, totalMemory: n(total.memoryMb),
  };
  return hosts?.count == null
    ? t('capacity.answerNoHosts', { ...base, hostCpus: n(hosts?.hostCpus), hostMemory: f.bytesAsGib((hosts?.hostMemoryMb ?? 0) * 2 ** 20) ?? none })
    : t('capacity.answer', { ...base, hosts: n(hosts.count) });
}

/** `68–∞` / `68–200` / `68`. */
function rangeText(ctx: ReportContext, range: CapacityRange | null, format: (v: number | null) => string | null): string {
  if (!range) return ctx.none;
  const low = format(range.low) ?? ctx.none;
  if (range.high === null) return ctx.t('capacity.rangeOpen', { low });
  const high = format(range.high) ?? ctx.none;
  return low === high ? low : ctx.t('capacity.range', { low, high });
}

/** The detail lines the summary card shows under the answer. */
export function capacityDetails(ctx: ReportContext, plan: CapacityPlan): string[] {
  const { t, f, none } = ctx;
  const details: string[] = [];
  if (plan.replicas) {
    details.push(t('capacity.detail.range', {
      range: rangeText(ctx, plan.replicas.range, f.count), linear: f.count(plan.replicas.linear) ?? none,
    }));
  }
  // No plan: what one replica serves is still worth a line; with a plan the answer and the range say it.
  if (plan.perReplica && !plan.replicas) {
    details.push(t('capacity.detail.perReplica', {
      users: f.count(plan.perReplica.users) ?? none, rps: f.rps(plan.perReplica.rps) ?? none, required: f.rps(plan.requiredRps) ?? none,
    }));
  }
  if (plan.check) details.push(checkLine(ctx, plan));
  return details;
}

function checkLine(ctx: ReportContext, plan: CapacityPlan): string {
  const { t, f, none } = ctx;
  const c = plan.check!;
  return t('capacity.detail.check', {
    replicas: f.count(c.replicas) ?? none, predicted: f.rps(c.predictedRps) ?? none, measured: f.rps(c.measuredRps) ?? none,
    error: f.signedPercent(c.errorPct) ?? none,
  });
}

function capacityFacts(ctx: ReportContext, plan: CapacityPlan): { label: string; value: string }[] {
  const { t, f, none } = ctx;
  const n = (value: number | null | undefined) => f.count(value ?? null) ?? none;
  const rows: { label: string; value: string }[] = [{ label: t('capacity.fact.target'), value: n(plan.targetUsers) }];
  const { setup, perReplica: p, usl, replicas, total, hosts, check } = plan;
  if (setup) rows.push({ label: t('capacity.fact.setup'), value: t('capacity.setupValue', { setup: setup.label, cpus: f.decimal2(setup.cpus) ?? none, memory: n(setup.memoryMb) }) });
  if (p) {
    rows.push(
      { label: t('capacity.fact.usersPerReplica'), value: t('capacity.usersValue', { users: n(p.users), range: rangeText(ctx, p.usersRange, f.count) }) },
      {
        label: t('capacity.fact.rpsPerReplica'),
        value: p.rpsInterval
          ? t('capacity.rpsValue', { rps: f.rps(p.rps) ?? none, low: f.rps(p.rpsInterval.low) ?? none, high: f.rps(p.rpsInterval.high) ?? none })
          : f.rps(p.rps) ?? none,
      },
      { label: t('capacity.fact.demand'), value: p.demandMs === null ? t('common.notMeasured') : t('capacity.msValue', { ms: f.decimal1(p.demandMs) ?? none }) },
      { label: t('capacity.fact.thinkTime'), value: p.thinkTimeS === null ? t('common.notMeasured') : t('capacity.secondsValue', { seconds: f.decimal2(p.thinkTimeS) ?? none }) },
      {
        label: t('capacity.fact.cycle'),
        value: t('capacity.cycleValue', { cycle: f.decimal2(p.cycleS) ?? none, response: f.decimal2(p.responseS) ?? none, users: n(p.users), rps: f.rps(p.rps) ?? none }),
      },
      { label: t('capacity.fact.required'), value: t('capacity.requiredValue', { rps: f.rps(plan.requiredRps) ?? none, users: n(plan.targetUsers), cycle: f.decimal2(p.cycleS) ?? none }) },
    );
  }
  if (usl) {
    rows.push(
      {
        label: t('capacity.fact.uslRuns'),
        value: t('capacity.uslRunsValue', {
          image: usl.image, cpus: f.decimal2(usl.cpusPerReplica) ?? none, users: n(usl.users),
          points: usl.points.map((point) => t('capacity.uslPoint', { replicas: n(point.replicas), rps: f.rps(point.rps) ?? none })).join('; '),
        }),
      },
      { label: t('capacity.fact.method'), value: t(`capacity.method.${usl.method}`) },
      {
        label: t('capacity.fact.sigma'),
        value: usl.sigmaRange
          ? t('capacity.sigmaValue', { sigma: f.significant3(usl.sigma) ?? none, range: rangeText(ctx, usl.sigmaRange, f.significant3) })
          : f.significant3(usl.sigma) ?? none,
      },
      { label: t('capacity.fact.kappa'), value: usl.fixed.includes('kappa') ? t('capacity.kappaFixed') : f.significant3(usl.kappa) ?? none },
      { label: t('capacity.fact.ceiling'), value: plan.ceilingRps === null ? t('capacity.noCeiling') : t('capacity.rpsOnly', { rps: f.rps(plan.ceilingRps) ?? none }) },
    );
  }
  if (replicas) {
    rows.push(
      { label: t('capacity.fact.replicas'), value: t('capacity.replicasValue', { replicas: n(replicas.count), range: rangeText(ctx, replicas.range, f.count), linear: n(replicas.linear) }) },
      { label: t('capacity.fact.total'), value: t('capacity.totalValue', { cpus: f.decimal2(total?.cpus ?? null) ?? none, memory: n(total?.memoryMb), gib: f.bytesAsGib((total?.memoryMb ?? 0) * 2 ** 20) ?? none }) },
    );
  }
  if (hosts) {
    rows.push({
      label: t('capacity.fact.hosts'),
      value: t(hosts.count === null ? 'capacity.hostsNoneValue' : 'capacity.hostsValue', {
        hosts: n(hosts.count), range: rangeText(ctx, hosts.range, f.count), perHost: n(hosts.replicasPerHost),
        limit: t(`capacity.hostLimit.${hosts.limitedBy}`), hostCpus: n(hosts.hostCpus), hostMemory: f.bytesAsGib(hosts.hostMemoryMb * 2 ** 20) ?? none,
      }),
    });
  }
  if (check) {
    rows.push({
      label: t('capacity.fact.check'),
      value: t('capacity.checkValue', {
        replicas: n(check.replicas), users: n(check.users), capacity: f.rps(check.capacityRps) ?? none,
        load: f.rps(check.loadBoundRps) ?? none, predicted: f.rps(check.predictedRps) ?? none,
        measured: check.measuredInterval
          ? t('capacity.rpsValue', { rps: f.rps(check.measuredRps) ?? none, low: f.rps(check.measuredInterval.low) ?? none, high: f.rps(check.measuredInterval.high) ?? none })
          : f.rps(check.measuredRps) ?? none,
        error: f.signedPercent(check.errorPct) ?? none,
      }),
    });
  }
  return rows;
}

function capacityFindings(ctx: ReportContext, plan: CapacityPlan): string[] {
  const { t, f, none } = ctx;
  const n = (value: number | null | undefined) => f.count(value ?? null) ?? none;
  const findings: string[] = [];
  const { perReplica: p, usl, replicas, check, setup } = plan;
  if (p && p.thinkTimeS !== null && p.responseS !== null) {
    findings.push(t('capacity.finding.little', {
      users: n(p.users), rps: f.rps(p.rps) ?? none, response: f.decimal2(p.responseS) ?? none, think: f.decimal2(p.thinkTimeS) ?? none,
      target: n(plan.targetUsers), required: f.rps(plan.requiredRps) ?? none,
    }));
  }
  if (usl) {
    findings.push(t(usl.method === 'two-point' ? 'capacity.finding.twoPoint' : 'capacity.finding.leastSquares', {
      sigma: f.significant3(usl.sigma) ?? none, kappa: f.significant3(usl.kappa) ?? none, replicas: n(plan.measuredMaxReplicas),
    }));
    if (usl.clamped) findings.push(t('capacity.finding.clamped'));
    // A σ clamped to 0 cannot be lowered further: the upper bound says nothing more then.
    if (usl.sigmaIsUpperBound && !usl.clamped) findings.push(t('capacity.finding.upperBound', { users: n(usl.users) }));
    if (setup) findings.push(t('capacity.finding.carriedOver', { image: usl.image, cpus: f.decimal2(usl.cpusPerReplica) ?? none, setup: setup.label }));
  }
  if (replicas) {
    findings.push(t(replicas.range.high === null ? 'capacity.finding.rangeOpen' : 'capacity.finding.range', {
      range: rangeText(ctx, replicas.range, f.count), linear: n(replicas.linear), replicas: n(replicas.count),
      extrapolation: f.decimal1(replicas.extrapolation) ?? none, measured: n(plan.measuredMaxReplicas),
    }));
  }
  // The check's numbers are in the table; the finding is what they can and cannot show.
  if (check?.measuredLoadLimited) findings.push(t('capacity.finding.checkLoadLimited', { users: n(check.users), error: f.signedPercent(check.errorPct) ?? none }));
  return findings;
}
