/** Builds the viewer with Vite when web/dist is missing or older than its sources, outside production. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectDir } from '../graph/project-root.ts';

const WEB = projectDir('web');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * In production the viewer is built before the server starts (the image's build stage, `npm start`),
 * never at start: there a missing build is an error that says what to run. Elsewhere (`npm run demo`,
 * the tests) a missing or stale build is made here.
 */
export async function ensureViewerBuilt({ production = false }: { production?: boolean } = {}): Promise<void> {
  const index = join(WEB, 'dist', 'index.html');
  if (production) {
    if (!existsSync(index))
      throw new ViewerNotBuiltError(`the viewer is not built (${index} is missing): run \`npm run build\` before starting in production`);
    return;
  }
  if (existsSync(index) && statSync(index).mtimeMs >= newest(WEB)) return;
  console.error('[viewer] building web/ with Vite…');
  const { build } = await import('vite');
  await build({ configFile: join(WEB, 'vite.config.ts'), logLevel: 'warn' });
}

export class ViewerNotBuiltError extends Error {
  override name = 'ViewerNotBuiltError';
}
