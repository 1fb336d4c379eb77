import type { LabEvent } from '../lab/lab-events.ts';
import type { ImportNotice } from '../target/compose-notice.ts';
import { formatCause } from './format-cause.ts';
import type { PointMeasurement, SloSpec } from '../results/types.ts';

/**
 * One progress line per lab event, or `null` for events not worth a line.
 * Pure, so every entry script shows progress the same way.
 */
export function formatEvent(e: LabEvent): string | null {
  switch (e.type) {
    case 'preflight':
      return `host: ${e.host.cpus} CPUs, ${gib(e.host.memoryBytes)} GiB, Docker ${e.host.dockerVersion}, ${e.host.compose}`;
    case 'leftovers-removed':
      return `removed leftovers of an earlier run: ${[...(e.removed.services ?? []), ...e.removed.containers, ...e.removed.networks].join(', ')}`;
    case 'swarm': {
      const nodes = e.nodes.map((n) => `${n.hostname} (${n.role}, ${n.state}, ${n.cpus} CPUs, ${gib(n.memoryBytes)} GiB)`).join('; ');
      return `swarm: ${e.nodes.length} node${e.nodes.length === 1 ? '' : 's'}: ${nodes}${e.initialised ? ' · created for this run, left at its end' : ' · found active, stays active'}`;
    }
    case 'swarm-left':
      return e.orphan ? 'left the swarm an earlier, killed lab run had created' : 'left the swarm this run created';
    case 'image':
      if (e.phase === 'start') return null;
      return `image ${e.tag}: ${e.built?.rebuilt ? `built in ${secs(e.built.durationMs)}` : 'up to date (cached)'}`;
    case 'calibration': {
      if (e.phase === 'start') return 'host: checking that it is quiet, then probing its speed ...';
      const c = e.calibration;
      if (!c) return null;
      const probe = c.probes.at(-1);
      const idle = c.idleCheck ? `${(c.idleCheck.busy * 100).toFixed(1)} % busy before the run${c.idleVerdict === 'forced' ? ' (measuring anyway: results carry a warning)' : ''}` : '';
      if (e.phase === 'done') return `host: ${c.cpuModel}; ${idle}${probe ? `; speed index ${probe.speedIndex.toFixed(2)} (D0 ${probe.demandMs.toFixed(1)} ms/request)` : ''}`;
      const drift = c.drift === null ? '' : `, drift ${(c.drift * 100).toFixed(1)} % over ${c.probes.length} probes`;
      const stages = c.drifts.length ? ` — measured across a drift: ${[...new Set(c.drifts.map((d) => d.stage))].join(', ')}` : '';
      return `host: speed index ${c.speedIndex?.toFixed(2) ?? '–'}${drift}${stages}`;
    }
    case 'estimate':
      return `plan: about ${e.trials} trials, about ${minutes(e.seconds)} (searches and repeats can change both)`;
    case 'run-folder':
      return `${e.resumed ? 'resuming run folder' : 'run folder'}: ${e.dir}`;
    case 'stage-start':
      return `\n== stage ${e.stage}`;
    case 'stage-end':
      return `== stage ${e.stage} done in ${secs(e.durationMs)}`;
    case 'stage-error':
      return `== stage ${e.stage} reached no verdict: ${e.message}`;
    case 'trial-start': {
      const left = e.runLeftS === undefined ? '' : ` · run: about ${minutes(e.runLeftS)} left`;
      return `trial ${e.index + 1} ${e.spec.id}: ${e.spec.label}, ${e.spec.runTimeS} s cap${left}`;
    }
    case 'trial-progress': {
      const p = e.progress;
      if (p.phase !== 'load') return `  ${p.phase} ...`;
      const left = Math.max(0, p.runTimeS - p.elapsedS);
      const locust = p.users == null ? '' : ` · ${p.users} users, ${p.rps?.toFixed(1) ?? '–'} req/s, p95 ${p.p95Ms ?? '–'} ms`;
      const window = p.windowS == null ? '' : ` · window ${Math.round(p.windowS)} s${p.stable ? ', stable' : ''}`;
      return `  load ${p.elapsedS}/${p.runTimeS} s (at most ${left} s left)${locust}${window} · API CPU ${pct(p.apiCpuPercent)} of limit, ${p.apiMemoryMb ?? '–'} MiB · Locust CPU ${pct(p.locustCpuPercent)}`;
    }
    case 'trial-end': {
      const r = e.result;
      const s = r.summary;
      const p95 = s?.p95Ms == null ? '–' : `${s.p95AtLeast ? '>' : ''}${Math.round(s.p95Ms)}`;
      const window = s?.window ? ` over ${s.window.durationS.toFixed(0)} s (${s.window.requests} requests${s.censored ? `, ${s.censored} unfinished` : ''})` : '';
      const numbers = s ? ` · ${s.rps.toFixed(1)} req/s, p95 ${p95} ms, ${(s.failureRatio * 100).toFixed(1)}% failed${window}, API peak ${s.apiPeakMemoryMb ?? '–'} MiB` : '';
      const flags = r.flags.length ? ` · ${r.flags.join(', ')}` : '';
      // "ran", as the report's outcome badge says: whether it met the SLO is the verdict's to say, not the outcome's.
      return `  ${r.status === 'passed' ? 'ran' : r.status}${r.cause ? ` (${formatCause(r.cause)})` : ''}${numbers} · ${secs(r.timing.totalMs)}${flags}`;
    }
    case 'report':
      return `report: ${e.htmlPath}`;
  }
}

const gib = (b: number) => (b / 1024 ** 3).toFixed(1);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const minutes = (s: number) => (s < 90 ? `${Math.round(s)} s` : `${Math.round(s / 60)} min`);
const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x)}%`);

/** One line per field a compose import did not take as written: `compose: <kind> <field> (<value>): <why>`. */
export function formatNotice(n: ImportNotice): string {
  return `compose: ${n.kind} ${n.field}${n.value === null ? '' : ` (${n.value})`}: ${n.message}`;
}

/** A lone trial's SLO verdict as the analysis stored it: `SLO (p95 ≤ 1000 ms, failures ≤ 1 %): misses · p95 >148833 ms, 91.0 % failed`. */
export function formatVerdict(point: PointMeasurement, slo: SloSpec): string {
  const p95 = point.p95Ms === null ? '–' : `${point.p95AtLeast ? '>' : ''}${Math.round(point.p95Ms)}`;
  const failed = point.failureRatio === null ? '–' : `${(point.failureRatio * 100).toFixed(1)}%`;
  const verdict = point.verdict === 'misses' && point.binding === 'status' ? 'misses (the trial did not run to the end)' : point.verdict;
  return `SLO (p95 ≤ ${slo.p95Ms} ms, failures ≤ ${(slo.maxFailureRatio * 100).toFixed(1)}%): ${verdict} · p95 ${p95} ms, ${failed} failed`;
}
