import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/helpers/setup-on-demand.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Hermetic: the clerk's own environment must not leak into tests.
    env: { TZ: 'America/New_York', XINFANG_LEDGER: '', XINFANG_CLERK: '', XINFANG_NOW: '', NO_COLOR: '1' },
  },
});
