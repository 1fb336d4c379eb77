import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildImage, type BuiltImage } from '../docker/build-image.ts';
import { fetchFromApi } from '../docker/fetch-from-api.ts';
import { requireImage } from '../docker/require-image.ts';
import { LabError } from '../errors.ts';
import type { LabConfig } from '../plan/lab-config.ts';
import { imageRef, trialHealth } from '../plan/make-trial.ts';
import type { RunStore } from '../results/run-store.ts';
import { generateLocustfile } from '../target/generate-locustfile.ts';
import { buildRequestBody } from '../target/request-body.ts';

/** Where a generated locustfile goes, relative to the run folder. NOTE: `LabResult.generatedLocustfile`. */
export const GENERATED_LOCUSTFILE = path.join('generated', 'locustfile.py');

/**
 * The target ready to run: its image built (when it has a build; unchanged
 * images are skipped) or present (pulled if need be), its setups' images
 * present, and the locustfile every trial runs: `--locustfile`, the
 * target's, or one generated from the target's request into the run folder
 * (recorded in the result so the report shows it). Returns that locustfile.
 */
export async function prepareTarget(config: LabConfig, store: RunStore, repoRoot: string, onImage?: (tag: string, built: BuiltImage) => void): Promise<string> {
  const t = config.target;
  if (t.image.build) {
    const b = t.image.build;
    const built = await buildImage({ tag: t.image.ref, context: path.resolve(repoRoot, b.context), ...(b.dockerfile ? { dockerfile: b.dockerfile } : {}), buildArgs: b.args }, store.commands);
    onImage?.(t.image.ref, built);
  } else {
    await requireImage(t.image.ref, store.commands);
  }
  for (const ref of new Set(t.setups.map((s) => imageRef(s.image ?? t.image.ref)))) {
    if (ref !== t.image.ref) await requireImage(ref, store.commands);
  }
  const { file, generated } = await locustfileFor(config, repoRoot, store.dir, (apiPath) => fetchFromApi({
    image: t.image.ref, command: t.command ?? [], env: t.env, port: t.port, health: trialHealth(t.health),
    healthTimeoutS: t.health.timeoutS ?? config.healthTimeoutS, memoryMb: config.memoryFloor.highMb,
  }, apiPath, store.result.runId, store.commands));
  if (!generated) return file;
  store.result.generatedLocustfile = GENERATED_LOCUSTFILE;
  await store.save();
  return file;
}

/**
 * The locustfile trials run: `--locustfile`, the target's own, or one written
 * into `runDir` from the target's request (`GENERATED_LOCUSTFILE`), its body
 * read from a file or, only when the target asks for it, from a document the
 * running API serves (`fetchDoc`).
 */
export async function locustfileFor(config: LabConfig, repoRoot: string, runDir: string, fetchDoc: (apiPath: string) => Promise<string>): Promise<{ file: string; generated: boolean }> {
  const t = config.target;
  if (config.locustfile) return { file: path.resolve(repoRoot, config.locustfile), generated: false };
  if (t.locust.file) return { file: path.resolve(repoRoot, t.locust.file), generated: false };
  const request = t.locust.request;
  if (!request) {
    throw new LabError(
      `the target ${t.name} gives neither a locustfile nor a request to generate one from.`,
      'Pass --locustfile PATH, or give the plan\'s target.locust a file, or a request (method, path, body) for the lab to write one.',
    );
  }
  const { body, source } = await buildRequestBody(request, async (from) => {
    if ('file' in from) {
      return readFile(path.resolve(repoRoot, from.file), 'utf8').catch((err: NodeJS.ErrnoException) => {
        throw new LabError(`target.locust.request.body: cannot read ${from.file} (${err.code ?? err.message}).`, 'Give the path of a JSON file, relative to the plan file\'s folder.');
      });
    }
    // Only when the target asks for it: the API's own document.
    return fetchDoc(from.apiPath);
  });
  const file = path.join(runDir, GENERATED_LOCUSTFILE);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, generateLocustfile({ method: request.method, path: request.path, body, thinkTimeS: request.thinkTimeS, bodySource: source, targetName: t.name }));
  return { file, generated: true };
}
