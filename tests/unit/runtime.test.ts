/**
 * The project brings its own Node: every npm script runs on the pinned `node` dev dependency (Node 24
 * LTS), whatever Node runs npm. This test runs under `npm test`, so it fails if that ever stops holding.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  devDependencies: Record<string, string>;
};

describe('runtime', () => {
  it('runs on the Node major pinned in package.json', () => {
    const pinned = pkg.devDependencies.node;
    expect(pinned, 'package.json pins node as a dev dependency').toMatch(/^\d+\.\d+\.\d+$/);
    console.log(`[runtime] tests run on Node ${process.version} (pinned ${pinned})`);
    expect(process.versions.node).toBe(pinned);
    expect(Number(process.versions.node.split('.')[0])).toBe(24);
  });
});
