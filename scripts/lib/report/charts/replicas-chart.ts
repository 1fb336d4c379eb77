import type { TopLevelSpec } from 'vega-lite';
import type { ReplicasStage } from '../../results/types.ts';
import type { Formatters } from '../format.ts';
import type { Translate } from '../i18n.ts';
import { COLORS, PAGE_WIDTH, chartFrame } from './chart-style.ts';
import { clipValue, spreadOf } from './outlier-axis.ts';

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
  // A p95 far above the others is cut at a stated value: its label keeps the real number, with a ▲.
  const clip = clipValue(spreadOf(values.map((row) => row.p95)));
  if (clip !== null) for (const row of values) if (row.p95 !== null && row.p95 > clip) row.p95Text = `▲ ${row.p95Text}`;
  const bar = (field: 'rps' | 'p95', text: string, title: string | { text: string; subtitle: string[] }, color: string, cut: number | null) => ({
    // Side by side within PAGE_WIDTH; a label too long for its bar breaks at " · " ("1 replica" over "0.75 CPU").
    title, width: Math.min((PAGE_WIDTH - 130) / 2, Math.max(180, 100 * values.length)), height: 110, data: { values },
    layer: [
      {
        mark: { type: 'bar', color },
        encoding: {
          x: { field: 'setup', type: 'nominal', title: null, sort: null, axis: { labelAngle: 0, labelLimit: 200, labelExpr: "split(datum.label, ' · ')" } },
          y: { field, type: 'quantitative', title: null, ...(cut === null ? {} : { scale: { domain: [0, cut], clamp: true, nice: false } }) },
        },
      },
      { mark: { type: 'text', dy: -6, fontSize: 11 }, encoding: { x: { field: 'setup', type: 'nominal', sort: null }, y: { field, type: 'quantitative' }, text: { field: text } } },
    ],
  });
  const p95Title = clip === null ? t('chart.p95Ms') : { text: t('chart.p95Ms'), subtitle: [t('chart.clippedAxisCut', { clip: f.ms(clip) ?? String(clip) }), t('chart.clippedBarsLabelled')] };
  // The same title height on both panels keeps their plots level.
  const rpsTitle = clip === null ? t('chart.rps') : { text: t('chart.rps'), subtitle: [' ', ' '] };
  return {
    ...chartFrame(t('chart.replicasDescription')),
    spacing: 30,
    hconcat: [bar('rps', 'rpsText', rpsTitle, COLORS.rps, null), bar('p95', 'p95Text', p95Title, COLORS.p95, clip)],
  } as TopLevelSpec;
}
