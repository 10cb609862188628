import { defineConfig } from 'vitest/config';

/** The browser tests: the same files in each browser, one file at a time (the machine has two cores). */
const browserProject = (browser: 'chromium' | 'firefox') => ({
  test: {
    name: `e2e-${browser}`,
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node' as const,
    env: { XC_BROWSER: browser },
    // builds the pages made from Adobe's real UI libraries (test/fixtures/real) before the first test
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});

export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'], environment: 'node' },
      },
      browserProject('chromium'),
      browserProject('firefox'),
    ],
  },
});
