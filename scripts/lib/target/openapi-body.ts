import { LabError } from '../errors.ts';
import { exampleFromSchema, resolveRef } from './example-from-schema.ts';

/**
 * An example JSON body for `method path` from an OpenAPI document (3.x, as
 * FastAPI serves at /openapi.json, or Swagger 2.0): the media type's own
 * `example`/`examples` when given, else one built from its schema. Throws,
 * naming the operations there are, when the document has no such operation
 * or it takes no JSON body.
 */
export function bodyFromOpenApi(doc: unknown, method: string, path: string): unknown {
  const d = (doc ?? {}) as { paths?: Record<string, Record<string, unknown>>; swagger?: unknown };
  if (!d.paths || typeof d.paths !== 'object') throw new LabError('The OpenAPI document has no paths.', 'Give the document the API serves (FastAPI: /openapi.json).');
  const op = d.paths[path]?.[method.toLowerCase()] as Record<string, unknown> | undefined;
  if (!op) {
    const ops = Object.entries(d.paths).flatMap(([p, item]) => Object.keys(item ?? {}).filter((m) => /^(get|put|post|delete|patch|head|options)$/.test(m)).map((m) => `${m.toUpperCase()} ${p}`));
    throw new LabError(`The OpenAPI document has no operation ${method.toUpperCase()} ${path}.`, `Operations there: ${ops.join(', ') || 'none'}.`);
  }
  if (d.swagger !== undefined) {
    const param = (op.parameters as Record<string, unknown>[] | undefined)?.map((p) => (typeof p.$ref === 'string' ? (resolveRef(doc, p.$ref) as Record<string, unknown>) : p)).find((p) => p.in === 'body');
    if (!param) throw noBody(method, path);
    return exampleFromSchema(param.schema, doc);
  }
  let body = op.requestBody as Record<string, unknown> | undefined;
  if (body && typeof body.$ref === 'string') body = resolveRef(doc, body.$ref) as Record<string, unknown>;
  const content = (body?.content ?? {}) as Record<string, Record<string, unknown>>;
  const mediaType = Object.keys(content).find((t) => t === 'application/json') ?? Object.keys(content).find((t) => /[/+]json\b/.test(t));
  if (!mediaType) throw noBody(method, path);
  const media = content[mediaType]!;
  if ('example' in media) return media.example;
  const examples = media.examples as Record<string, { value?: unknown; $ref?: string }> | undefined;
  const first = examples && Object.values(examples)[0];
  if (first) return typeof first.$ref === 'string' ? (resolveRef(doc, first.$ref) as { value?: unknown }).value : first.value;
  return exampleFromSchema(media.schema, doc);
}

const noBody = (method: string, path: string) =>
  new LabError(`${method.toUpperCase()} ${path} takes no JSON request body in the OpenAPI document.`, 'Drop the body, or give a body file instead.');
