import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildImage } from '../../scripts/lib/docker/build-image.ts';
import { removeLabObjects } from '../../scripts/lib/docker/cleanup.ts';
import { engine } from '../../scripts/lib/docker/engine.ts';
import { ensureBaseImage } from '../../scripts/lib/docker/ensure-base-image.ts';
import { labFilter, labLabels } from '../../scripts/lib/docker/labels.ts';
import { runCommand } from '../../scripts/lib/docker/run-command.ts';
import { publishImage } from '../../scripts/lib/publish/publish-image.ts';
import { publishVerified } from '../../scripts/lib/publish/publish-result.ts';
import { untagPushed } from '../../scripts/lib/publish/push-image.ts';
import { ensureRegistryImage } from '../../scripts/lib/publish/registry-image.ts';
import { startRegistry, stopRegistry } from '../../scripts/lib/publish/start-registry.ts';
import type { CommandRecord } from '../../scripts/lib/results/types.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const runId = `it-publish-${Date.now().toString(36)}`;
// Not 5000: a lab run on the same engine may own that registry, and this test removes its own.
const HOST_PORT = 5055;

test('local registry: push a small image and verify catalog, tag and digest through the HTTP API', async () => {
  const log: CommandRecord[] = [];
  const context = await mkdtemp(path.join(os.tmpdir(), 'll-publish-it-'));
  const tag = `locust-lab/publish-probe:${runId}`;
  let registry: Awaited<ReturnType<typeof startRegistry>> | null = null;
  try {
    await ensureBaseImage(log);
    // Unique content, so the registry gets a layer it has never seen.
    await writeFile(path.join(context, 'probe.txt'), `${runId}\n`);
    const labels = Object.entries(labLabels(runId)).map(([k, v]) => `LABEL ${k}="${v}"`).join('\n');
    await writeFile(path.join(context, 'Dockerfile'), `FROM debian:bookworm-slim\n${labels}\nCOPY probe.txt /probe.txt\n`);
    const built = await buildImage({ tag, context }, log);

    const image = await ensureRegistryImage(repoRoot, log, 20_000);
    registry = await startRegistry({ runId, image: image.image, log, hostPort: HOST_PORT });
    assert.is(registry.reused, false);
    assert.is(registry.address, `127.0.0.1:${HOST_PORT}`);

    const inspect = await engine().getContainer(registry.containerId).inspect();
    assert.equal(inspect.HostConfig.PortBindings?.['5000/tcp'], [{ HostIp: '127.0.0.1', HostPort: String(HOST_PORT) }]);
    assert.is(inspect.Config.Labels?.['io.locust-lab.run'], runId);

    const again = await startRegistry({ runId, image: image.image, log, hostPort: HOST_PORT });
    assert.is(again.reused, true);
    assert.is(again.containerId, registry.containerId);

    const result = await publishImage(tag, { registry: registry.address, log });
    assert.is(result.ref, `127.0.0.1:${HOST_PORT}/locust-lab/publish-probe:${runId}`);
    assert.is(result.localImageId, built.id);
    assert.equal(result.verified, { catalog: true, tag: true, digestMatches: true, configMatchesImage: true });
    assert.ok(publishVerified(result));
    assert.match(result.digest ?? '', /^sha256:[a-f0-9]{64}$/);
    assert.is(result.digest, result.localDigest);
    assert.is(result.verifiedVia, 'registry-api');
    assert.equal(result.notes, []);
    assert.equal(result.commands.map((c) => c.argv.slice(0, 2).join(' ')), ['docker tag', 'docker push']);
    assert.ok(result.pushMs > 0);
    assert.ok(log.some((c) => c.argv[1] === 'push' && c.exitCode === 0), 'push recorded in the run log');
    assert.ok(await untagPushed(result.ref, log));
  } finally {
    if (registry) await stopRegistry(registry, log);
    await removeLabObjects({ runId });
    await runCommand(['docker', 'rmi', tag], { timeoutMs: 60_000 });
    await rm(context, { recursive: true, force: true });
  }
  const left = await engine().listContainers({ all: true, filters: labFilter({ runId }) });
  assert.equal(left, [], 'no lab container of this test is left');
});

test.run();
