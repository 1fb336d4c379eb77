import { parseBearerChallenge } from './registry-responses.ts';

/**
 * The smallest client the read checks need: GET with a timeout, and the
 * registry token dance done anonymously (a public repository on Docker Hub,
 * GHCR or Quay hands out pull tokens without a login). It never sends
 * credentials; a private repository answers 401 and the caller falls back to
 * `docker manifest inspect`, which uses the CLI's own login.
 */
export interface RegistryResponse {
  status: number;
  headers: Headers;
  body: Uint8Array;
}

export interface RegistryClient {
  get(url: string, accept?: string[]): Promise<RegistryResponse>;
}

export const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.index.v1+json',
];

export function registryClient(opts: { timeoutMs?: number } = {}): RegistryClient {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  // Tokens per challenge, and the last one per origin, which is tried first so
  // each later request costs one round trip instead of two.
  const tokens = new Map<string, string>();
  const lastToken = new Map<string, string>();

  async function once(url: string, accept: string[], token: string | null): Promise<RegistryResponse> {
    const headers: Record<string, string> = {};
    if (accept.length) headers.accept = accept.join(', ');
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(url, { headers, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, headers: res.headers, body: new Uint8Array(await res.arrayBuffer()) };
  }

  async function anonymousToken(header: string | null): Promise<string | null> {
    const challenge = parseBearerChallenge(header);
    if (!challenge) return null;
    const key = `${challenge.realm} ${challenge.service} ${challenge.scope}`;
    const cached = tokens.get(key);
    if (cached) return cached;
    const url = new URL(challenge.realm);
    if (challenge.service) url.searchParams.set('service', challenge.service);
    if (challenge.scope) url.searchParams.set('scope', challenge.scope);
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) }).catch(() => null);
    if (!res?.ok) return null;
    const json = (await res.json().catch(() => null)) as { token?: unknown; access_token?: unknown } | null;
    const token = typeof json?.token === 'string' ? json.token : typeof json?.access_token === 'string' ? json.access_token : null;
    if (token) tokens.set(key, token);
    return token;
  }

  return {
    async get(url, accept = []) {
      const origin = new URL(url).origin;
      const first = await once(url, accept, lastToken.get(origin) ?? null);
      if (first.status !== 401) return first;
      const token = await anonymousToken(first.headers.get('www-authenticate'));
      if (!token) return first;
      lastToken.set(origin, token);
      return once(url, accept, token);
    },
  };
}

export function jsonOf(res: RegistryResponse): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(res.body));
  } catch {
    return null;
  }
}
