import type { TrialSpec } from '../results/types.ts';
import type { Formatters } from './format.ts';
import type { Messages } from './i18n.ts';

/** A label as `plan/make-trial.ts` writes it; group 1 is the setup. */
const LAB_LABEL = /^([^·]+ · [^·]+) · [\d.]+ CPU · \d+ MiB · /;

/**
 * A trial's label in the report's language: its setup (image and server,
 * names that need no translation), limits, replicas and crowd, e.g.
 * `baseline · uvicorn ×1 · 0,75 CPU · 1.536 MiB · ×2 detrás de nginx · 100 usuarios`.
 * Results written before the setup was stored read it off the recorded label
 * when it has the lab's shape (`<image> · <server> · <n> CPU · <n> MiB · ...`),
 * and show the label as recorded otherwise.
 */
export function trialLabel(spec: TrialSpec, { t, plural }: Messages, f: Formatters): string {
  const setup = spec.setup ?? LAB_LABEL.exec(spec.label)?.[1];
  if (setup === undefined) return spec.label;
  const replicas = spec.replicas > 1
    ? spec.loadBalancer ? t('label.replicasBehindNginx', { replicas: f.count(spec.replicas) ?? '' }) : `×${f.count(spec.replicas)}`
    : null;
  const crowd = spec.ramp
    ? t('label.ramp', { steps: spec.ramp.steps.map((users) => f.count(users)).join('→') })
    : plural('label.users', spec.users, f.count(spec.users) ?? String(spec.users));
  return [setup, `${f.decimal2(spec.cpus)} CPU`, `${f.count(spec.memoryMb)} MiB`, replicas, crowd].filter(Boolean).join(' · ');
}
