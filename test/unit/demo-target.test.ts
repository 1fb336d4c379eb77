import { test } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEMO_TARGET, builtinSetup, setupTemplate } from '../../scripts/lib/target/demo-target.ts';
import { resolveTargetPaths } from '../../scripts/lib/target/resolve-paths.ts';
import { fillCommand } from '../../scripts/lib/target/fill-command.ts';
import { checkTarget } from '../../scripts/lib/target/check-target.ts';
import { serverCommand } from '../../scripts/lib/plan/make-trial.ts';
import { API_IMAGE } from '../../scripts/lib/docker/lab-images.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('the demo is a valid target whose files exist in the repo', () => {
  checkTarget(DEMO_TARGET);
  const t = resolveTargetPaths(DEMO_TARGET, repoRoot);
  for (const file of [t.image.build!.context, t.warmup!.bodyFile!, t.locust.file!]) assert.ok(existsSync(file), file);
  assert.ok(path.isAbsolute(t.locust.file!));
  assert.is(DEMO_TARGET.locust.file, 'locust/locustfile.py', 'the data value itself stays relative');
});

test('the demo target says what the code says today: port, health route, command, warm-up', () => {
  assert.is(DEMO_TARGET.port, 8000);
  assert.equal(DEMO_TARGET.health, { kind: 'http', path: '/health', status: 200, timeoutS: null });
  assert.equal(DEMO_TARGET.command, serverCommand({ kind: 'uvicorn', workers: 1 }));
  assert.is(DEMO_TARGET.image.ref, API_IMAGE.baseline);
  assert.equal(DEMO_TARGET.warmup, { method: 'POST', path: '/predict', bodyFile: 'app/sample-payload.json', timeoutS: 60 });
});

test("the demo's setups are today's comparison: both images under uvicorn ×1, ×2 and gunicorn ×2", () => {
  const trials = DEMO_TARGET.setups.flatMap((s) => s.workers.map((w) => ({ image: s.image, argv: fillCommand(s.command, { workers: w, port: DEMO_TARGET.port }) })));
  assert.is(trials.length, 6);
  for (const image of [API_IMAGE.baseline, API_IMAGE.optimized]) {
    const argvs = trials.filter((t) => t.image === image).map((t) => t.argv);
    // Today's gunicorn command line, exactly.
    assert.ok(argvs.some((a) => JSON.stringify(a) === JSON.stringify(serverCommand({ kind: 'gunicorn', workers: 2 }))));
    // Today's uvicorn ×2 plus an explicit --workers; ×1 with --workers 1 is one process, as uvicorn runs no supervisor for 1.
    assert.ok(argvs.some((a) => JSON.stringify(a) === JSON.stringify([...serverCommand({ kind: 'uvicorn', workers: 1 }), '--workers', '1'])));
    assert.ok(argvs.some((a) => JSON.stringify(a) === JSON.stringify(serverCommand({ kind: 'uvicorn', workers: 2 }))));
  }
});

test('built-in templates: uvicorn --workers N, gunicorn with UvicornWorker, uv run uvicorn', () => {
  const fill = (t: 'uvicorn' | 'gunicorn' | 'uv-uvicorn') => fillCommand(setupTemplate(t, 'main:app'), { workers: 3, port: 8000 }).join(' ');
  assert.is(fill('uvicorn'), 'python3 -m uvicorn main:app --host 0.0.0.0 --port 8000 --workers 3');
  assert.is(fill('gunicorn'), 'gunicorn -k uvicorn.workers.UvicornWorker -w 3 -b 0.0.0.0:8000 main:app');
  assert.is(fill('uv-uvicorn'), 'uv run uvicorn main:app --host 0.0.0.0 --port 8000 --workers 3', "the seed's command with --workers, as in the workshop's step 4");
  assert.equal(builtinSetup('gunicorn', { app: 'svc.api:app', workers: [2, 4] }), { name: 'gunicorn', image: null, command: setupTemplate('gunicorn', 'svc.api:app'), workers: [2, 4] });
});

test.run();
