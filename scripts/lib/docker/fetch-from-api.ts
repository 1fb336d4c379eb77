import { labLabels } from './labels.ts';
import { runCommand } from './run-command.ts';
import { probeOnce } from './wait-healthy.ts';
import { LabError } from '../errors.ts';
import type { CommandRecord, TrialHealth } from '../results/types.ts';

export interface ApiToAsk {
  image: string;
  command: string[];
  env: Record<string, string>;
  port: number;
  health: TrialHealth;
  /** Seconds to wait for the API to be ready. */
  healthTimeoutS: number;
  memoryMb: number;
}

/**
 * Starts the API once on its own (labelled as the run's, loopback only, under
 * a memory limit), waits until it is ready, GETs `apiPath` (e.g. FastAPI's
 * `/openapi.json`) and removes the container. Returns the body's text.
 */
export async function fetchFromApi(api: ApiToAsk, apiPath: string, runId: string, log: CommandRecord[]): Promise<string> {
  const labels = Object.entries(labLabels(runId, 'openapi')).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
  const env = Object.entries(api.env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  const start = await runCommand(['docker', 'run', '-d', ...labels, ...env, '-p', `127.0.0.1::${api.port}`, '--memory', `${api.memoryMb}m`, '--cpus', '1', api.image, ...api.command], { timeoutMs: 120_000, log });
  const id = start.stdout.trim();
  if (start.exitCode !== 0 || !id) throw new LabError(`Could not start ${api.image} to read ${apiPath}: ${(start.stderr || start.stdout).trim().split('\n').at(-1)}.`, 'Check that the image runs with the target\'s command, or give the OpenAPI document as a file (target.locust.request.body.file).');
  try {
    const port = /:(\d+)\s*$/m.exec((await runCommand(['docker', 'port', id, `${api.port}/tcp`], { timeoutMs: 30_000 })).stdout)?.[1];
    const ip = (await runCommand(['docker', 'inspect', '-f', '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}', id], { timeoutMs: 30_000 })).stdout.trim().split(/\s+/)[0];
    const at = { baseUrl: `http://127.0.0.1:${port}`, tcp: ip ? [`${ip}:${api.port}`] : [] };
    const until = Date.now() + api.healthTimeoutS * 1000;
    while (!(port && (await probeOnce(api.health, at)))) {
      if (Date.now() > until) throw new LabError(`${api.image} was not ready within ${api.healthTimeoutS} s, so ${apiPath} could not be read.`, 'Check the target\'s port and health check, or give the OpenAPI document as a file.');
      await new Promise((r) => setTimeout(r, 500));
    }
    const res = await fetch(new URL(apiPath, at.baseUrl), { signal: AbortSignal.timeout(10_000) }).catch((err: Error) => {
      throw new LabError(`GET ${apiPath} on ${api.image} failed: ${err.message}.`, 'Give the OpenAPI document as a file instead.');
    });
    const text = await res.text();
    if (!res.ok) throw new LabError(`GET ${apiPath} on ${api.image} answered ${res.status}.`, 'Check the path (FastAPI serves /openapi.json), or give the document as a file.');
    return text;
  } finally {
    await runCommand(['docker', 'rm', '-f', id], { timeoutMs: 60_000 });
  }
}
