import { LabError } from '../errors.ts';

/** The kinds the export writes, and the maintained models that validate them (kubernetes-models, from the OpenAPI schema). */
const MODELS: Record<string, () => Promise<{ validate(this: void, doc: Record<string, unknown>): void }>> = {
  'apps/v1 Deployment': async () => wrap((await import('kubernetes-models/apps/v1')).Deployment),
  'v1 Service': async () => wrap((await import('kubernetes-models/v1')).Service),
  'v1 ConfigMap': async () => wrap((await import('kubernetes-models/v1')).ConfigMap),
  'autoscaling/v2 HorizontalPodAutoscaler': async () => wrap((await import('kubernetes-models/autoscaling/v2')).HorizontalPodAutoscaler),
};

function wrap(Model: new (data: never) => { validate(): void }) {
  return { validate: (doc: Record<string, unknown>) => new Model(doc as never).validate() };
}

/**
 * Validates each document against the Kubernetes OpenAPI schema offline,
 * and throws a LabError naming the file, the document and every field that
 * does not fit. A kind the export does not know is refused too.
 */
export async function checkK8s(file: string, docs: readonly Record<string, unknown>[]): Promise<void> {
  for (const [i, doc] of docs.entries()) {
    const kind = `${String(doc.apiVersion)} ${String(doc.kind)}`;
    const where = `${file}: document ${i + 1} (${kind} ${String((doc.metadata as { name?: string } | undefined)?.name ?? '')})`;
    const model = MODELS[kind];
    if (!model) throw new LabError(`${where}: no schema for this kind.`, `Known kinds: ${Object.keys(MODELS).join(', ')}.`);
    try {
      (await model()).validate(doc);
    } catch (error) {
      throw new LabError(`${where} does not fit the Kubernetes schema: ${(error as Error).message}.`, 'This is a bug in the export (scripts/lib/export/k8s-manifests.ts): report it with the run folder.');
    }
  }
}
