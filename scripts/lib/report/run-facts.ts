import { redactConfigText } from './redact-text.ts';
import { fileHref } from './file-link.ts';
import { formatCommand } from './shell-quote.ts';
import type { ReportContext } from './report-context.ts';

/** An image the run used: the reference, the IDs its trials ran, and the registry digest when published. */
export interface ImageView {
  reference: string;
  imageIds: string[];
  digest: string | null;
  trials: string;
}

/** The facts next to the summary: where, with what, and under which plan. */
export interface RunFactsView {
  host: { label: string; value: string }[];
  images: ImageView[];
  slo: string;
  /** The resolved plan as JSON text, secret-looking values redacted. */
  plan: string;
  /** What was tested, from the plan's target (absent in runs from before targets). */
  target: { label: string; value: string }[];
  /** What a compose import did with each field it did not carry over, by kind; `null` when the target was not imported. */
  imported: { heading: string; notices: { field: string; value: string | null; text: string }[] } | null;
  /** The locustfile the lab wrote for a target without one: its path, link and text. */
  generatedLocustfile: { heading: string; href: string | null; text: string | null } | null;
  time: string;
}

export function buildRunFacts(ctx: ReportContext): RunFactsView {
  const { t, f, none, result } = ctx;
  const { host } = result;
  const byImage = new Map<string, { ids: Set<string>; trials: number }>();
  for (const trial of result.trials) {
    const entry = byImage.get(trial.spec.image) ?? { ids: new Set<string>(), trials: 0 };
    if (trial.imageId !== null) entry.ids.add(trial.imageId);
    entry.trials += 1;
    byImage.set(trial.spec.image, entry);
  }
  const published = result.stages.publish?.images ?? [];
  const images: ImageView[] = [...byImage].map(([reference, { ids, trials }]) => ({
    reference, imageIds: [...ids],
    // A trial runs the local tag; the publish stage pushed that same tag under the registry's name.
    digest: published.find((image) => image.source === reference)?.digest ?? null,
    trials: f.count(trials) ?? none,
  }));
  for (const image of published) {
    if (!byImage.has(image.source)) images.push({ reference: image.source, imageIds: [image.imageId], digest: image.digest, trials: f.count(0) ?? none });
  }
  const stages = Object.values(result.stages).filter((stage) => stage !== undefined);
  const wall = stages.reduce((sum, stage) => sum + stage.durationMs, 0);
  const load = stages.reduce((sum, stage) => sum + stage.loadMs, 0);
  return {
    host: [
      { label: t('host.cpus'), value: f.count(host.cpus) ?? none },
      { label: t('host.memory'), value: f.bytesAsGib(host.memoryBytes) ?? none },
      { label: t('host.docker'), value: host.dockerVersion },
      { label: t('host.compose'), value: host.compose },
      { label: t('host.locust'), value: host.locustVersion ?? t('common.notProbed') },
      { label: t('host.node'), value: host.node },
      { label: t('host.os'), value: host.os },
      { label: t('host.cgroup'), value: String(host.cgroupVersion) },
    ],
    images,
    slo: t('facts.sloValue', { p95: f.ms(result.slo.p95Ms) ?? none, failures: f.percentOfRatio(result.slo.maxFailureRatio) ?? none }),
    plan: redactConfigText(JSON.stringify(result.plan ?? null, null, 2)),
    target: targetFacts(ctx),
    imported: importFacts(ctx),
    generatedLocustfile: ctx.files.generatedLocustfile
      ? { heading: t('facts.generatedLocustfile', { path: ctx.files.generatedLocustfile.path }), href: fileHref(ctx.files.generatedLocustfile.path), text: ctx.files.generatedLocustfile.text }
      : null,
    time: t('facts.timeValue', { wall: f.msAsSeconds(wall) ?? none, load: f.msAsSeconds(load) ?? none, share: f.shareOfRatio(wall > 0 ? load / wall : null) ?? none }),
  };
}

const NOTICE_KINDS = ['ignored', 'refused', 'set-aside', 'assumed', 'noted'];

/** The compose import's notices, as stored in the plan; the plan is stored as run, so its shape is read with care. */
function importFacts(ctx: ReportContext): RunFactsView['imported'] {
  const plan = ctx.result.plan as { targetImport?: { file?: unknown; service?: unknown; notices?: unknown } } | null;
  const imported = plan && typeof plan === 'object' ? plan.targetImport : undefined;
  if (!imported || !Array.isArray(imported.notices)) return null;
  const notices = (imported.notices as { kind?: unknown; field?: unknown; value?: unknown }[])
    .filter((n) => typeof n.kind === 'string' && NOTICE_KINDS.includes(n.kind) && typeof n.field === 'string')
    .map((n) => ({ field: String(n.field), value: typeof n.value === 'string' ? redactConfigText(n.value) : null, text: ctx.t(`facts.importKind.${String(n.kind)}`) }));
  return { heading: ctx.t('facts.importHeading', { file: String(imported.file ?? ''), service: String(imported.service ?? '') }), notices };
}

/** The plan's target as label/value rows; the plan is stored as run, so its shape is read with care. */
function targetFacts(ctx: ReportContext): { label: string; value: string }[] {
  const { t } = ctx;
  const plan = ctx.result.plan as { target?: unknown } | null;
  const target = plan && typeof plan === 'object' ? (plan.target as Record<string, unknown> | undefined) : undefined;
  if (!target || typeof target !== 'object') return [];
  const image = target.image as { ref?: unknown } | undefined;
  const health = target.health as { kind?: unknown; path?: unknown; status?: unknown } | undefined;
  const command = Array.isArray(target.command) ? target.command.map(String) : null;
  const networks = Array.isArray(target.networks) ? target.networks.map(String) : [];
  return [
    { label: t('facts.targetName'), value: String(target.name ?? '') },
    { label: t('facts.targetImage'), value: String(image?.ref ?? '') },
    { label: t('facts.targetPort'), value: String(target.port ?? '') },
    { label: t('facts.targetHealth'), value: health?.kind === 'http' ? t('facts.targetHealthHttp', { path: String(health.path), status: String(health.status) }) : t('facts.targetHealthTcp') },
    { label: t('facts.targetCommand'), value: command ? redactConfigText(formatCommand(command)) : t('facts.targetImageCmd') },
    { label: t('facts.targetNetworks'), value: networks.length ? networks.join(', ') : t('facts.targetNoNetworks') },
  ];
}
