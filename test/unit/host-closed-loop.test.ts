// A real HTTP server on loopback stands in for the API: the loop's timing,
// keep-alive and early stop are exercised for real, without Docker.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { closedLoop } from '../../scripts/lib/host/closed-loop.ts';

let server: http.Server;
let base = '';
const sockets = new Set<unknown>();
let failAfter = Infinity;
let answered = 0;

test.before(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      answered += 1;
      const status = answered > failAfter ? 503 : 200;
      // ~5 ms of "service time" so latencies are measurable.
      setTimeout(() => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ echo: body.length })), 5);
    });
  });
  server.on('connection', (s) => sockets.add(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.after(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

test('runs for its duration, one request at a time, over kept-alive connections', async () => {
  sockets.clear();
  failAfter = Infinity;
  answered = 0;
  const r = await closedLoop(`${base}/predict`, '{"x":1}', 0.5, 2_000);
  assert.is(r.error, null);
  assert.ok(r.elapsedS >= 0.5 && r.elapsedS < 0.8, `elapsed ${r.elapsedS}`);
  assert.ok(r.latenciesMs.length > 10, `${r.latenciesMs.length} requests`);
  assert.is(r.latenciesMs.length, answered);
  assert.ok(r.latenciesMs.every((ms) => ms >= 4), 'a latency shorter than the server\'s 5 ms');
  // Kept alive: undici may open a second connection (the next request is sent
  // before the first socket counts as free) and then alternates between them,
  // but no request pays a handshake of its own.
  assert.ok(sockets.size <= 2, `${sockets.size} connections for ${answered} requests`);
});

test('stops at maxRequests', async () => {
  failAfter = Infinity;
  answered = 0;
  const r = await closedLoop(`${base}/predict`, '{}', 30, 2_000, undefined, 7);
  assert.is(r.latenciesMs.length, 7);
  assert.is(r.error, null);
});

test('stops at the first failing answer and says why', async () => {
  answered = 0;
  failAfter = 3;
  const r = await closedLoop(`${base}/predict`, '{}', 5, 2_000);
  assert.is(r.latenciesMs.length, 3);
  assert.is(r.error, 'HTTP 503');
});

test('a refused connection and an abort end the loop with an error, never a throw', async () => {
  const refused = await closedLoop('http://127.0.0.1:9/predict', '{}', 5, 1_000);
  assert.is(refused.latenciesMs.length, 0);
  assert.ok(refused.error);
  failAfter = Infinity;
  const aborted = await closedLoop(`${base}/predict`, '{}', 5, 2_000, AbortSignal.timeout(200));
  assert.ok(aborted.error);
  assert.ok(aborted.elapsedS < 1, `ran ${aborted.elapsedS} s after the abort`);
});

test.run();
