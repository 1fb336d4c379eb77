#!/usr/bin/env zx
// Writes Kubernetes manifests sized from a finished run's answers (api.yaml, locust.yaml)
// into <run folder>/k8s/, each document validated offline against the Kubernetes schema.
// Needs no Docker and no cluster: `kubectl apply -f <run folder>/k8s/` is the user's step.
import { lib, runMain } from './bootstrap.mjs';
import path from 'node:path';

// Flags and help: scripts/lib/cli/entries.ts.
await runMain(import.meta.url, async ({ flags }) => {
  const runDir = path.resolve(String(flags._[0]));
  const { exportK8s, K8S_DIR } = await lib('export/export-k8s.ts');
  const out = flags.out === undefined ? path.join(runDir, K8S_DIR) : path.resolve(String(flags.out));
  const written = await exportK8s(runDir, out);
  for (const file of written) console.log(file);
  console.error(`kubectl apply -f ${path.relative(process.cwd(), out) || '.'}`);
  return 0;
});
