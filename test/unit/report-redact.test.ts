import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { REDACTED } from '../../scripts/lib/results/redact.ts';
import { redactCommand, redactConfigText, redactValue } from '../../scripts/lib/report/redact-text.ts';

const R = REDACTED;

test('compose environment maps and lists lose secret values, keep the rest', () => {
  const text = [
    'services:', '  api:', '    environment:', '      MODEL_MB: "64"', '      API_KEY: "abc"', "      DB_PASSWORD: 'x y'", '      GH_TOKEN: plain',
    '      - AWS_SECRET_ACCESS_KEY=xyz', '      - "REGISTRY_AUTH=abc"', '    labels:', '      io.locust-lab.managed: "true"',
  ].join('\n');
  assert.is(redactConfigText(text), [
    'services:', '  api:', '    environment:', '      MODEL_MB: "64"', `      API_KEY: "${R}"`, `      DB_PASSWORD: '${R}'`, `      GH_TOKEN: ${R}`,
    `      - AWS_SECRET_ACCESS_KEY=${R}`, `      - "REGISTRY_AUTH=${R}"`, '    labels:', '      io.locust-lab.managed: "true"',
  ].join('\n'));
});

test('a key that opens a nested block is structure, not a secret', () => {
  const text = '    secrets:\n      - db_password\n    auth:\n      user: bob\n      password: hunter2';
  assert.is(redactConfigText(text), `    secrets:\n      - db_password\n    auth:\n      user: bob\n      password: ${R}`);
});

test('a multi-line block value is dropped up to the next key', () => {
  const text = '  PRIVATE_KEY: |\n    -----BEGIN KEY-----\n    abc\n\n  NEXT: ok';
  assert.is(redactConfigText(text), `  PRIVATE_KEY: ${R}\n  NEXT: ok`);
});

test('flag arguments and URL passwords inside a line', () => {
  assert.is(redactConfigText('    command: ["--api-token=abc", "--port=8000"]'), `    command: ["--api-token=${R}", "--port=8000"]`);
  assert.is(redactConfigText('  url: https://bob:pw@registry:5000/v2/'), `  url: https://bob:${R}@registry:5000/v2/`);
});

test('JSON text keeps its quotes and commas', () => {
  const json = JSON.stringify({ env: { API_KEY: 'a', MODEL_MB: '64' }, nested: { token: { a: 1 } } }, null, 2);
  const redacted = redactConfigText(json);
  assert.ok(redacted.includes(`"API_KEY": "${R}",`));
  assert.ok(redacted.includes('"MODEL_MB": "64"'));
  assert.ok(redacted.includes('"token": {'), 'an object member stays an object');
});

test('argv: NAME=value items, --secret=value, and the value after a bare secret flag', () => {
  assert.equal(
    redactCommand(['docker', 'login', '-u', 'me', '--password', 'pw', 'reg']),
    ['docker', 'login', '-u', 'me', '--password', R, 'reg'],
  );
  assert.equal(redactCommand(['run', '-e', 'API_TOKEN=x', '--secret=y', '-p', 'proj']), ['run', '-e', `API_TOKEN=${R}`, `--secret=${R}`, '-p', 'proj']);
  assert.equal(redactCommand(['push', 'https://u:p@h/x']), ['push', `https://u:${R}@h/x`]);
});

test('JSON values: secret members and secrets inside strings', () => {
  assert.equal(redactValue({ a: { PASSWORD: 'x', n: 1, list: ['TOKEN=abc', 'ok'] }, url: 'http://u:p@h' }), {
    a: { PASSWORD: R, n: 1, list: [`TOKEN=${R}`, 'ok'] }, url: `http://u:${R}@h`,
  });
});

test.run();
