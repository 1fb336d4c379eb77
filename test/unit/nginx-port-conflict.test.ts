import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findPortConflict } from '../../scripts/lib/docker/find-port-conflict.ts';

// Recorded on this lab's engine (20.10.24): compose/replicas-port-conflict.yml with
// `docker-compose up -d --scale api=2` (compose 1.29.2), then two plain `docker run`s.
const COMPOSE_V1 = `Creating network "llports1_default" with the default driver
The "api" service specifies a port on the host. If multiple containers for this service are created on a single host, the port will clash.
Creating llports1_api_1 ...
Creating llports1_api_2 ...
Creating llports1_api_1 ... error
Creating llports1_api_2 ... done

ERROR: for llports1_api_1  Cannot start service api: driver failed programming external connectivity on endpoint llports1_api_1 (bb254c8efe98fcd92de7cd9a1c0e5226edbb3d118c003f19e3f401219b46e343): Bind for 127.0.0.1:18000 failed: port is already allocated

ERROR: for api  Cannot start service api: driver failed programming external connectivity on endpoint llports1_api_1 (bb254c8efe98fcd92de7cd9a1c0e5226edbb3d118c003f19e3f401219b46e343): Bind for 127.0.0.1:18000 failed: port is already allocated
Encountered errors while bringing up the project.`;
const DOCKER_RUN = 'docker: Error response from daemon: driver failed programming external connectivity on endpoint ll-pp2 (7c49bb05c4ce258b8c1637094378195ed24aa91f98421c9f586e084b5a665abd): Bind for 127.0.0.1:18001 failed: port is already allocated.';
const HELD_BY_PROCESS = 'docker: Error response from daemon: driver failed programming external connectivity on endpoint ll-pp3 (71f0e2b17aa9a37633178deaed4c2614bfad28ae7966215e729ce8ba798fc6dd): Error starting userland proxy: listen tcp4 127.0.0.1:18002: bind: address already in use';

test('compose v1: the engine sentence without compose prefix, and the replica that failed', () => {
  assert.equal(findPortConflict(COMPOSE_V1), {
    hostIp: '127.0.0.1',
    hostPort: 18000,
    endpoint: 'llports1_api_1',
    engineError:
      'driver failed programming external connectivity on endpoint llports1_api_1 (bb254c8efe98fcd92de7cd9a1c0e5226edbb3d118c003f19e3f401219b46e343): Bind for 127.0.0.1:18000 failed: port is already allocated',
    kind: 'allocated',
  });
});

test('engine error as compose v2 and docker run print it', () => {
  const c = findPortConflict(DOCKER_RUN)!;
  assert.is(c.hostPort, 18001);
  assert.is(c.endpoint, 'll-pp2');
  assert.ok(c.engineError.startsWith('driver failed programming external connectivity'));
  assert.ok(c.engineError.endsWith('port is already allocated.'));
  const v2 = findPortConflict('Error response from daemon: failed to set up container networking: driver failed programming external connectivity on endpoint p-api-2 (abc): Bind for 0.0.0.0:8000 failed: port is already allocated')!;
  assert.equal([v2.hostIp, v2.hostPort, v2.endpoint, v2.kind], ['0.0.0.0', 8000, 'p-api-2', 'allocated']);
});

test('a port held by a process that is not a container', () => {
  const c = findPortConflict(HELD_BY_PROCESS)!;
  assert.equal([c.hostIp, c.hostPort, c.kind], ['127.0.0.1', 18002, 'in-use']);
});

test('no conflict in ordinary output', () => {
  assert.is(findPortConflict('Creating lllb_api_1 ... done\nCreating lllb_nginx_1 ... done'), null);
  assert.is(findPortConflict(''), null);
});

test.run();
