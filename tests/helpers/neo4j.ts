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
