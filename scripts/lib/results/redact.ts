/**
 * Secret redaction for anything shown or stored: env maps, `NAME=value` argv
 * items and compose text. Names decide, not values, as in CI log masking.
 */
const SECRET_NAME = /(KEY|SECRET|TOKEN|PASSWORD|PASSWD|PASS|CREDENTIAL|AUTH|PRIVATE)/i;
export const REDACTED = '***redacted***';

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

export function redactEnv(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, isSecretName(k) ? REDACTED : v]));
}

export function redactArgv(argv: readonly string[]): string[] {
  return argv.map((arg) => {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(arg);
    return m && isSecretName(m[1]!) ? `${m[1]}=${REDACTED}` : arg;
  });
}
