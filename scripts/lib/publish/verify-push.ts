import { runCommand } from '../docker/run-command.ts';
import type { CommandRecord } from '../results/types.ts';
import type { PublishResult } from './publish-result.ts';
import type { PushedImage } from './push-image.ts';
import { jsonOf, MANIFEST_TYPES, registryClient, type RegistryClient } from './registry-http.ts';
import { isDigest, manifestDigest, nextLink, parseCatalog, parseManifest, parseManifestInspect, parseTagsList } from './registry-responses.ts';

export interface VerifyOptions {
  log: CommandRecord[];
  client?: RegistryClient;
  /** Most catalog pages followed; the local registry needs one. */
  maxCatalogPages?: number;
}

/**
 * Asks the registry itself, not the push output, whether it holds the image:
 * catalog, tag list, then the manifest, whose digest must equal the engine's
 * RepoDigests entry and whose config digest must equal the local image ID.
 * Where the read API needs a login the lab does not have (a private repository),
 * it falls back to `docker manifest inspect`, which uses the CLI's login.
 */
export async function verifyPush(pushed: PushedImage, opts: VerifyOptions): Promise<PublishResult> {
  const t = pushed.target;
  const client = opts.client ?? registryClient();
  const notes: string[] = [];
  const commands = [...pushed.commands];
  const base = `${t.apiBase}/v2/`;

  const catalog = t.dockerHub ? null : await inCatalog(client, t.apiBase, t.repository, opts.maxCatalogPages ?? 20, notes);
  if (t.dockerHub) notes.push('Docker Hub offers no /v2/_catalog; the repository is proven by its tag and manifest.');

  const tags = await client.get(`${base}${t.repository}/tags/list`).catch(() => null);
  const manifest = await client.get(`${base}${t.repository}/manifests/${t.tag}`, MANIFEST_TYPES).catch(() => null);

  let verifiedVia: PublishResult['verifiedVia'] = 'registry-api';
  let tag: boolean;
  let digest: string | null = null;
  let configDigest: string | null = null;
  let isIndex = false;
  if (tags?.status === 200 && manifest?.status === 200) {
    tag = parseTagsList(jsonOf(tags)).tags.includes(t.tag);
    const header = manifest.headers.get('docker-content-digest');
    const computed = manifestDigest(manifest.body);
    if (isDigest(header) && header !== computed) notes.push(`Docker-Content-Digest ${header} differs from the sha256 of the manifest served (${computed}).`);
    digest = isDigest(header) ? header : computed;
    const facts = parseManifest(new TextDecoder().decode(manifest.body), manifest.headers.get('content-type'));
    configDigest = facts.configDigest;
    isIndex = facts.isIndex;
  } else {
    const status = `tags HTTP ${tags?.status ?? 'unreachable'}, manifest HTTP ${manifest?.status ?? 'unreachable'}`;
    if (!t.loopback && (tags?.status === 401 || tags?.status === 403 || manifest?.status === 401)) {
      verifiedVia = 'docker-manifest-inspect';
      notes.push(`The read API refused an anonymous token (${status}); verified with docker manifest inspect and the CLI's login.`);
      const out = await runCommand(['docker', 'manifest', 'inspect', '--verbose', t.ref], { timeoutMs: 60_000, log: commands });
      opts.log.push(commands.at(-1)!);
      ({ digest, configDigest } = parseManifestInspect(out.stdout));
      tag = out.exitCode === 0 && digest !== null;
    } else {
      notes.push(`The registry did not serve the tag (${status}).`);
      tag = false;
    }
  }

  let localDigest = pushed.localDigest;
  if (!localDigest && pushed.pushDigest) {
    localDigest = pushed.pushDigest;
    notes.push('RepoDigests had no entry for this repository; compared with the digest docker push printed.');
  }
  return {
    registry: t.registry,
    repository: t.repository,
    tag: t.tag,
    ref: t.ref,
    sourceImage: pushed.sourceImage,
    localImageId: pushed.localImageId,
    digest,
    localDigest,
    verified: {
      catalog,
      tag,
      digestMatches: digest !== null && digest === localDigest,
      configMatchesImage: isIndex || configDigest === null ? null : configDigest === pushed.localImageId,
    },
    verifiedVia,
    notes,
    pushMs: pushed.pushMs,
    commands,
  };
}

/** `null` when the registry will not list its repositories (auth, disabled), `false` only when the list lacks it. */
async function inCatalog(client: RegistryClient, apiBase: string, repository: string, maxPages: number, notes: string[]): Promise<boolean | null> {
  let url: string | null = `${apiBase}/v2/_catalog?n=1000`;
  for (let page = 0; url && page < maxPages; page++) {
    const res = await client.get(url).catch(() => null);
    if (res?.status !== 200) {
      notes.push(`The registry did not list its catalog (HTTP ${res?.status ?? 'unreachable'}).`);
      return null;
    }
    if (parseCatalog(jsonOf(res)).includes(repository)) return true;
    const next = nextLink(res.headers.get('link'));
    url = next ? new URL(next, apiBase).toString() : null;
  }
  if (url) notes.push(`Stopped after ${maxPages} catalog pages without finding ${repository}.`);
  return false;
}
