import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { expectedProcesses } from '../../scripts/lib/analyze/expected-processes.ts';
import { setupTemplate } from '../../scripts/lib/target/demo-target.ts';
import { fillCommand } from '../../scripts/lib/target/fill-command.ts';
import { splitCommand } from '../../scripts/lib/util/split-command.ts';

const count = (command: string, env: Record<string, string> = {}) => expectedProcesses(splitCommand(command), env);

test('uvicorn: one worker is one process; N > 1 adds the supervisor and multiprocessing\'s resource tracker', () => {
  // As `docker top` listed them on the demo image: supervisor, resource_tracker, 2 spawned workers.
  assert.is(count('python3 -m uvicorn main:app --host 0.0.0.0 --port 8000'), 1);
  assert.is(count('python3 -m uvicorn main:app --workers 1'), 1);
  assert.is(count('python3 -m uvicorn main:app --workers 2'), 4);
  assert.is(count('uvicorn main:app --workers=3'), 5);
  assert.is(count('/usr/bin/python3.11 -u -m uvicorn main:app --workers 2'), 4);
  assert.is(count('fastapi run main.py --workers 2'), 4);
});

test('WEB_CONCURRENCY stands in for a missing --workers, as uvicorn and gunicorn read it', () => {
  assert.is(count('uvicorn main:app', { WEB_CONCURRENCY: '2' }), 4);
  assert.is(count('uvicorn main:app --workers 1', { WEB_CONCURRENCY: '2' }), 1);
  assert.is(count('gunicorn main:app', { WEB_CONCURRENCY: '3' }), 4);
});

test('gunicorn: its arbiter plus the workers, in every spelling of -w', () => {
  assert.is(count('gunicorn -k uvicorn.workers.UvicornWorker -w 2 -b 0.0.0.0:8000 main:app'), 3);
  assert.is(count('gunicorn -w4 main:app'), 5);
  assert.is(count('gunicorn --workers=2 main:app'), 3);
  assert.is(count('gunicorn main:app'), 2);
  assert.is(count('python3 -m gunicorn -w 2 main:app'), 3);
});

test('uv run, tini and dumb-init stay the parent: one more each', () => {
  assert.is(count('uv run uvicorn main:app --host 0.0.0.0 --port 8000'), 2);
  assert.is(count('uv run --no-sync --python 3.12 uvicorn main:app --workers 2'), 5);
  assert.is(count('uv run -m uvicorn main:app --workers 2'), 5);
  assert.is(count('tini -- gunicorn -w 2 main:app'), 4);
  assert.is(count('dumb-init uv run uvicorn main:app'), 3);
});

test('what the rule does not know is not judged: null', () => {
  assert.is(count('sh -c "uvicorn main:app --workers 2"'), null, 'a shell may or may not exec');
  assert.is(count('uvicorn main:app --reload'), null, 'the reloader runs its own processes');
  assert.is(count('gunicorn -c gunicorn.conf.py main:app'), null, 'the config file may set the workers');
  assert.is(count('python3 server.py'), null);
  assert.is(count('node server.js'), null);
  assert.is(expectedProcesses([]), null);
});

test('the built-in setup templates, filled, all have a rule', () => {
  for (const [template, workers, expected] of [['uvicorn', 1, 1], ['uvicorn', 2, 4], ['gunicorn', 2, 3], ['uv-uvicorn', 2, 5]] as const) {
    assert.is(expectedProcesses(fillCommand(setupTemplate(template, 'main:app'), { workers, port: 8000 })), expected, `${template} ×${workers}`);
  }
});

test.run();
