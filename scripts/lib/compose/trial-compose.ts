import path from 'node:path';
import { labLabels } from '../docker/labels.ts';
import { isSecretName } from '../results/redact.ts';
import type { TrialSpec } from '../results/types.ts';
import { toYaml, type YamlValue } from './to-yaml.ts';

/** Where the trial's compose file points its mounts, and who Locust runs as. */
export interface ComposeContext {
  runId: string;
  /** Absolute trial folder; mounted read-write at /out for Locust's CSVs. */
  trialDir: string;
  /** Absolute path of the locustfile; its folder is mounted read-only. */
  locustfilePath: string;
  /** `uid:gid` so Locust writes files the user owns, and never runs as root. */
  user: string;
}

export const API_SERVICE = 'api';
export const LOCUST_SERVICE = 'locust';
export const API_PORT = 8000;
/** Prefix of Locust's CSV files inside the trial folder (`locust_stats.csv`, ...). */
export const CSV_PREFIX = 'locust';

/**
 * The compose file of one trial, in the workshop's shape: the API under
 * `deploy.resources.limits` and Locust on the same network. Compose v1 (1.29)
 * and v2 both honour these keys.
 */
export function trialCompose(spec: TrialSpec, ctx: ComposeContext): string {
  const labels = labLabels(ctx.runId, spec.id);
  const memory = `${spec.memoryMb}M`;
  const doc: YamlValue = {
    services: {
      [API_SERVICE]: {
        image: spec.image,
        command: spec.command,
        environment: envForFile(spec.env),
        // Host port chosen by the engine, on loopback only: nothing outside this machine can reach it.
        ports: [`127.0.0.1::${API_PORT}`],
        deploy: { resources: { limits: { cpus: String(spec.cpus), memory } } },
        // Equal to the memory limit: no swap, so OOM behaviour does not depend on the host's swap.
        memswap_limit: memory,
        labels,
        restart: 'no',
      },
      [LOCUST_SERVICE]: {
        image: spec.locustImage,
        command: locustArgs(spec),
        user: ctx.user,
        working_dir: '/out',
        environment: { HOME: '/tmp', PYTHONUNBUFFERED: '1', ...spec.locustEnv },
        volumes: [`${path.dirname(ctx.locustfilePath)}:/mnt/locust:ro`, `${ctx.trialDir}:/out`],
        depends_on: [API_SERVICE],
        labels,
        restart: 'no',
      },
    },
    networks: { default: { labels } },
  };
  return toYaml(doc);
}

/** Locust always headless, with CSVs, full history and a hard run-time cap. */
export function locustArgs(spec: TrialSpec): string[] {
  return [
    '-f', `/mnt/locust/${path.basename(spec.locustfile)}`,
    '--headless',
    '-u', String(spec.users),
    '-r', String(spec.spawnRate),
    '-t', `${spec.runTimeS}s`,
    '--host', `http://${API_SERVICE}:${API_PORT}`,
    '--csv', `/out/${CSV_PREFIX}`,
    '--csv-full-history',
    // Statistics restart once all users are spawned, so _stats.csv describes the steady phase.
    '--reset-stats',
    '--only-summary',
    '--stop-timeout', '5',
  ];
}

/**
 * Secret-looking values never reach the file on disk: compose reads them from
 * its own environment instead (`secretEnv` gives what to pass).
 */
function envForFile(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, isSecretName(k) ? `\${${k}}` : v.replaceAll('$', '$$$$')]));
}

/** The values `envForFile` left out, to pass in the compose command's environment. */
export function secretEnv(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([k]) => isSecretName(k)));
}
