/**
 * What the compose importer did with a field it did not carry over as is.
 * `kind` is the id a report or a translation keys on; `message` is the
 * English sentence the entry script prints.
 * - `ignored`: the lab sets this itself, per trial (container_name, ports, limits).
 * - `refused`: the value cannot be used as written (500G on a 24 GiB host).
 * - `set-aside`: the lab has no place for it (volumes, restart, other services).
 * - `assumed`: the file did not say, so the lab chose (a TCP health check, a port).
 * - `noted`: kept or derived, with something the user should know (depends_on, a parsed command).
 */
export interface ImportNotice {
  kind: 'ignored' | 'refused' | 'set-aside' | 'assumed' | 'noted';
  /** Path of the field in the compose file, e.g. `services.api.deploy.resources.limits.memory`. */
  field: string;
  /** The value as written, shortened for display; `null` when there is none. */
  value: string | null;
  /** Why, and what applies instead. */
  message: string;
}

/** A compose value as one short line of text. */
export function showValue(v: unknown): string {
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
