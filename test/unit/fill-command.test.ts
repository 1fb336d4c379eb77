import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fillCommand, placeholdersOf, scalesWithWorkers } from '../../scripts/lib/target/fill-command.ts';

test('placeholders are replaced inside any argument', () => {
  assert.equal(fillCommand(['gunicorn', '-w', '{workers}', '-b', '0.0.0.0:{port}', 'main:app'], { workers: 2, port: 9090 }),
    ['gunicorn', '-w', '2', '-b', '0.0.0.0:9090', 'main:app']);
});

test('placeholders are listed once each; a template without {workers} does not scale', () => {
  assert.equal(placeholdersOf(['--port', '{port}', '--bind', ':{port}', '{workers}', '{x}']), ['port', 'workers', 'x']);
  assert.ok(scalesWithWorkers({ command: ['uvicorn', '--workers', '{workers}'] }));
  assert.not.ok(scalesWithWorkers({ command: ['node', 'server.js', '--port', '{port}'] }));
});

test('an unknown placeholder is refused, naming the known ones', () => {
  assert.throws(() => fillCommand(['run', '{threads}'], { workers: 1, port: 1 }), /uses \{threads\}, which the lab does not fill/);
});

test.run();
