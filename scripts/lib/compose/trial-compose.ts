import path from 'node:path';
import { labLabels } from '../docker/labels.ts';
import { isSecretName } from '../results/redact.ts';
import { NGINX_IMAGE } from '../docker/lab-images.ts';
import type { TrialSpec } from '../results/types.ts';
import { toYaml, type YamlValue } from './to-yaml.ts';
import { LAB_ENTRY_FILE } from '../locust/lab-entry.ts';

/** Where the trial's compose file points its mounts, and who Locust runs as. */
export interface ComposeContext {
  runId: string;
  /** Absolute trial folder; mounted read-write at /out in every Locust container, for Locust's CSVs and the hook's files. */
  trialDir: string;
  /** Absolute path of the copied locustfile; its folder (with the lab's entry and hook beside it) is mounted read-only. */
  locustfilePath: string;
  /** `uid:gid` so Locust writes files the user owns, and never runs as root. */
  user: string;
  /**
   * The trial that started the API, when this trial loads an API an earlier
   * one left running: the API, balancer and network keep that trial's labels
   * (so compose sees them unchanged), while Locust carries this trial's.
   */
  apiOwnerTrialId?: string;
}

export const API_SERVICE = 'api';
export const LOCUST_SERVICE = 'locust';
export const LB_SERVICE = 'lb';
export const LOCUST_WORKER_SERVICE = 'locust-worker';
/** nginx config file the load balancer mounts, inside the trial folder. */
export const NGINX_CONF = 'nginx.conf';
/** Prefix of Locust's CSV files inside the trial folder (`locust_stats.csv`, ...). */
export const CSV_PREFIX = 'locust';
/** Where the trial folder is mounted in every Locust container; the lab's hook writes there too. */
const OUT_DIR = '/out';
/** Locust loads the lab's entry (hook, then the user's locustfile), never the locustfile directly. */
const LOCUST_FILE_ARG = `/mnt/locust/${LAB_ENTRY_FILE}`;

/**
 * The compose file of one trial, in the workshop's shape: the API under
 * `deploy.resources.limits` and Locust on the same network. Compose v1 (1.29)
 * and v2 both honour these keys.
 */
export function trialCompose(spec: TrialSpec, ctx: ComposeContext): string {
  return toYaml(trialComposeDoc(spec, ctx));
}

/** A trial's compose file as data: `trial-stack.ts` turns the same services into a swarm stack. */
export type ComposeDoc = {
  services: Record<string, Record<string, YamlValue | undefined> | undefined>;
  networks: Record<string, YamlValue>;
};

