import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { engineErrorText, locustErrorLine, successfulRequests } from '../../scripts/lib/analyze/trial-evidence.ts';

test("Locust's error is the traceback's last line, not its 'Error report' heading", () => {
  const log = [
    'locust_1  | Traceback (most recent call last):',
    'locust_1  |   File "/mnt/locust/locustfile.py", line 3, in <module>',
    'locust_1  | RuntimeError: this locustfile fails at import',
    'locust_1  | Error report',
    'locust_1  |  # occurrences      Error',
  ].join('\n');
  assert.is(locustErrorLine(log, []), 'RuntimeError: this locustfile fails at import');
  assert.is(locustErrorLine('locust_1  | Error report\n', [{ error: "ConnectionRefusedError(111, 'Connection refused')", occurrences: 9 }, { error: 'x', occurrences: 1 }]), "ConnectionRefusedError(111, 'Connection refused')");
  assert.is(locustErrorLine('', []), null);
});

test('successful requests count the spawn phase that --reset-stats drops', () => {
  const history = [
    { name: 'Aggregated', totalRequests: 40, totalFailures: 0 },
    { name: 'Aggregated', totalRequests: 5, totalFailures: 5 },
  ];
  assert.is(successfulRequests({ endpoints: [{ name: 'Aggregated', requests: 5, failures: 5 }], history }), 40);
  assert.is(successfulRequests({ endpoints: null, history: null }), 0);
});

test("the engine's own words are kept, compose's progress lines dropped", () => {
  const out = 'Creating network "x_default"\nCreating x_api_1 ... \nERROR: for api  Cannot start service api: Bind for 127.0.0.1:18000 failed: port is already allocated\nEncountered errors while bringing up the project.';
  assert.is(engineErrorText(out), 'ERROR: for api  Cannot start service api: Bind for 127.0.0.1:18000 failed: port is already allocated\nEncountered errors while bringing up the project.');
  assert.is(engineErrorText(''), 'compose up failed');
  // As docker-compose 1.29 printed it for the seed's `uv run ...` on the demo image, which has no uv.
  const noUv = 'ERROR: for ll5f4e77e5_no-uv_api_1  Cannot start service api: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "uv": executable file not found in $PATH: unknown\nERROR: for api  Cannot start service api: (same)\nEncountered errors while bringing up the project.';
  assert.match(engineErrorText(noUv), /^uv: not found in the image, so its command cannot start; change the command \(compose command:/);
  assert.match(engineErrorText('exec: "/app/run.sh": stat /app/run.sh: no such file or directory: unknown'), /^\/app\/run\.sh: not found in the image/);
});

test.run();
