/** The GraphQL schema is the SDL files in schema/, one per area, read in name order. */
import { readdirSync, readFileSync } from 'node:fs';
import { projectDir } from '../graph/project-root.ts';

const SCHEMA_DIR = projectDir('schema');

export function loadSdl(): string {
  return readdirSync(SCHEMA_DIR)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => readFileSync(`${SCHEMA_DIR}${name}`, 'utf8'))
    .join('\n');
}
