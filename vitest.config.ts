import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests print their seed on failure; CI pins it through FC_SEED (see test/support/property.ts).
    testTimeout: 60_000,
  },
});
