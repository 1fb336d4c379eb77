import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { YAML } from 'zx';
import { loadLabResult } from '../report/load-result.ts';
import { writeFileAtomic } from '../results/write-atomic.ts';
import { k8sInputs } from './k8s-inputs.ts';
import { k8sManifests, type K8sFile } from './k8s-manifests.ts';
import { checkK8s } from './check-k8s.ts';

export { K8S_DIR } from './k8s-files.ts';

/** Reads a run folder, builds its manifests, validates every document, then writes them; returns the files written. */
export async function exportK8s(runDir: string, outDir: string): Promise<string[]> {
  const result = await loadLabResult(runDir);
  const files = k8sManifests(await k8sInputs(runDir, result));
  // Validate all before writing any: a half-written export would apply half a deployment.
  for (const file of files) await checkK8s(file.name, file.docs);
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const file of files) {
    const target = path.join(outDir, file.name);
    await writeFileAtomic(target, k8sYaml(file));
    written.push(target);
  }
  return written;
}

/** One YAML stream: the header comment, then the documents separated by `---`. */
export function k8sYaml(file: K8sFile): string {
  const header = file.comment.map((line) => `# ${line}`).join('\n');
  // A deep copy first: an object used twice (labels, requests and limits) would be written as a YAML alias.
  return `${header}\n${file.docs.map((doc) => `---\n${YAML.stringify(JSON.parse(JSON.stringify(doc)))}`).join('')}`;
}
