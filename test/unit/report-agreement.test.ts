// The report never contradicts itself: every number a summary answer quotes is
// one the stage's own section shows in its tables, facts or findings (not its
// narrative), in both languages, on the committed samples. A number recomputed
// in a view, or taken from another measurement than the section's, shows up
// here as a number the section lacks.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadMessages } from '../../scripts/lib/report/i18n.ts';
import { loadLabResult } from '../../scripts/lib/report/load-result.ts';
import { TEMPLATES_DIR } from '../../scripts/lib/report/templates.ts';
import { buildViewModel } from '../../scripts/lib/report/view-model.ts';
import { noCharts } from './report-helpers.ts';
import { capacityPlan } from '../../scripts/lib/analyze/capacity-plan.ts';
import { DEFAULT_TARGET_USERS } from '../../scripts/lib/plan/lab-config.ts';
import { CAPACITY_ANCHOR } from '../../scripts/lib/report/sections/capacity-section.ts';

const SAMPLES = ['reports/sample', 'reports/sample-repeat'].filter((dir) => existsSync(path.join(dir, 'lab-result.json')));

/** The numbers of a text as printed: `1,248`, `0.75`, `+54.5%`, `-90,3 %` → `1,248`, `0.75`, `54.5`, `90,3`. */
const numbers = (text: string) => [...text.matchAll(/\d+(?:[.,]\d+)*/g)].map((m) => m[0]);

/** Everything a section shows of its measurements: the view without its narrative, commands and charts. */
function tableText(section: object): string {
  const { narrative: _n, question: _q, meta: _m, commands: _c, charts: _ch, ...rest } = section as Record<string, unknown>;
  return JSON.stringify(rest);
}

const KEY_STAGES = { 'stage-memory-floor': 'memoryFloor', 'stage-sweep': 'sweep', 'stage-workers': 'workers', 'stage-max-users': 'maxUsers' } as const;

for (const dir of SAMPLES) {
  for (const lang of ['en', 'es'] as const) {
    test(`${dir} (${lang}): each number of a summary answer is in its stage's section`, async () => {
      const result = await loadLabResult(dir);
      // Samples recorded before the capacity plan get the one analyze-run.mjs would store.
      result.capacity ??= capacityPlan(result, DEFAULT_TARGET_USERS);
      const view = buildViewModel(result, { messages: await loadMessages(TEMPLATES_DIR, lang), charts: noCharts(result) });
      assert.ok(view.summary.key.some((answer) => answer.anchor === CAPACITY_ANCHOR && answer.state === 'ok'), 'the capacity plan is a summary answer');
      for (const answer of view.summary.key) {
        if (answer.state !== 'ok' || answer.anchor === null) continue;
        const key = KEY_STAGES[answer.anchor as keyof typeof KEY_STAGES];
        const section = answer.anchor === CAPACITY_ANCHOR ? view.capacity : key ? view.stages[key] : null;
        if (!section) continue;
        const shown = tableText(section);
        // Details that restate the method (resolution, the operational bound's inputs, the
        // reference host) are not measurements of the table; the answer and its measured lines are.
        const measured = [answer.answer, ...answer.details.filter((d) => !/N\*|±|reference|referencia|tie|empatan/i.test(d))];
        for (const line of measured) {
          for (const n of numbers(line)) {
            assert.ok(shown.includes(n), `${answer.question}: "${n}" (from "${line}") is not in the ${answer.anchor} section`);
          }
        }
      }
    });

    test(`${dir} (${lang}): the max-users curve lists each measurement once, and the answer's hold meets the SLO`, async () => {
      const result = await loadLabResult(dir);
      const stage = result.stages.maxUsers;
      if (!stage) return;
      const seen = new Set<string>();
      for (const point of stage.curve) {
        const id = `${point.users}/${point.source}/${point.trialId}`;
        assert.not.ok(seen.has(id), `listed twice: ${id}`);
        seen.add(id);
      }
      if (stage.lastPassingUsers !== null && stage.confirmed) {
        const hold = stage.curve.find((p) => p.source === 'hold' && p.users === stage.lastPassingUsers);
        assert.ok(hold?.point?.pass, `the answer ${stage.lastPassingUsers} has no passing hold`);
        assert.is(stage.rpsAtAnswer, hold!.point!.rps, 'the throughput at the answer is the hold at the answer');
      }
      if (stage.firstFailingUsers !== null) {
        // The decisive measurement at the first failing crowd did not pass: its hold when it was
        // held (a hold overrides the shorter probes there), else every steady probe there.
        const at = stage.curve.filter((p) => p.users === stage.firstFailingUsers);
        const holds = at.filter((p) => p.source === 'hold');
        const decisive = holds.length ? holds : at.filter((p) => p.source === 'bisect');
        assert.ok(at.length > 0, `nothing was measured at the first failing crowd ${stage.firstFailingUsers}`);
        assert.ok(decisive.every((p) => !p.point?.pass), `the first failing crowd ${stage.firstFailingUsers} passed where it was decided`);
      }
    });
  }
}

test('a sample to check exists', () => {
  assert.ok(SAMPLES.length > 0, 'no committed sample under reports/');
});

test.run();
