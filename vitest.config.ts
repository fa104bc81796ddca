import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests print their seed on failure; CI pins it through FC_SEED (see test/support/property.ts).
    // Generous: the longest runs (the 3.5-day eight-Pi cluster, the same runs in Chromium) share two cores.
    testTimeout: 300_000,
    // The built-in scenarios' verdicts are long CPU-bound runs split over files: use every core.
    maxWorkers: 2,
  },
});
