/**
 * Schema-2 results written before trials recorded their target read as the
 * demo's: port 8000, `GET /health` answering 200, and the one `network`
 * (or none) as the `networks` list. Mutates and returns the parsed JSON.
 */
export function fillTargetFields(data: Record<string, unknown>): Record<string, unknown> {
  for (const trial of Array.isArray(data.trials) ? data.trials : []) {
    const spec = isObject(trial) ? trial.spec : null;
    if (!isObject(spec)) continue;
    if (!Array.isArray(spec.networks)) {
      spec.networks = typeof spec.network === 'string' ? [spec.network] : [];
      delete spec.network;
    }
    spec.port ??= 8000;
    spec.health ??= { kind: 'http', path: '/health', status: 200 };
  }
  return data;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
