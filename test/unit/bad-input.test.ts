// One table of bad inputs across every door into the lab: Locust CSVs, the
// stats NDJSON, plan files, CLI flags, the guardrails and the report loader.
// Each must be refused with a LabError whose message names the file, field or
// value (and says how to fix it), never with a TypeError or another crash.
// A few go through the real entry scripts to prove no stack trace is printed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LabError } from '../../scripts/lib/errors.ts';
import { InputError } from '../../scripts/lib/collect/input-error.ts';
import { parseStats } from '../../scripts/lib/locust/parse-stats.ts';
import { parseHistory } from '../../scripts/lib/locust/parse-history.ts';
import { parseFailures } from '../../scripts/lib/locust/parse-failures.ts';
import { parseExceptions } from '../../scripts/lib/locust/parse-exceptions.ts';
import { parseStatsSamples } from '../../scripts/lib/collect/parse-stats-samples.ts';
import { resolveLabConfig } from '../../scripts/lib/plan/resolve-lab-config.ts';
import { checkLabConfig } from '../../scripts/lib/plan/check-lab-config.ts';
import { buildPlan } from '../../scripts/lib/plan/build-plan.ts';
import { checkTrialSpec } from '../../scripts/lib/plan/check-trial-spec.ts';
import { loadLabResult } from '../../scripts/lib/report/load-result.ts';
import type { HostInfo } from '../../scripts/lib/results/types.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (p: string) => readFileSync(path.join(repoRoot, 'test/fixtures/locust', p), 'utf8');
const STATS = fixture('full-history/run_stats.csv');
const HISTORY = fixture('full-history/run_stats_history.csv');
const FAILURES = fixture('full-history/run_failures.csv');
const RESULT = readFileSync(path.join(repoRoot, 'test/fixtures/results/basic/lab-result.json'), 'utf8');
/** This VM as the engine reports it: 2 CPUs, 24 GiB. */
const HOST: HostInfo = { cpus: 2, memoryBytes: 24 * 1024 ** 3, dockerVersion: '28.2', compose: 'docker-compose 1.29.2', locustVersion: null, node: 'v20', os: 'linux', cgroupVersion: 1 };

const tmp = mkdtempSync(path.join(os.tmpdir(), 'locust-lab-bad-input-'));
/** Writes `name` in a fresh temp folder and returns its path. */
function file(name: string, text: string): string {
  const dir = mkdtempSync(path.join(tmp, 'f-'));
  writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
}
const plan = (data: unknown) => file('plan.json', typeof data === 'string' ? data : JSON.stringify(data));
const runDir = (text: string) => path.dirname(file('lab-result.json', text));

/** Replaces one field of one CSV line (1-based) of `text`. */
function withField(text: string, line: number, column: string, value: string): string {
  const lines = text.split('\r\n');
  const header = lines[0]!.split(',');
  const fields = lines[line - 1]!.split(',');
  fields[header.indexOf(column)] = value;
  lines[line - 1] = fields.join(',');
  return lines.join('\r\n');
}

const SAMPLE = { t: 1, container: 'api', cpuPercentOfCore: 5, cpuPercentOfLimit: 5, memoryBytes: 1, memoryLimitBytes: 2 };
const ndjson = (...lines: string[]) => lines.join('\n');

interface Case {
  name: string;
  run: () => unknown;
  /** What the message must say: the file, line, field or value, and the expected form. */
  message: RegExp;
  /** What the hint must say; every case must have one. */
  hint?: RegExp;
  /** A more specific LabError subclass expected. */
  type?: new (...args: never[]) => LabError;
}

