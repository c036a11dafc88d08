import { defineConfig } from 'vitest/config';

/**
 * Test tiers, each with its own script: unit (pure logic, no Neo4j), integration (*.int.test.ts,
 * a real Neo4j started by the global setup), browser (*.browser.test.ts, real Chromium + server).
 * Integration and browser files run one at a time: Community has one user database, and this
 * machine has two cores.
 */
export default defineConfig({
  test: {
    fileParallelism: false,
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.int.test.ts'],
          globalSetup: ['tests/helpers/global-neo4j.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.browser.test.ts'],
          globalSetup: ['tests/helpers/global-neo4j.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
