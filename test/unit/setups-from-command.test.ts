import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { portFromCommand, setupsFromCommand } from '../../scripts/lib/target/setups-from-command.ts';

test("uvicorn commands keep their launcher and options; the worker count and port become placeholders", () => {
  const [uv] = setupsFromCommand(['uv', 'run', 'uvicorn', 'main:app', '--host', '0.0.0.0', '--port', '8000']);
  assert.equal(uv, { name: 'uv-uvicorn', image: null, command: ['uv', 'run', 'uvicorn', 'main:app', '--host', '0.0.0.0', '--port', '{port}', '--workers', '{workers}'], workers: [1, 2] });
  const [py] = setupsFromCommand(['python3', '-m', 'uvicorn', 'app:api', '--port=8000', '--workers', '4', '--proxy-headers'], [1, 2, 4]);
  assert.equal(py!.command, ['python3', '-m', 'uvicorn', 'app:api', '--proxy-headers', '--port', '{port}', '--workers', '{workers}']);
  assert.is(py!.name, 'uvicorn');
  assert.equal(py!.workers, [1, 2, 4]);
  assert.is(setupsFromCommand(['/usr/local/bin/uvicorn', 'main:app'])[0]!.name, 'uvicorn');
});

test('gunicorn keeps its worker class and the app last', () => {
  const [g] = setupsFromCommand(['gunicorn', '-k', 'uvicorn.workers.UvicornWorker', '--workers=3', '-b', '127.0.0.1:8000', 'main:app']);
  assert.equal(g!.command, ['gunicorn', '-k', 'uvicorn.workers.UvicornWorker', '-w', '{workers}', '-b', '127.0.0.1:{port}', 'main:app']);
});

test('any other command, or none, gives nothing to compare', () => {
  assert.equal(setupsFromCommand(['node', 'server.js']), []);
  assert.equal(setupsFromCommand(null), []);
});

test('the port a command binds', () => {
  assert.is(portFromCommand(['uvicorn', 'm:a', '--port', '8000']), 8000);
  assert.is(portFromCommand(['uvicorn', 'm:a', '--port=9000']), 9000);
  assert.is(portFromCommand(['gunicorn', '-b', '0.0.0.0:7000', 'm:a']), 7000);
  assert.is(portFromCommand(['gunicorn', '--bind=[::]:7001', 'm:a']), 7001);
  assert.is(portFromCommand(['flask', 'run', '-p', '5000']), 5000);
  assert.is(portFromCommand(['node', 'server.js']), null);
  assert.is(portFromCommand(['uvicorn', '--port', '$PORT']), null, 'an unexpanded variable is not a port');
});

test.run();
