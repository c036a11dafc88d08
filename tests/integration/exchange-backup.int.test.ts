/**
 * Backup and restore of the whole database: a restore refuses a database that holds anything unless
 * forced; forced, it empties it and gives back the same graph (content hash) and change log.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup, RestoreRefused, restore } from '../../data/exchange/backup.ts';
import { hashGraph } from '../../data/exchange/export-graph.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { withFixture } from '../helpers/fixture.ts';

const P = 'xb';
const fixture = withFixture(P, { tempDir: 'exchange-backup' });
const { driver, database } = fixture;

async function changeLog(): Promise<string[]> {
  const { records } = await driver.executeQuery('MATCH (c:Change) RETURN c.id AS id ORDER BY id', {}, { database });
  return records.map((r) => r.get('id') as string);
}

describe('backup and restore', () => {
  it('restores the same graph and change log, and only when forced over a database that holds data', async () => {
    const path = join(fixture.dir, 'backup.json.gz');
    const before = { graph: await hashGraph(GraphStore.forLoads(driver, database), null), changes: await changeLog() };
    const made = await backup(GraphStore.forLoads(driver, database), path);
    expect(made.hash).toBe(before.graph.hash);
    expect(made.counts.changes).toBe(before.changes.length);

    await expect(restore(GraphStore.forLoads(driver, database), path, { force: false, safetyDir: fixture.dir })).rejects.toBeInstanceOf(
      RestoreRefused,
    );
    const restored = await restore(GraphStore.forLoads(driver, database), path, { force: true, safetyDir: fixture.dir });
    expect(restored.hash).toBe(before.graph.hash);
    expect(restored.carriedHash).toBe(true);
    expect(restored.safetyBackup).toMatch(/before-restore-.*\.json\.gz$/);
    expect(await hashGraph(GraphStore.forLoads(driver, database), null)).toEqual(before.graph);
    expect(await changeLog()).toEqual(before.changes);
  });
});
