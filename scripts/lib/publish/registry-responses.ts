import { createHash } from 'node:crypto';

/**
 * Pure readers for what a registry (distribution v2 API) and the engine say
 * about a pushed image. Every reader tolerates junk and answers null/[].
 */

const DIGEST = /^sha256:[a-f0-9]{64}$/;

export function isDigest(value: unknown): value is string {
  return typeof value === 'string' && DIGEST.test(value);
}

/** `GET /v2/_catalog` -> repository names. */
export function parseCatalog(body: unknown): string[] {
  const repos = (body as { repositories?: unknown } | null)?.repositories;
  return Array.isArray(repos) ? repos.filter((r): r is string => typeof r === 'string') : [];
}

/** `GET /v2/<name>/tags/list` -> tags (the registry answers `"tags": null` once every tag is deleted). */
export function parseTagsList(body: unknown): { name: string | null; tags: string[] } {
  const b = body as { name?: unknown; tags?: unknown } | null;
  const tags = Array.isArray(b?.tags) ? b.tags.filter((t): t is string => typeof t === 'string') : [];
  return { name: typeof b?.name === 'string' ? b.name : null, tags };
}

/** Next page of a paginated listing, from RFC 5988 `Link: </v2/_catalog?last=x&n=100>; rel="next"`. */
export function nextLink(header: string | null): string | null {
  const m = header ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(header) : null;
  return m?.[1] ?? null;
}

export interface BearerChallenge {
  realm: string;
  service: string | null;
  scope: string | null;
}

/** `WWW-Authenticate: Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="..."`. */
export function parseBearerChallenge(header: string | null): BearerChallenge | null {
  if (!header || !/^\s*Bearer\s/i.test(header)) return null;
  const params: Record<string, string> = {};
  for (const m of header.matchAll(/([A-Za-z]+)="([^"]*)"/g)) params[m[1]!.toLowerCase()] = m[2]!;
  if (!params.realm || !/^https?:\/\//.test(params.realm)) return null;
  return { realm: params.realm, service: params.service ?? null, scope: params.scope ?? null };
}

/** What a manifest says about itself; `configDigest` only for single-platform manifests. */
export interface ManifestFacts {
  mediaType: string | null;
  /** Digest of the config blob, which is the image ID the engine shows. */
  configDigest: string | null;
  /** An index / manifest list points at other manifests, not at one image. */
  isIndex: boolean;
}

export function parseManifest(body: string, contentType: string | null): ManifestFacts {
  let doc: { mediaType?: unknown; config?: { digest?: unknown }; manifests?: unknown } | null = null;
  try {
    doc = JSON.parse(body);
  } catch {
    return { mediaType: contentType, configDigest: null, isIndex: false };
  }
  const mediaType = typeof doc?.mediaType === 'string' ? doc.mediaType : contentType;
  const configDigest = isDigest(doc?.config?.digest) ? doc.config.digest : null;
  return { mediaType, configDigest, isIndex: Array.isArray(doc?.manifests) };
}

/** The digest a registry means is the sha256 of the manifest bytes exactly as served. */
export function manifestDigest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/**
 * The `RepoDigests` entry for one repository, e.g. `127.0.0.1:5000/locust-lab/api@sha256:...`.
 * The engine writes Docker Hub names in their short form (`jdoe/api`, `library/x` as `x`),
 * so both sides are normalised before comparing.
 */
export function findRepoDigest(repoDigests: readonly string[] | undefined, host: string, repository: string): string | null {
  const want = familiarName(`${host}/${repository}`);
  for (const entry of repoDigests ?? []) {
    const at = entry.lastIndexOf('@');
    if (at < 0) continue;
    const digest = entry.slice(at + 1);
    if (familiarName(entry.slice(0, at)) === want && isDigest(digest)) return digest;
  }
  return null;
}

export function familiarName(name: string): string {
  const n = name.toLowerCase().replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '');
  return n.startsWith('library/') && n.split('/').length === 2 ? n.slice('library/'.length) : n;
}

/** `docker push` ends with `TAG: digest: sha256:... size: N`. */
export function parsePushDigest(stdout: string): string | null {
  const m = /digest:\s*(sha256:[a-f0-9]{64})\s+size:/.exec(stdout);
  return m?.[1] ?? null;
}

/** `docker manifest inspect --verbose` prints one object (or an array for a list) with `Descriptor.digest`. */
export function parseManifestInspect(stdout: string): { digest: string | null; configDigest: string | null } {
  let doc: unknown;
  try {
    doc = JSON.parse(stdout);
  } catch {
    return { digest: null, configDigest: null };
  }
  type Entry = { Descriptor?: { digest?: unknown }; SchemaV2Manifest?: Manifest; OCIManifest?: Manifest };
  type Manifest = { config?: { digest?: unknown } };
  const first = (Array.isArray(doc) ? doc[0] : doc) as Entry | undefined;
  const digest = first?.Descriptor?.digest;
  const config = (first?.SchemaV2Manifest ?? first?.OCIManifest)?.config?.digest;
  return { digest: isDigest(digest) ? digest : null, configDigest: isDigest(config) ? config : null };
}
