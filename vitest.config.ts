import { defineConfig } from 'vitest/config';

/**
 * Test tiers, each with its own script: unit (pure logic, no Neo4j), query (tests/query: the Cypher,
 * snapshotted, no Neo4j), integration (tests/integration, a real Neo4j started by the global setup),
 * process (tests/process: the slow tests that start, kill, starve or shut down processes: embedded start, Neo4j outage and kill, graceful shutdown, the
 * production build, the CLIs, restore, import memory, viewer performance), browser (tests/browser, real
 * Chromium + server). `npm run test:fast` is the everyday loop without a database or a browser;
 * `npm test` and CI run every tier. Files that use Neo4j run one at a time: Community has one user
 * database, and this machine has two cores.
 */
export default defineConfig({
  test: {
    fileParallelism: false,
    projects: [
      // Unit tests assert results, never speed; on two shared cores the generator's city-scale cases
      // can pass vitest's 5 s default, so they get the same generous budget as the other tiers.
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], testTimeout: 60_000 } },
      // The query tier: the Cypher every named query and every example compiles to, snapshotted; no database.
      { test: { name: 'query', include: ['tests/query/**/*.test.ts'], testTimeout: 60_000 } },
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
          name: 'process',
          include: ['tests/process/**/*.test.ts'],
          globalSetup: ['tests/helpers/global-neo4j.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
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
