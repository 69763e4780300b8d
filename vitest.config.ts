import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['utils/**/*.test.ts', 'components/**/*.test.ts', 'entrypoints/**/*.test.ts'],
    setupFiles: ['fake-indexeddb/auto', './tools/fake-i18n.ts'],
    restoreMocks: true,
    // Property tests run hundreds of cases: give them room on a loaded two-core machine.
    testTimeout: 30_000,
  },
});
