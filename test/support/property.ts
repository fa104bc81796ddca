import fc from 'fast-check';

/**
 * Property tests run with a fixed seed unless FC_SEED says otherwise, so CI is reproducible; on
 * failure fast-check prints the seed and the counterexample's path, and this prints how to replay.
 */
export const propertySeed = Number(process.env['FC_SEED'] ?? 20_160_229);

export function checkProperty<Ts>(property: fc.IProperty<Ts>, numRuns = 200): void {
  try {
    fc.assert(property, { seed: propertySeed, numRuns });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${message}\nReplay with FC_SEED=${propertySeed} (the seed and path above reproduce it).`,
      { cause: error },
    );
  }
}
