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
      // Unit tests assert results, never speed; on two shared cores the generator's city-scale cases
      // can pass vitest's 5 s default, so they get the same generous budget as the other tiers.
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], testTimeout: 60_000 } },
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
