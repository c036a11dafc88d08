/** Applies schema/constraints.cypher: every statement is IF NOT EXISTS, so this runs at every start. */
import { readFileSync } from 'node:fs';
import type { Driver } from 'neo4j-driver';
import { projectFile } from './project-root.ts';

const FILE = projectFile('schema', 'constraints.cypher');

export function schemaStatements(text = readFileSync(FILE, 'utf8')): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}

export async function applySchema(driver: Driver, database: string): Promise<number> {
  const statements = schemaStatements();
  // Schema statements must each run in a transaction of their own.
  for (const statement of statements) await driver.executeQuery(statement, {}, { database });
  await driver.executeQuery('CALL db.awaitIndexes(300)', {}, { database });
  return statements.length;
}
