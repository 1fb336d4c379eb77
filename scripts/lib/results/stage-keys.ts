/**
 * Each workshop stage's name on the command line, in events and in warnings
 * (`max-users`), and its key in the contract's `stages` (`maxUsers`), in the
 * order the lab runs them. NOTE: `plan/lab-config-schema.ts` STAGES lists the
 * same names; `lab/run-lab.ts` holds the two to each other, and to the contract's
 * stage keys, at compile time (this module imports nothing, so the schemas can use it).
 */
export const STAGE_KEYS = {
  publish: 'publish', deploy: 'deploy', 'memory-floor': 'memoryFloor', sweep: 'sweep', replicas: 'replicas', workers: 'workers', 'max-users': 'maxUsers',
} as const;

export type StageKey = (typeof STAGE_KEYS)[keyof typeof STAGE_KEYS];

/** The stages' contract keys in the order the lab runs them. */
export const STAGE_KEY_ORDER: readonly StageKey[] = Object.values(STAGE_KEYS);

/** The contract key of a stage named either way (`max-users` or `maxUsers`); `null` for any other name. */
export function stageKeyOf(name: string): StageKey | null {
  if (name in STAGE_KEYS) return STAGE_KEYS[name as keyof typeof STAGE_KEYS];
  return (STAGE_KEY_ORDER as readonly string[]).includes(name) ? (name as StageKey) : null;
}
