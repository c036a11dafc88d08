/**
 * Where the project's files are (cypher/, schema/, data/seed/, web/dist/, examples/, db/), for the
 * TypeScript sources run by tsx and the compiled JavaScript alike: in a checkout the compiled files sit in
 * dist/ (no cypher/ there), in the image they are laid over /app; either way the root is the first
 * folder above this file that holds both cypher/ and schema/ (the files the code reads; the image's
 * layout need not carry package.json).
 */
import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'cypher')) && existsSync(join(dir, 'schema'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no project root (cypher/ beside schema/) above ${from}`);
  }
}

export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** A file of the project, by its path from the root. */
export const projectFile = (...parts: string[]): string => join(PROJECT_ROOT, ...parts);

/** A folder of the project, with the trailing separator the callers append names to. */
export const projectDir = (...parts: string[]): string => join(PROJECT_ROOT, ...parts) + sep;
