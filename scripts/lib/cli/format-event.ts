import type { LabEvent } from '../lab/run-lab.ts';

/**
 * One progress line per lab event, or `null` for events not worth a line.
 * Pure, so every entry script shows progress the same way.
 */
export function formatEvent(e: LabEvent): string | null {
  switch (e.type) {
    case 'preflight':
      return `host: ${e.host.cpus} CPUs, ${gib(e.host.memoryBytes)} GiB, Docker ${e.host.dockerVersion}, ${e.host.compose}`;
    case 'leftovers-removed':
      return `removed leftovers of an earlier run: ${[...e.removed.containers, ...e.removed.networks].join(', ')}`;
    case 'image':
      if (e.phase === 'start') return null;
      return `image ${e.tag}: ${e.built?.rebuilt ? `built in ${secs(e.built.durationMs)}` : 'up to date (cached)'}`;
    case 'run-folder':
      return `${e.resumed ? 'resuming run folder' : 'run folder'}: ${e.dir}`;
    case 'stage-start':
      return `\n== stage ${e.stage}`;
    case 'stage-end':
      return `== stage ${e.stage} done in ${secs(e.durationMs)}`;
    case 'stage-error':
      return `== stage ${e.stage} reached no verdict: ${e.message}`;
    case 'trial-start':
      return `trial ${e.index + 1} ${e.spec.id}: ${e.spec.label}, ${e.spec.runTimeS} s cap`;
    case 'trial-progress': {
      const p = e.progress;
      if (p.phase !== 'load') return `  ${p.phase} ...`;
      const left = Math.max(0, p.runTimeS - p.elapsedS);
      const locust = p.users == null ? '' : ` · ${p.users} users, ${p.rps?.toFixed(1) ?? '–'} req/s, p95 ${p.p95Ms ?? '–'} ms`;
      return `  load ${p.elapsedS}/${p.runTimeS} s (${left} s left)${locust} · API CPU ${pct(p.apiCpuPercent)} of limit, ${p.apiMemoryMb ?? '–'} MiB · Locust CPU ${pct(p.locustCpuPercent)}`;
    }
    case 'trial-end': {
      const r = e.result;
      const s = r.summary;
      const numbers = s ? ` · ${s.rps.toFixed(1)} req/s, p95 ${s.p95Ms ?? '–'} ms, ${(s.failureRatio * 100).toFixed(1)}% failed, API peak ${s.apiPeakMemoryMb ?? '–'} MiB` : '';
      return `  ${r.status}${r.cause ? ` (${r.cause})` : ''}${numbers} · ${secs(r.timing.totalMs)}`;
    }
    case 'report':
      return `report: ${e.htmlPath}`;
  }
}

const gib = (b: number) => (b / 1024 ** 3).toFixed(1);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x)}%`);
