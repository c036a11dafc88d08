/** Builds the viewer with Vite when web/dist is missing or older than its sources. */
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

export async function ensureViewerBuilt(): Promise<void> {
  const index = join(WEB, 'dist', 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newest(WEB)) return;
  console.error('[viewer] building web/ with Vite…');
  const { build } = await import('vite');
  await build({ configFile: join(WEB, 'vite.config.ts'), logLevel: 'warn' });
}
