import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isLoopbackHost, resolveTarget, splitImage } from '../../scripts/lib/publish/registry-ref.ts';
import { publishVerified } from '../../scripts/lib/publish/publish-result.ts';

test('local registry keeps the repository path and speaks plain HTTP on loopback', () => {
  assert.equal(resolveTarget('127.0.0.1:5000', 'locust-lab/api:baseline'), {
    registry: '127.0.0.1:5000',
    host: '127.0.0.1:5000',
    apiBase: 'http://127.0.0.1:5000',
    repository: 'locust-lab/api',
    tag: 'baseline',
    ref: '127.0.0.1:5000/locust-lab/api:baseline',
    loopback: true,
    dockerHub: false,
  });
  assert.is(resolveTarget('localhost:5000/', 'locust-lab/api').ref, 'localhost:5000/locust-lab/api:latest');
});

test('Docker Hub: user namespace, flattened name, API on registry-1', () => {
  const t = resolveTarget('docker.io/JDoe', 'locust-lab/api:optimized', 'v1');
  assert.is(t.ref, 'docker.io/jdoe/locust-lab-api:v1');
  assert.is(t.repository, 'jdoe/locust-lab-api');
  assert.is(t.apiBase, 'https://registry-1.docker.io');
  assert.ok(t.dockerHub);
  assert.not.ok(t.loopback);
});

test('other registries over HTTPS; the source image loses its own registry host', () => {
  const t = resolveTarget('ghcr.io/org/lab', 'registry.example.com:5000/team/api:2');
  assert.is(t.ref, 'ghcr.io/org/lab/team/api:2');
  assert.is(t.apiBase, 'https://ghcr.io');
});

test('bad input is refused before any command runs', () => {
  assert.throws(() => resolveTarget('jdoe', 'locust-lab/api:1'), /must start with a host/);
  assert.throws(() => resolveTarget('', 'locust-lab/api:1'), /must start with a host/);
  assert.throws(() => resolveTarget('127.0.0.1:5000', 'locust-lab/api:1', 'bad tag'), /not a valid tag/);
  assert.throws(() => resolveTarget('127.0.0.1:5000', 'Locust Lab/api'), /not a valid repository/);
  assert.throws(() => splitImage('x@sha256:' + 'a'.repeat(64)), /digest reference/);
});

test('loopback hosts', () => {
  for (const h of ['127.0.0.1:5000', 'localhost:5000', '127.1.2.3', '[::1]:5000']) assert.ok(isLoopbackHost(h), h);
  for (const h of ['docker.io', '10.0.0.1:5000', '127.0.0.1.nip.io']) assert.not.ok(isLoopbackHost(h), h);
});

test('verified only when every check that could be made passed', () => {
  const ok = { catalog: true, tag: true, digestMatches: true, configMatchesImage: true };
  assert.ok(publishVerified({ verified: ok }));
  assert.ok(publishVerified({ verified: { ...ok, catalog: null, configMatchesImage: null } }));
  assert.not.ok(publishVerified({ verified: { ...ok, catalog: false } }));
  assert.not.ok(publishVerified({ verified: { ...ok, digestMatches: false } }));
  assert.not.ok(publishVerified({ verified: { ...ok, configMatchesImage: false } }));
});

test.run();
