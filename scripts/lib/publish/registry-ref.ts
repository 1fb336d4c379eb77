/**
 * Where an image goes: the user's `--registry` value and the local image name
 * turned into the pushed reference and the registry's API address.
 */
export interface PublishTarget {
  /** As the user gave it, without a trailing slash: `127.0.0.1:5000`, `docker.io/jdoe`. */
  registry: string;
  /** Registry host (with port), e.g. `127.0.0.1:5000`, `docker.io`. */
  host: string;
  /** Base URL of the v2 API (Docker Hub's API lives on registry-1.docker.io). */
  apiBase: string;
  /** Repository path inside the registry. */
  repository: string;
  tag: string;
  /** What `docker tag` / `docker push` get. */
  ref: string;
  /** Loopback registry: plain HTTP, which the engine allows for 127.0.0.0/8 without config. */
  loopback: boolean;
  /** Docker Hub: no catalog, and only two path levels (`user/name`). */
  dockerHub: boolean;
}

const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

export function isLoopbackHost(host: string): boolean {
  const name = host.replace(/:\d+$/, '');
  return name === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(name) || name === '[::1]';
}

/**
 * `resolveTarget('127.0.0.1:5000', 'locust-lab/api:baseline')` pushes to
 * `127.0.0.1:5000/locust-lab/api:baseline`; `resolveTarget('docker.io/jdoe', ...)`
 * to `docker.io/jdoe/locust-lab-api:baseline`, because Docker Hub accepts
 * only `user/name` and `jdoe/locust-lab/api` would be refused.
 */
export function resolveTarget(registry: string, sourceImage: string, tag?: string): PublishTarget {
  const reg = registry.trim().replace(/\/+$/, '');
  const [host, ...ns] = reg.split('/');
  if (!host || !/^[A-Za-z0-9.-]+(:\d+)?$|^\[::1\](:\d+)?$/.test(host) || (!host.includes('.') && !host.includes(':') && host !== 'localhost')) {
    throw new RangeError(`registry must start with a host (e.g. 127.0.0.1:5000 or docker.io/USER), got ${JSON.stringify(registry)}`);
  }
  const { name, tag: sourceTag } = splitImage(sourceImage);
  const dockerHub = DOCKER_HUB_HOSTS.has(host);
  const path = withoutHost(name);
  const leaf = dockerHub ? path.replaceAll('/', '-') : path;
  const repository = [...ns, leaf].join('/').toLowerCase();
  if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(repository)) {
    throw new RangeError(`not a valid repository path: ${JSON.stringify(repository)}`);
  }
  const finalTag = tag ?? sourceTag;
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(finalTag)) throw new RangeError(`not a valid tag: ${JSON.stringify(finalTag)}`);
  const loopback = isLoopbackHost(host);
  const apiBase = dockerHub ? 'https://registry-1.docker.io' : `${loopback ? 'http' : 'https'}://${host}`;
  return { registry: reg, host, apiBase, repository, tag: finalTag, ref: `${host}/${repository}:${finalTag}`, loopback, dockerHub };
}

/** `locust-lab/api:baseline` -> name and tag; a digest reference is not publishable by tag. */
export function splitImage(image: string): { name: string; tag: string } {
  if (image.includes('@')) throw new RangeError(`publish a tagged image, not a digest reference: ${image}`);
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? { name: image.slice(0, colon), tag: image.slice(colon + 1) } : { name: image, tag: 'latest' };
}

/** `ghcr.io/org/api` -> `org/api`: the source's own registry is not part of the new path. */
function withoutHost(name: string): string {
  const [first, ...rest] = name.split('/');
  const isHost = rest.length > 0 && first !== undefined && (first.includes('.') || first.includes(':') || first === 'localhost');
  return isHost ? rest.join('/') : name;
}
