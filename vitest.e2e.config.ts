import { defineConfig } from 'vitest/config';

// `npm run test:e2e`: real browsers (Debian's Chromium) against the running bot and Agents Playground.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // One at a time: each file starts browsers and servers of its own on a 2-core machine.
    fileParallelism: false,
  },
});
