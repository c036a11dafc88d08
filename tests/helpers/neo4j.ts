/** A driver to the run's Neo4j, for tests that check the graph directly with Cypher. */
import neo4j, { type Driver } from 'neo4j-driver';
import { inject } from 'vitest';

export function testDriver(): { driver: Driver; database: string } {
  const target = inject('neo4j');
  return {
    driver: neo4j.driver(target.uri, neo4j.auth.basic(target.user, target.password), { disableLosslessIntegers: true }),
    database: target.database,
  };
}

/** The run's Neo4j as the settings a child process (a CLI, a compiled server) reads it from. */
export function testNeo4jEnv(): Record<'NEO4J_URI' | 'NEO4J_USER' | 'NEO4J_PASSWORD' | 'NEO4J_DATABASE', string> {
  const target = inject('neo4j');
  return { NEO4J_URI: target.uri, NEO4J_USER: target.user, NEO4J_PASSWORD: target.password, NEO4J_DATABASE: target.database };
}