const CASES: Case[] = [
  // Locust CSV files
  { name: 'stats CSV: empty file', type: InputError, run: () => parseStats('', 'run_stats.csv'), message: /^run_stats\.csv: expected a CSV header line, got an empty file$/ },
  {
    name: 'stats CSV: truncated (writer killed mid-row)', type: InputError,
    run: () => parseStats(STATS.slice(0, STATS.lastIndexOf('\r\n', STATS.length - 3) + 40), 'run_stats.csv'),
    message: /^run_stats\.csv line 8: expected 22 fields like the header, got \d+ \(truncated or ragged row\)$/,
  },
  {
    name: 'stats CSV: binary content', type: InputError,
    run: () => parseStats(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]).toString('utf8'), 'run_stats.csv'),
    message: /^run_stats\.csv line 1: expected UTF-8 text, got (a NUL byte \(binary data\)|bytes that are not valid UTF-8)$/,
  },
  {
    name: 'stats CSV: missing header (file starts with a data row)', type: InputError,
    run: () => parseStats(STATS.split('\r\n').slice(1).join('\r\n'), 'run_stats.csv'),
    message: /^run_stats\.csv line 1: expected columns "Type", "Name", "Request Count", .*"Failures\/s", got a header without them$/,
  },
  {
    name: 'stats CSV: duplicated column', type: InputError,
    run: () => parseStats(STATS.replace('Failure Count', 'Request Count'), 'run_stats.csv'),
    message: /^run_stats\.csv line 1, column "Request Count": expected each column name once, got it 2 times$/,
  },
  {
    name: 'stats CSV: non-numeric count', type: InputError,
    run: () => parseStats(withField(STATS, 3, 'Request Count', 'lots'), 'run_stats.csv'),
    message: /^run_stats\.csv line 3, column "Request Count": expected a number, got "lots"$/,
  },
  {
    name: 'stats CSV: unterminated quoted field', type: InputError,
    run: () => parseStats(`${STATS.trimEnd()}\r\nPOST,"/predict`, 'run_stats.csv'),
    message: /^run_stats\.csv line \d+: expected a closing quote, got the end of the file/,
  },
  {
    name: 'history CSV: non-numeric timestamp', type: InputError,
    run: () => parseHistory(withField(HISTORY, 2, 'Timestamp', 'yesterday'), 'run_stats_history.csv'),
    message: /^run_stats_history\.csv line 2, column "Timestamp": expected a number, got "yesterday"$/,
  },
  {
    name: 'history CSV: negative user count', type: InputError,
    run: () => parseHistory(withField(HISTORY, 2, 'User Count', '-3'), 'run_stats_history.csv'),
    message: /^run_stats_history\.csv line 2, column "User Count": expected a number >= 0, got "-3"$/,
  },
  {
    name: 'failures CSV: one time column without the other', type: InputError,
    run: () => parseFailures('Method,Name,Error,Occurrences,First Seen\r\nPOST,/predict,boom,1,2026-01-31T12:00:00Z\r\n', 'run_failures.csv'),
    message: /^run_failures\.csv line 1: expected column "Last Seen", got a header without them$/,
  },
  {
    name: 'failures CSV: fractional occurrences', type: InputError,
    run: () => parseFailures(withField(FAILURES.trim() ? FAILURES : 'Method,Name,Error,Occurrences\r\nPOST,/predict,boom,1\r\n', 2, 'Occurrences', '1.5'), 'run_failures.csv'),
    message: /^run_failures\.csv line 2, column "Occurrences": expected a whole number, got "1\.5"$/,
  },
  {
    name: 'exceptions CSV: header only of another tool', type: InputError,
    run: () => parseExceptions('a,b,c\r\n1,2,3\r\n', 'run_exceptions.csv'),
    message: /^run_exceptions\.csv line 1: expected columns "Count", "Message", "Traceback", "Nodes"/,
  },
  // Container stats NDJSON
  {
    name: 'stats NDJSON: torn middle line', type: InputError,
    run: () => parseStatsSamples(ndjson(JSON.stringify(SAMPLE), '{"t": 2, "contai', JSON.stringify(SAMPLE), ''), 'stats.ndjson'),
    message: /^stats\.ndjson line 2: expected one JSON object, got "\{\\"t\\": 2, \\"contai"$/,
  },
  {
    name: 'stats NDJSON: field of the wrong type', type: InputError,
    run: () => parseStatsSamples(ndjson(JSON.stringify({ ...SAMPLE, memoryBytes: '12MB' }), ''), 'stats.ndjson'),
    message: /^stats\.ndjson line 1, field "memoryBytes": expected a number >= 0, got "12MB"$/,
  },
  // Plan files (--plan)
  {
    name: 'plan: unknown key (typo)',
    run: () => resolveLabConfig({ profile: 'smoke', plan: plan({ sweeep: { users: 5 } }) }),
    message: /plan\.json: unknown key "sweeep"/, hint: /Known keys here: .*sweep/,
  },
  {
    name: 'plan: nested unknown key',
    run: () => resolveLabConfig({ profile: 'smoke', plan: plan({ sweep: { user: 5 } }) }),
    message: /plan\.json: unknown key "sweep\.user"/, hint: /users/,
  },
  {
    name: 'plan: wrong type (text for a number)',
    run: () => resolveLabConfig({ profile: 'smoke', plan: plan({ sweep: { users: 'many' } }) }),
    message: /plan\.json: sweep\.users must be a number, got string "many"/, hint: /sweep\.users.*20/,
  },
  {
    name: 'plan: tie-break runs out of range',
    run: () => resolveLabConfig({ profile: 'smoke', plan: plan({ workers: { tieBreakRuns: 9 } }) }),
    message: /plan\.json: workers\.tieBreakRuns: 9 is not a whole number of runs from 1 to 5/, hint: /Write 1 to measure no tie again/,
  },
  {
    name: 'lab: --engine swarm with an existing network',
    run: () => resolveLabConfig({ profile: 'smoke', engine: 'swarm', network: 'proyecto-2_default' }),
    message: /--engine swarm cannot join the existing network proyecto-2_default: a stack has its own overlay network/, hint: /--engine compose to join an existing network/,
  },
  {
    name: 'lab: --engine that is not one',
    run: () => resolveLabConfig({ profile: 'smoke', engine: 'k8s' }),
    message: /--engine k8s is not an engine/, hint: /--engine compose \(the default\) or --engine swarm/,
  },
  {
    name: 'plan: wrong type (number for a list)',
    run: () => resolveLabConfig({ profile: 'smoke', plan: plan({ sweep: { cpus: 1 } }) }),
    message: /plan\.json: sweep\.cpus must be a list, got number 1/, hint: /\[0\.25,1\]/,
  },
  {
    name: 'plan: a target crowd that is not whole',
    run: () => resolveLabConfig({ profile: 'smoke', plan: plan({ targetUsers: 1500.5 }) }),
    message: /targetUsers 1500\.5 is not a whole number/, hint: /--target-users/,
  },
  {
    name: 'flag: --target-users not a number',
    run: () => resolveLabConfig({ profile: 'smoke', 'target-users': 'lots' }),
    message: /--target-users: "lots" is not a whole number/, hint: /integer/,
  },
  {
    name: 'plan: negative limit',
    run: () => resolveLabConfig({ profile: 'smoke', plan: plan({ deploy: { cpus: -1 } }) }),
    message: /plan\.json: deploy\.cpus must be greater than zero, got -1/, hint: /positive/,
  },
  {
    name: 'plan: zero memory limit in a list',
    run: () => resolveLabConfig({ profile: 'smoke', plan: plan({ sweep: { memoryMb: [256, 0] } }) }),
    message: /plan\.json: sweep\.memoryMb\[1\].*(greater than zero|0)/, hint: /positive/,
  },
  {
    name: 'plan: empty list of limits',
    run: () => resolveLabConfig({ profile: 'smoke', plan: plan({ sweep: { cpus: [] } }) }),
    message: /plan\.json: sweep\.cpus must list at least one value/, hint: /\[0\.25,1\]/,
  },
  {
    name: 'plan: memory "lots"',
    run: () => resolveLabConfig({ profile: 'smoke', plan: plan({ deploy: { memoryMb: 'lots' } }) }),
    message: /plan\.json: deploy\.memoryMb: "lots" is not a memory size/, hint: /1300M/,
  },
  {
    name: 'plan: invalid JSON',
    run: () => resolveLabConfig({ profile: 'smoke', plan: plan('{"sweep": {"users": 5,}}') }),
    message: /plan\.json is not valid JSON/, hint: /JSON objects/,
  },
  {
    name: 'plan: a list instead of an object',
    run: () => resolveLabConfig({ profile: 'smoke', plan: plan([1, 2]) }),
    message: /plan\.json: \(top level\) must be an object, got a list/, hint: /\{/,
  },
  {
    name: 'plan: file does not exist',
    run: () => resolveLabConfig({ profile: 'smoke', plan: path.join(tmp, 'no-such-plan.json') }),
    message: /Cannot read plan file .*no-such-plan\.json: ENOENT/, hint: /--plan/,
  },
  {
    name: 'plan: unknown stage in "stages"',
    run: () => resolveLabConfig({ profile: 'smoke', plan: plan({ stages: ['deploy', 'sweeep'] }) }),
    message: /plan\.json: stages\[1\]: "sweeep" is not one of the known names/, hint: /publish, deploy, memory-floor, sweep/,
  },
  {
    name: 'plan: unknown setup template',
    run: () => resolveLabConfig({ profile: 'smoke', plan: plan({ target: { image: 'my/api:1', setups: [{ template: 'waitress' }] } }) }),
    message: /target\.setups\[0\]\.template: "waitress" is not a built-in template/, hint: /uvicorn, gunicorn, uv-uvicorn/,
  },
  {
    name: 'plan: target port out of range',
    run: () => resolveLabConfig({ profile: 'smoke', plan: plan({ target: { image: 'my/api:1', port: 70000, locust: { file: 'locustfile.py' } } }) }),
    message: /target\.port: 70000 is not a TCP port/, hint: /1 to 65535/,
  },
  // Full-lab flags
  { name: 'lab flag: unknown stage in --only', run: () => resolveLabConfig({ only: 'deploy,sweeep' }), message: /--only: "sweeep" is not a stage/, hint: /Stages: publish/ },
  { name: 'lab flag: unknown flag', run: () => resolveLabConfig({ profil: 'smoke' }), message: /Unknown flag --profil\b/, hint: /--profile/ },
  { name: 'lab flag: profile "huge"', run: () => resolveLabConfig({ profile: 'huge' }), message: /--profile huge is not a profile/, hint: /smoke, quick, workshop/ },
  { name: 'lab flag: --slo-failures 100%', run: () => resolveLabConfig({ 'slo-failures': '100%' }), message: /--slo-failures: 100% allows every request to fail/, hint: /1%/ },
  { name: 'lab flag: --model-mb 1.5', run: () => resolveLabConfig({ 'model-mb': '1.5' }), message: /--model-mb: "1\.5" is not a whole number/, hint: /integer/ },
  // Trial flags (run-trial.mjs)
  { name: 'trial flag: unknown flag', run: () => buildPlan({ memroy: '1G' }, repoRoot), message: /Unknown flag --memroy/, hint: /--memory/ },
  { name: 'trial flag: users "ten"', run: () => buildPlan({ users: 'ten' }, repoRoot), message: /--users: "ten" is not a whole number/, hint: /integer, e\.g\. 10/ },
  { name: 'trial flag: spawn-rate 0', run: () => buildPlan({ 'spawn-rate': 0 }, repoRoot), message: /--spawn-rate: 0 must be greater than zero/, hint: /positive/ },
  { name: 'trial flag: engine "k8s"', run: () => buildPlan({ engine: 'k8s' }, repoRoot), message: /--engine k8s is not an engine/, hint: /--engine compose .* or --engine swarm/ },
  { name: 'trial flag: --network with --engine swarm', run: () => buildPlan({ engine: 'swarm', network: 'proyecto-2_default' }, repoRoot), message: /--network is not supported with --engine swarm/, hint: /--engine compose/ },
  { name: 'trial flag: replicas 0', run: () => buildPlan({ replicas: 0 }, repoRoot), message: /--replicas/, hint: /./ },
  { name: 'trial flag: run-time "soon"', run: () => buildPlan({ 'run-time': 'soon' }, repoRoot), message: /--run-time: "soon" is not a duration/, hint: /2m30s/ },
  { name: 'trial flag: profile "huge"', run: () => buildPlan({ profile: 'huge' }, repoRoot), message: /--profile huge is not a profile/, hint: /smoke, quick, workshop/ },
  { name: 'trial flag: memory "lots"', run: () => buildPlan({ memory: 'lots' }, repoRoot), message: /--memory: "lots" is not a memory size/, hint: /1\.5G/ },
  { name: 'trial flag: cpus "-1"', run: () => buildPlan({ cpus: '-1' }, repoRoot), message: /--cpus: -1 must be greater than zero/, hint: /positive/ },
  // Guardrails against this host (a fake HostInfo of 2 CPUs and 24 GiB)
  {
    name: 'guardrail: --memory 500G on a trial',
    run: () => checkTrialSpec(buildPlan({ memory: '500G' }, repoRoot).trials[0]!, HOST),
    message: /memory limit 512000 MiB \(500\.0 GiB\) does not fit this host \(24576 MiB \(24\.0 GiB\)/, hint: /at most 22528 MiB \(22\.0 GiB\).*did you mean M instead of G/,
  },
  {
    name: 'guardrail: plan sweep.memoryMb ["500G"] via checkLabConfig',
    run: async () => checkLabConfig(await resolveLabConfig({ profile: 'smoke', only: 'sweep', plan: plan({ sweep: { memoryMb: ['500G'] } }) }), HOST, repoRoot),
    message: /trial "sweep": memory limit 512000 MiB \(500\.0 GiB\) does not fit this host/, hint: /did you mean M instead of G/,
  },
  {
    name: 'guardrail: plan cpus above the host',
    run: async () => checkLabConfig(await resolveLabConfig({ profile: 'smoke', only: 'deploy', plan: plan({ deploy: { cpus: 4 } }) }), HOST, repoRoot),
    message: /trial "deploy": CPU limit 4 is more than this host can give \(2 CPUs/, hint: /at most 1\.5/,
  },
  {
    name: 'guardrail: a crowd that never finishes spawning',
    run: async () => checkLabConfig(await resolveLabConfig({ profile: 'smoke', only: 'sweep', plan: plan({ sweep: { users: 10000 } }) }), HOST, repoRoot),
    message: /spawning 10000 users at 20\/s takes 500 s, longer than the 15 s run/, hint: /spawn rate or the run time/,
  },
  // Report loader
  {
    name: 'report: schemaVersion 99',
    run: () => loadLabResult(runDir(JSON.stringify({ ...JSON.parse(RESULT), schemaVersion: 99 }))),
    message: /lab-result\.json: schemaVersion 99 is not supported; this renderer reads schemaVersion 4/, hint: /Locust Lab version that wrote it/,
  },
  { name: 'report: not JSON', run: () => loadLabResult(runDir('{"schemaVersion": 1, "runId": ')), message: /lab-result\.json: not valid JSON/, hint: /cut short/ },
  { name: 'report: missing file', run: () => loadLabResult(path.dirname(file('other.txt', ''))), message: /lab-result\.json: cannot read \(ENOENT\)/, hint: /run folder/ },
];

test(`the table has at least 25 bad inputs (it has ${CASES.length})`, () => {
  assert.ok(CASES.length >= 25);
  assert.is(new Set(CASES.map((c) => c.name)).size, CASES.length, 'case names are unique');
});

for (const c of CASES) {
  test(`refused: ${c.name}`, async () => {
    let thrown: unknown = null;
    try {
      await c.run();
    } catch (err) {
      thrown = err;
    }
    assert.ok(thrown !== null, 'expected a refusal, got none');
    // A TypeError, RangeError or a parser's own error would be a crash with a stack trace for the user.
    if (!(thrown instanceof LabError)) throw new assert.Assertion({ message: `expected a LabError, got ${(thrown as Error)?.name}: ${(thrown as Error)?.message}`, operator: 'instance', expects: 'LabError', actual: thrown });
    if (c.type) assert.instance(thrown, c.type);
    assert.match(thrown.message, c.message);
    assert.ok(thrown.hint && thrown.hint.length > 10, `no hint for: ${thrown.message}`);
    if (c.hint) assert.match(thrown.hint, c.hint);
  });
}

// Through the real entry scripts: these fail before the engine is touched.
const ENTRY_CASES: [script: string, args: string[], message: RegExp][] = [
  ['run-trial.mjs', ['--users', 'ten'], /--users: "ten" is not a whole number/],
  ['run-trial.mjs', ['--memroy', '1G'], /Unknown flag --memroy/],
  ['full-lab.mjs', ['--profile', 'huge'], /--profile huge is not a profile/],
  ['full-lab.mjs', ['--only', 'sweeep'], /--only: "sweeep" is not a stage/],
];

for (const [script, args, message] of ENTRY_CASES) {
  test(`entry script: ${script} ${args.join(' ')} prints error and fix, no stack, exit 1`, () => {
    const r = spawnSync(process.execPath, [path.join('scripts', script), ...args, '--reports-dir', tmp], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
    assert.is(r.status, 1, r.stderr);
    assert.match(r.stderr, /^error: /m);
    assert.match(r.stderr, message);
    assert.match(r.stderr, /^ {2}how to fix: /m);
    assert.not.match(r.stderr, /^\s+at /m, 'a stack trace was printed');
  });
}

test.run();
