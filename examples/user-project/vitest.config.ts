import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The deliberately broken conversion's test fails by design; run it with
    // `npm run test:broken` to see what a caught bug looks like.
    exclude: process.env.SHOW_BROKEN ? [] : ['test/**/*.broken.test.ts'],
    setupFiles: ['./vitest.setup.ts'],
    testTimeout: 60_000,
  },
});
