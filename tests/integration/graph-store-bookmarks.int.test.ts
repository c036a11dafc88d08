/**
 * Read-your-writes on a cluster (neo4j:// routing to readers): a request read (readByName,
 * readCompiled) waits for the bookmarks in the driver's executeQueryBookmarkManager, so every write the
 * store commits must hand its bookmark to that manager; otherwise a reader replica may answer a read
 * sent right after a mutation from before it. Checked on the single server through the manager itself.
 */
import { afterAll, expect, it } from 'vitest';
import { GraphStore } from '../../graph/graph-store.ts';
import { testDriver } from '../helpers/neo4j.ts';

const PREFIX = 'syn-gsb-';
const { driver, database } = testDriver();
const store = new GraphStore(driver, database, 30_000);

afterAll(async () => {
  await store.runAutoCommit('synthetic/delete-synthetic', { prefix: PREFIX, limit: 10_000 });
  await driver.close();
});

const merge = (id: string) => store.writeRows('load/merge-nodes', [{ id, labels: ['Synthetic'], props: { synthetic: true } }]);

it.each([
  ['write (a managed write transaction)', async () => {}, () => merge(`${PREFIX}w`)],
  [
    'runAutoCommit',
    () => merge(`${PREFIX}ac`),
    () => store.runAutoCommit('synthetic/delete-synthetic', { prefix: `${PREFIX}ac`, limit: 10 }),
  ],
])('a %s hands its bookmark to the bookmarks request reads wait for', async (_name, prepare, write) => {
  await prepare();
  const before = [...(await driver.executeQueryBookmarkManager.getBookmarks())];
  await write();
  const after = [...(await driver.executeQueryBookmarkManager.getBookmarks())];
  expect(after).not.toEqual(before);
});
