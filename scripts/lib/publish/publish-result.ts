import type { CommandRecord } from '../results/types.ts';

/**
 * What the Publish stage proved about one pushed image.
 * Proposed for `results/types.ts` (kept here until that file takes it).
 */
export interface PublishResult {
  /** Registry as the user named it: `127.0.0.1:5000`, `docker.io/jdoe`, `ghcr.io/org`. */
  registry: string;
  /** Repository path inside the registry, e.g. `locust-lab/api` or `jdoe/locust-lab-api`. */
  repository: string;
  /** Tag pushed, e.g. `baseline`. */
  tag: string;
  /** Full reference pushed, e.g. `127.0.0.1:5000/locust-lab/api:baseline`. */
  ref: string;
  /** Local image that was published, e.g. `locust-lab/api:baseline`. */
  sourceImage: string;
  /** Local image ID (`sha256:...`); equals the manifest's config digest. */
  localImageId: string;
  /** Manifest digest the registry serves for the tag (`Docker-Content-Digest`); `null` if it could not be read. */
  digest: string | null;
  /** Manifest digest the engine recorded for this registry and repository (`RepoDigests`) after the push. */
  localDigest: string | null;
  /** Each check on its own, so the report can say which one failed. */
  verified: PublishChecks;
  /** How the checks were made. NOTE: i18n keys in templates. */
  verifiedVia: 'registry-api' | 'docker-manifest-inspect';
  /** What could not be checked and why, in plain words (e.g. Docker Hub has no catalog). */
  notes: string[];
  /** Wall time of `docker push`, milliseconds. */
  pushMs: number;
  /** `docker tag`, `docker push` and any inspect run for this image. */
  commands: CommandRecord[];
}

export interface PublishChecks {
  /** The repository is listed in `/v2/_catalog`; `null` where the registry offers no catalog (Docker Hub). */
  catalog: boolean | null;
  /** The tag is listed in `/v2/<repo>/tags/list` (or the manifest for it resolves). */
  tag: boolean;
  /** Registry digest equals the local `RepoDigests` entry. */
  digestMatches: boolean;
  /** The manifest's `config.digest` equals the local image ID; `null` for an index/manifest list. */
  configMatchesImage: boolean | null;
}

/** True when every check that could be made passed. */
export function publishVerified(r: Pick<PublishResult, 'verified'>): boolean {
  const v = r.verified;
  return v.catalog !== false && v.tag && v.digestMatches && v.configMatchesImage !== false;
}
