/**
 * Wraps a `before` hook so its error is printed: uvu swallows hook errors,
 * and test/run.mjs only sees that the suite's tests never passed.
 */
export function guardSetup(setup: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await setup();
    } catch (err) {
      console.error('suite setup failed:', err);
      throw err;
    }
  };
}