/** The document `trialCompose` writes. */
export function trialComposeDoc(spec: TrialSpec, ctx: ComposeContext): ComposeDoc {
  const labels = labLabels(ctx.runId, ctx.apiOwnerTrialId ?? spec.id);
  const locustLabels = labLabels(ctx.runId, spec.id);
  const memory = `${spec.memoryMb}M`;
  // Loopback only, so nothing outside this machine can reach it; the engine picks the port unless one is fixed.
  const ports = [`127.0.0.1:${spec.hostPort ?? ''}:${spec.port}`];
  // The user's networks, by their engine names: the API joins them beside the trial's own.
  const external = Object.fromEntries(spec.networks.map((name, i) => [`external-${i + 1}`, { name, external: true }]));
  return {
    services: {
      [API_SERVICE]: {
        image: spec.image,
        // Compose substitutes `$NAME` in every value; `$$` keeps a command's own `$` for its shell.
        command: spec.command.length ? spec.command.map((arg) => arg.replaceAll('$', '$$$$')) : undefined,
        environment: envForFile(spec.env),
        ports: spec.loadBalancer ? undefined : ports,
        deploy: { resources: { limits: { cpus: String(spec.cpus), memory } } },
        // Equal to the memory limit: no swap, so OOM behaviour does not depend on the host's swap.
        memswap_limit: memory,
        networks: spec.networks.length ? ['default', ...Object.keys(external)] : undefined,
        labels,
        restart: 'no',
      },
      [LB_SERVICE]: spec.loadBalancer
        ? {
            image: NGINX_IMAGE,
            ports,
            volumes: [`${path.join(ctx.trialDir, NGINX_CONF)}:/etc/nginx/nginx.conf:ro`],
            depends_on: [API_SERVICE],
            labels,
            restart: 'no',
          }
        : undefined,
      [LOCUST_SERVICE]: {
        image: spec.locustImage,
        command: locustArgs(spec),
        user: ctx.user,
        working_dir: OUT_DIR,
        environment: locustEnv(spec),
        volumes: [`${path.dirname(ctx.locustfilePath)}:/mnt/locust:ro`, `${ctx.trialDir}:${OUT_DIR}`],
        depends_on: [spec.loadBalancer ? LB_SERVICE : API_SERVICE],
        labels: locustLabels,
        restart: 'no',
      },
      [LOCUST_WORKER_SERVICE]: spec.locustWorkers > 0
        ? {
            image: spec.locustImage,
            command: ['-f', LOCUST_FILE_ARG, '--worker', '--master-host', LOCUST_SERVICE],
            user: ctx.user,
            // Workers run the users, so each writes its own request samples into the trial folder.
            environment: locustEnv(spec),
            volumes: [`${path.dirname(ctx.locustfilePath)}:/mnt/locust:ro`, `${ctx.trialDir}:${OUT_DIR}`],
            labels: locustLabels,
            restart: 'no',
          }
        : undefined,
    },
    // An external network belongs to the user: joined, never created, labelled or removed.
    // Locust stays on the trial's own network, so the load reaches only the lab's containers.
    networks: { default: { labels }, ...external },
  };
}

/** The service Locust and the health check talk to. */
export function entryService(spec: TrialSpec): string {
  return spec.loadBalancer ? LB_SERVICE : API_SERVICE;
}

/** Environment of every Locust container; LOCUST_LAB_OUT turns the lab's request hook on. */
function locustEnv(spec: TrialSpec): Record<string, string> {
  // The lab's own value last: its analysis depends on the hook writing there.
  return { HOME: '/tmp', PYTHONUNBUFFERED: '1', ...rampEnv(spec), ...spec.locustEnv, LOCUST_LAB_OUT: OUT_DIR };
}

/** The step ramp reaches the locustfile's LoadTestShape through its environment. */
function rampEnv(spec: TrialSpec): Record<string, string> {
  if (!spec.ramp) return {};
  return { LOCUST_STEPS: spec.ramp.steps.join(','), LOCUST_STEP_SECONDS: String(spec.ramp.stepS), LOCUST_STEP_SPAWN_RATE: String(spec.spawnRate) };
}

/** Locust always headless, with CSVs, full history and a hard run-time cap. */
export function locustArgs(spec: TrialSpec): string[] {
  return [
    '-f', LOCUST_FILE_ARG,
    '--headless',
    // A ramp's LoadTestShape sets users and ends the run itself; Locust refuses -t with a shape.
    ...(spec.ramp ? [] : ['-u', String(spec.users), '-r', String(spec.spawnRate), '-t', `${spec.runTimeS}s`]),
    '--host', `http://${entryService(spec)}:${spec.port}`,
    '--csv', `${OUT_DIR}/${CSV_PREFIX}`,
    '--csv-full-history',
    // Statistics restart once all users are spawned, so _stats.csv describes the steady phase.
    // A ramp has no single steady phase: its steps are read from the windowed history instead.
    ...(spec.ramp ? [] : ['--reset-stats']),
    '--only-summary',
    '--stop-timeout', '5',
    // Distributed: the master only coordinates and writes the CSVs; it starts once all workers joined.
    ...(spec.locustWorkers > 0 ? ['--master', '--expect-workers', String(spec.locustWorkers)] : []),
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
