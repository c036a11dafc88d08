/**
 * The store's doors for the loaders, the seed, import, export and backup (graph/graph-store.ts), against
 * the real Neo4j: batched UNWIND writes (one transaction per batch, or all in one), a read transaction
 * that sees one snapshot and refuses writes, streaming a named query's records, the per-call timeout,
 * and auto-commit writes for CALL … IN TRANSACTIONS. Every record here lies under a syn- prefix of its
 * own and is deleted at the end.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { GraphStore } from '../../graph/graph-store.ts';
import { testDriver } from '../helpers/neo4j.ts';

const PREFIX = 'syn-gst-';
const { driver, database } = testDriver();
const store = GraphStore.forLoads(driver, database);

const node = (i: number) => ({
  id: `${PREFIX}${String(i).padStart(3, '0')}`,
  labels: ['Synthetic'],
  props: { synthetic: true, name: `n${i}` },
});
const nodes = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => node(from + k));

async function present(ids: string[]): Promise<string[]> {
  const rows = await store.read<{ id: string }>('import/find-entities', { ids });
  return rows.map((r) => r.id).sort();
}

async function clear() {
  return store.runAutoCommit('synthetic/delete-synthetic', { prefix: PREFIX, limit: 10_000 });
}

afterAll(async () => {
  await clear();
  await driver.close();
});

describe('GraphStore for loads and exchanges', () => {
  it('writeRows writes in batches of batchSize, one UNWIND statement each, and reports each batch', async () => {
    const rows = nodes(0, 25);
    const batches: [number, number][] = [];
    const before = store.roundTrips;
    await store.writeRows('load/merge-nodes', rows, { batchSize: 10, onBatch: (done, total) => batches.push([done, total]) });
    expect(batches).toEqual([
      [10, 25],
      [20, 25],
      [25, 25],
    ]);
    expect(store.roundTrips - before).toBe(3);
    expect(await present(rows.map((r) => r.id))).toEqual(rows.map((r) => r.id));
  });

  it('writeRows returns what each statement returned, batch by batch', async () => {
    const created = await store.writeRows<{ created: number }>('synthetic/create-nodes', nodes(100, 107), { batchSize: 3 });
    expect(created.map((r) => Number(r.created))).toEqual([3, 3, 1]);
  });

  it('writeRows with oneTransaction writes nothing when a later batch fails; without it, the earlier batches stay', async () => {
    const good = nodes(200, 210);
    // A row without an id: MERGE on a null property fails the statement.
    const rows = [...good, { id: null, labels: ['Synthetic'], props: { synthetic: true } }];
    await expect(store.writeRows('load/merge-nodes', rows, { batchSize: 10, oneTransaction: true })).rejects.toThrow(/null/i);
    expect(await present(good.map((r) => r.id))).toEqual([]);

    await expect(store.writeRows('load/merge-nodes', rows, { batchSize: 10 })).rejects.toThrow(/null/i);
    expect(await present(good.map((r) => r.id))).toEqual(good.map((r) => r.id));
  });

  it('readTx runs several named queries in one read transaction and refuses a write inside it', async () => {
    const ids = nodes(0, 3).map((r) => r.id);
    const [found, counted] = await store.readTx(async (tx) => [
      await tx.run('import/find-entities', { ids }),
      await tx.run('synthetic/has-synthetic', { prefix: PREFIX }),
    ]);
    expect(found.map((r) => r.id)).toEqual(ids);
    expect(counted[0]?.present).toBe(true);

    const write = store.readTx((tx) => tx.run('load/merge-nodes', { rows: [node(300)] }));
    await expect(write).rejects.toThrow(/read/i);
    expect(await present([node(300).id])).toEqual([]);
  });

  it('stream hands each record of a named query to onRow in turn, awaiting it, and counts them', async () => {
    const ids = nodes(0, 25).map((r) => r.id);
    const seen: string[] = [];
    let inFlight = 0;
    const count = await store.stream<{ id: string }>('export/stream-nodes', { ids }, async (row) => {
      inFlight += 1;
      expect(inFlight).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(row.id);
      inFlight -= 1;
    });
    expect(count).toBe(25);
    expect(seen.sort()).toEqual(ids);
  });

  it('a per-call timeoutMs replaces the store timeout for that transaction', async () => {
    const ids = [node(0).id];
    const idle = () => new Promise((resolve) => setTimeout(resolve, 3_000));
    // Neo4j checks transaction timeouts every 2 s: an open transaction idle for 3 s is past 100 ms.
    const late = store.readTx(
      async (tx) => {
        await idle();
        return tx.run('import/find-entities', { ids });
      },
      { timeoutMs: 100 },
    );
    await expect(late).rejects.toMatchObject({ code: expect.stringMatching(/TransactionTimedOut|Terminated/) });
    const inTime = await store.readTx(async (tx) => {
      await idle();
      return tx.run('import/find-entities', { ids });
    });
    expect(inTime).toHaveLength(1);
  }, 20_000);

  it('runAutoCommit runs CALL … IN TRANSACTIONS and returns its counters', async () => {
    const underPrefix = async () => {
      const { records } = await driver.executeQuery('MATCH (n) WHERE n.id STARTS WITH $p RETURN n.id AS id', { p: PREFIX }, { database });
      return records.map((r) => r.get('id') as string);
    };
    const before = await underPrefix();
    expect(before.length).toBeGreaterThanOrEqual(25 + 10);
    const { counters } = await clear();
    expect({ deleted: counters.nodesDeleted, left: await underPrefix() }).toEqual({ deleted: before.length, left: [] });
  });
});
