/**
 * The store's request reads (graph/graph-store.ts readByName, readCompiled: one auto-commit transaction
 * each since 72c0df6), against the real Neo4j: a write is seen by the very next read, the store's
 * timeout and a request's database budget still stop a read that runs too long, and a read neither
 * writes nor takes a write. Every record here lies under a syn- prefix of its own and is deleted at the end.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { GraphStore } from '../../graph/graph-store.ts';
import { runInBudget } from '../../graph/query-budget.ts';
import { testDriver } from '../helpers/neo4j.ts';

const PREFIX = 'syn-gsr-';
const { driver, database } = testDriver();
const store = new GraphStore(driver, database, 30_000);
const quick = new GraphStore(driver, database, 300);

/** A read that runs for many seconds unless stopped: counts a long range, keeping none of it. */
const SLOW = { text: 'UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n', params: {} };

afterAll(async () => {
  await store.runAutoCommit('synthetic/delete-synthetic', { prefix: PREFIX, limit: 10_000 });
  await driver.close();
});

describe('request reads, one auto-commit transaction each', () => {
  it('see each write the moment it commits, by name and compiled, many times over', async () => {
    for (let i = 0; i < 20; i += 1) {
      const id = `${PREFIX}${i}`;
      await store.writeRows('load/merge-nodes', [{ id, labels: ['Synthetic'], props: { synthetic: true, name: `n${i}` } }]);
      const byName = await store.readByName<{ id: string }>('import/find-entities', { ids: [id] });
      expect(byName.map((r) => r.id)).toEqual([id]);
      const compiled = await store.readCompiled<{ name: string }>({ text: 'MATCH (n {id: $id}) RETURN n.name AS name', params: { id } });
      expect(compiled).toEqual([{ name: `n${i}` }]);
    }
  });

  it('are read-only: a write through the read path is refused', async () => {
    await expect(
      store.readCompiled({ text: 'CREATE (n:Synthetic {id: $id, synthetic: true})', params: { id: `${PREFIX}w` } }),
    ).rejects.toThrow();
    expect(await store.readByName('import/find-entities', { ids: [`${PREFIX}w`] })).toEqual([]);
  });

  it("stop at the store's timeout", async () => {
    const started = Date.now();
    await expect(quick.readCompiled(SLOW)).rejects.toMatchObject({ code: expect.stringMatching(/TransactionTimedOut|Terminated/) });
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);

  it("stop at what is left of a request's budget, answered as the budget's error", async () => {
    const spent = new Error('the request spent its database time');
    const budget = { deadline: Date.now() + 300, spent: () => spent };
    await expect(runInBudget(budget, () => store.readCompiled(SLOW))).rejects.toBe(spent);
    // Nothing left: refused before the database is asked.
    const before = store.roundTrips;
    await expect(
      runInBudget({ deadline: Date.now() - 1, spent: () => spent }, () => store.readByName('import/find-entities', { ids: [] })),
    ).rejects.toBe(spent);
    expect(store.roundTrips).toBe(before);
  }, 30_000);
});
