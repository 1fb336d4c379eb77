#!/usr/bin/env zx
// Makes the base image and builds the lab's images (skips unchanged ones).
import { lib, repoRoot, runMain } from './bootstrap.mjs';

await runMain(import.meta.url, async () => {
  const { preflight } = await lib('docker/preflight.ts');
  const { prepareImages } = await lib('docker/lab-images.ts');
  await preflight();
  const log = [];
  const images = await prepareImages(repoRoot, log, (tag, phase, built) => {
    if (phase === 'start') console.error(`image ${tag} ...`);
    else console.error(`image ${tag}: ${built.rebuilt ? `built in ${(built.durationMs / 1000).toFixed(1)} s` : 'up to date'} (${built.id.slice(7, 19)})`);
  });
  console.error(`base image: ${images.base}; Locust ${images.locustVersion ?? 'unknown'}`);
  return 0;
});
