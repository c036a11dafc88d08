/**
 * Backup and restore of the whole database: a restore refuses a database that holds anything unless
 * forced; forced, it empties it and gives back the same graph (content hash) and change log.
 */
import { writeFileSync } from 'node:fs';
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

  it('refuses a backup holding a relationship whose ends the model does not allow (ON_CHAIN from a village), before writing', async () => {
    // Reads rely on the model's ends (server/related-fields.ts farCategory), so a restore may not bring one in.
    const path = join(fixture.dir, 'bad-ends.json');
    const node = (name: string, labels: string, kind: string) =>
      `{"id":"${P}-${name}","labels":["Entity",${labels}],"props":{"id":"${P}-${name}","kind":"${kind}","name":"${name}"}}`;
    writeFileSync(
      path,
      [
        '{"format":"jinan-party-graph","version":1,"exportedAt":"2025-01-01T00:00:00Z","root":null,',
        '"nodes":[',
        `${node('v9', '"Place","Village"', 'Village')},`,
        node('c9', '"IndustryChain"', 'IndustryChain'),
        '],',
        '"relationships":[',
        `{"id":"${P}-oc1","type":"ON_CHAIN","from":"${P}-v9","to":"${P}-c9","props":{"id":"${P}-oc1"}}`,
        ']}',
      ].join('\n'),
    );
    const before = await hashGraph(GraphStore.forLoads(driver, database), null);
    const refused = restore(GraphStore.forLoads(driver, database), path, { force: true, safetyDir: fixture.dir });
    await expect(refused).rejects.toBeInstanceOf(RestoreRefused);
    await expect(refused).rejects.toThrow(/line 7: from: .*ON_CHAIN.*Unit/);
    expect(await hashGraph(GraphStore.forLoads(driver, database), null)).toEqual(before);
  });
});
