import type { TopLevelSpec } from 'vega-lite';
import type { ReplicasStage } from '../../results/types.ts';
import type { Formatters } from '../format.ts';
import type { Translate } from '../i18n.ts';
import { COLORS, chartFrame } from './chart-style.ts';

/**
 * One replica against N behind nginx, under the same load: requests/s and
 * p95 side by side, each bar labelled with its value. Returns `null` when the
 * comparison did not run (the conflict alone has no numbers to draw).
 */
export function replicasChart(stage: ReplicasStage, t: Translate, f: Formatters): TopLevelSpec | null {
  const { single, balanced } = stage;
  if (single === null && balanced === null && !stage.runs?.length) return null;
  // Schema 2 records every run (one replica with one replica's CPU, one with the pair's total, the pair);
  // migrated results have the single and the balanced run only.
  const rows = stage.runs
    ? stage.runs.map((run) => ({
      setup: run.replicas > 1 ? t('chart.replicasBehindNginx', { replicas: run.replicas }) : t('chart.oneReplicaCpus', { cpus: f.decimal2(run.cpus) ?? '—' }),
      rps: run.rps, p95: run.p95Ms,
    }))
    : [
      ...(single === null ? [] : [{ setup: t('chart.oneReplica'), rps: single.rps, p95: single.p95Ms }]),
      ...(balanced === null ? [] : [{ setup: t('chart.replicasBehindNginx', { replicas: balanced.replicas }), rps: balanced.rps, p95: balanced.p95Ms }]),
    ];
  const values = rows.map((row) => ({ ...row, rpsText: f.rps(row.rps) ?? '—', p95Text: f.ms(row.p95) ?? '—' }));
  const bar = (field: 'rps' | 'p95', text: string, title: string, color: string) => ({
    // Wide enough that every bar's label fits under it (three runs in schema 2).
    title, width: Math.max(220, 150 * values.length), height: 140, data: { values },
    layer: [
      { mark: { type: 'bar', color }, encoding: { x: { field: 'setup', type: 'nominal', title: null, sort: null, axis: { labelAngle: 0, labelLimit: 160 } }, y: { field, type: 'quantitative', title: null } } },
      { mark: { type: 'text', dy: -6, fontSize: 11 }, encoding: { x: { field: 'setup', type: 'nominal', sort: null }, y: { field, type: 'quantitative' }, text: { field: text } } },
    ],
  });
  return {
    ...chartFrame(t('chart.replicasDescription')),
    spacing: 30,
    hconcat: [bar('rps', 'rpsText', t('chart.rps'), COLORS.rps), bar('p95', 'p95Text', t('chart.p95Ms'), COLORS.p95)],
  } as TopLevelSpec;
}
