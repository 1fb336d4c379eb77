/**
 * Reads a schema-1 `lab-result.json` as schema 2. Schema 1 summaries came from
 * Locust's `--reset-stats` numbers, with the window as an English sentence;
 * nothing in them can be made exact after the fact, so the new measurement
 * fields read as "not measured" (`null`, 0 censored) and the report says the
 * window was Locust's. Mutates and returns the parsed JSON.
 */
export function migrateV1(data: Record<string, unknown>): Record<string, unknown> {
  data.schemaVersion = 2;
  data.calibration ??= null;
  const stages = isObject(data.stages) ? data.stages : {};
  for (const key of ['sweep', 'workers'] as const) {
    const stage = stages[key];
    if (!isObject(stage)) continue;
    for (const cell of Array.isArray(stage.cells) ? stage.cells : []) if (isObject(cell)) cell.point ??= null;
    if (key === 'workers') stage.tiedWithBest ??= [];
  }
  for (const trial of Array.isArray(data.trials) ? data.trials : []) {
    if (!isObject(trial)) continue;
    trial.hostCpu ??= null;
    if (isObject(trial.spec)) trial.spec.stopWhenStableAfterS ??= null;
    if (isObject(trial.files)) {
      trial.files.requestsCsv ??= [];
      trial.files.phases ??= null;
    }
    const summary = trial.summary;
    if (!isObject(summary)) continue;
    const aggregated = Array.isArray(trial.endpoints) ? trial.endpoints.find((e) => isObject(e) && e.name === 'Aggregated') : undefined;
    Object.assign(summary, {
      window: null,
      p95AtLeast: false,
      meanMs: isObject(aggregated) && typeof aggregated.avgMs === 'number' ? aggregated.avgMs : null,
      censored: 0,
      censoredMaxAgeMs: null,
      stability: null,
      intervals: null,
      thinkTimeS: null,
      serviceDemandMs: null,
      littlesLaw: null,
    });
  }
  return data;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
