import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { nginxConfig } from '../../scripts/lib/nginx/nginx-config.ts';

const committed = readFileSync(new URL('../../compose/nginx/nginx.conf', import.meta.url), 'utf8');

test('the committed compose/nginx/nginx.conf is the generator output for 2 replicas', () => {
  assert.fixture(committed, nginxConfig({ replicas: 2 }));
});

test('one upstream name covers every replica; the pool grows with replicas', () => {
  const two = nginxConfig({ replicas: 2 });
  assert.equal(two.match(/^\s+server [^\s{]+/gm)?.map((s) => s.trim()), ['server api:8000']);
  assert.match(two, /keepalive 64;/);
  assert.match(nginxConfig({ replicas: 4 }), /keepalive 128;/);
  assert.match(nginxConfig({ replicas: 4 }), /proxy_next_upstream_tries 4;/);
});

test('explicit servers, ports and worker settings', () => {
  const conf = nginxConfig({ replicas: 2, servers: ['proj_api_1:8000', 'proj_api_2:8000'], listenPort: 8080, workerProcesses: 'auto', workerConnections: 4096, nofileLimit: 9000 });
  assert.equal(conf.match(/^\s+server [^\s{]+/gm)?.map((s) => s.trim()), ['server proj_api_1:8000', 'server proj_api_2:8000']);
  assert.match(conf, /listen 8080 /);
  assert.match(conf, /worker_processes auto;/);
  assert.match(conf, /worker_connections 4096;/);
  assert.match(conf, /worker_rlimit_nofile 9000;/);
  assert.match(nginxConfig({ replicas: 1, upstreamHost: 'inference', upstreamPort: 9000 }), /server inference:9000 /);
});

test('keep-alive to upstreams, access log off, health endpoint, unprivileged paths', () => {
  const conf = nginxConfig({ replicas: 2 });
  assert.match(conf, /proxy_http_version 1\.1;\n\s+proxy_set_header Connection "";/);
  assert.match(conf, /access_log off;/);
  assert.match(conf, /location = \/nginx-health \{[^}]*return 200/);
  assert.match(conf, /pid \/tmp\/nginx\.pid;/);
  assert.match(conf, /proxy_read_timeout 120s;/);
  // nginx cannot raise a hard limit, and some engines give containers only 20000 descriptors.
  assert.not.match(conf, /worker_rlimit_nofile/);
  assert.not.match(conf, /^\s*user /m);
});

test('bad options are refused instead of writing a broken config', () => {
  assert.throws(() => nginxConfig({ replicas: 0 }), /positive integer/);
  assert.throws(() => nginxConfig({ replicas: 1.5 }), /positive integer/);
  assert.throws(() => nginxConfig({ replicas: 1, servers: ['api:8000; include /etc/passwd'] }), /host:port/);
  assert.throws(() => nginxConfig({ replicas: 1, upstreamHost: 'a b' }), /host:port/);
});

test.run();
