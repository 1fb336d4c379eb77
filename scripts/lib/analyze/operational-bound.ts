/**
 * Operational laws (Denning & Buzen) for the closed loop Locust runs: N users,
 * think time Z, API CPU demand D per request, a CPU limit of c cores.
 */

/** X within this share below N/Z counts as "limited by the load, not the server". */
export const LOAD_LIMIT_TOLERANCE = 0.05;

/**
 * Service demand D = U / X: CPU-seconds per finished request, from the mean
 * CPU use U in cores (1 = one full core) and throughput X in req/s.
 * `null` when nothing finished (no demand can be read off zero requests).
 */
export function serviceDemand(meanCpuCores: number, rps: number): number | null {
  if (!(rps > 0) || !(meanCpuCores >= 0)) return null;
  return meanCpuCores / rps;
}

/** c / D: the throughput at which the CPU limit is used up, req/s. */
export function serverCeiling(demandS: number, cpus: number): number | null {
  return demandS > 0 && cpus > 0 ? cpus / demandS : null;
}

/**
 * N* = c·(D + Z) / D: the crowd beyond which the CPU must saturate, where the
 * load line N / (D + Z) meets the server ceiling c / D. With one core (c = 1)
 * this is the textbook (D + Z) / D. Below N* queueing is optional; above it,
 * it is certain and response time grows about linearly with N.
 */
export function saturationUsers(demandS: number, thinkTimeS: number, cpus = 1): number | null {
  if (!(demandS > 0) || !(thinkTimeS >= 0) || !(cpus > 0)) return null;
  return (cpus * (demandS + thinkTimeS)) / demandS;
}

/** N / Z: what the crowd could ask for if every answer were instant, req/s; `null` without think time. */
export function loadCeiling(users: number, thinkTimeS: number): number | null {
  return thinkTimeS > 0 && users >= 0 ? users / thinkTimeS : null;
}

/**
 * True when the measured throughput is within `LOAD_LIMIT_TOLERANCE` of N / Z:
 * the server's response time is a small part of each user's cycle, so more
 * throughput needs more users, not a bigger server. The comparison is against
 * N / Z, not N / (R + Z): in a closed loop X = N / (R + Z) holds by Little's
 * law whatever limits it, so that one cannot tell load from server.
 * `null` without think time.
 */
export function limitedByLoad(rps: number, users: number, thinkTimeS: number): boolean | null {
  const ceiling = loadCeiling(users, thinkTimeS);
  return ceiling === null ? null : rps >= (1 - LOAD_LIMIT_TOLERANCE) * ceiling;
}
