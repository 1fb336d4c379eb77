import { LabError } from '../errors.ts';
import { exampleFromSchema } from './example-from-schema.ts';
import { bodyFromOpenApi } from './openapi-body.ts';
import type { LoadRequest } from './types.ts';

/** Where a body's text comes from: a file, or a path the running API serves. */
export type BodyText = { file: string } | { apiPath: string };

/**
 * The JSON body a generated locustfile sends, and one line on where it came
 * from. `read` fetches the text (a file from disk, or `/openapi.json` from the
 * API once it is healthy); this function only parses and builds.
 */
export async function buildRequestBody(request: LoadRequest, read: (from: BodyText) => Promise<string>): Promise<{ body: unknown; source: string | null }> {
  const b = request.body;
  if (!b) return { body: undefined, source: null };
  const from: BodyText = b.kind === 'openapi' ? (b.file !== null ? { file: b.file } : { apiPath: b.apiPath! }) : { file: b.file };
  const where = 'file' in from ? from.file : `the API's ${from.apiPath}`;
  const text = await read(from);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new LabError(`${where} is not JSON: ${(err as Error).message}.`, b.kind === 'file' ? 'Give a body file holding one JSON value.' : 'Give a JSON document (YAML schemas are not read).');
  }
  if (b.kind === 'file') return { body: doc, source: `the file ${where}` };
  if (b.kind === 'json-schema') return { body: exampleFromSchema(doc), source: `an example built from the JSON Schema in ${where}` };
  return { body: bodyFromOpenApi(doc, request.method, request.path), source: `an example built from ${request.method} ${request.path} in ${where}` };
}
