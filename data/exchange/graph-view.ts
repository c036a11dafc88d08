/**
 * What the import needs to know about the stored graph, asked in batches (UNWIND $ids) inside the
 * import's own transaction: a read transaction for a dry run, the write transaction itself for a
 * real run (where the entities the rows name are locked first, so the checks and the writes see the
 * same graph).
 */
import type { QueryName } from '../../graph/cypher-queries.ts';
import type { GraphTx } from '../../graph/graph-store.ts';

export const LOOKUP_BATCH = 10_000;

export interface StoredEntity {
  id: string;
  labels: string[];
  props: Record<string, unknown>;
  links: { type: string; to: string }[];
}

export interface StoredPairing {
  id: string;
  props: Record<string, unknown>;
  partnerId: string;
  targetId: string;
}

export interface PairingSpan {
  id: string;
  kind: string;
  partnerId: string;
  targetId: string;
  validFrom: string | null;
  validTo: string | null;
}

type Rows = Record<string, unknown>[];

async function batched<T>(tx: GraphTx, query: QueryName, key: string, items: unknown[]): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < items.length; i += LOOKUP_BATCH) {
    out.push(...(await tx.runByName<T>(query, { [key]: items.slice(i, i + LOOKUP_BATCH) })));
  }
  return out;
}

export class GraphView {
  constructor(
    private readonly tx: GraphTx,
    /** Lock what is read (the real run's write transaction). */
    private readonly lock: boolean,
  ) {}

  async entities(ids: Iterable<string>): Promise<Map<string, StoredEntity>> {
    const sorted = [...new Set(ids)].sort();
    const rows = await batched<StoredEntity>(this.tx, this.lock ? 'import/lock-entities' : 'import/find-entities', 'ids', sorted);
    return new Map(rows.map((row) => [row.id, row]));
  }

  async ancestorLinks(ids: Iterable<string>): Promise<{ child: string; parent: string }[]> {
    return batched(this.tx, 'import/find-ancestor-links', 'ids', [...new Set(ids)]);
  }

  async pairings(ids: Iterable<string>): Promise<Map<string, StoredPairing>> {
    const rows = await batched<StoredPairing>(this.tx, 'import/find-pairings', 'ids', [...new Set(ids)]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  async pairingsBetween(pairs: { partnerId: string; targetId: string }[]): Promise<PairingSpan[]> {
    return batched(this.tx, 'import/find-pairings-between', 'pairs', pairs);
  }

  async positions(pairs: { personId: string; atId: string }[]): Promise<Map<string, Record<string, unknown>>> {
    const rows = await batched<{ personId: string; atId: string; props: Record<string, unknown> }>(
      this.tx,
      'import/find-positions',
      'pairs',
      pairs,
    );
    return new Map(rows.map((row) => [`${row.personId}|${row.atId}`, row.props]));
  }

  async relationships(
    rows: { id: string; from: string }[],
  ): Promise<Map<string, { type: string; to: string; props: Record<string, unknown> }>> {
    const found = await batched<{ id: string; type: string; to: string; props: Record<string, unknown> }>(
      this.tx,
      'import/find-relationships',
      'rows',
      rows,
    );
    return new Map(found.map((r) => [r.id, r]));
  }

  async claims(ids: Iterable<string>): Promise<Map<string, { props: Record<string, unknown>; subjects: string[] }>> {
    const found = await batched<{ id: string; props: Record<string, unknown>; subjects: string[] }>(this.tx, 'import/find-claims', 'ids', [
      ...new Set(ids),
    ]);
    return new Map(found.map((c) => [c.id, c]));
  }

  /**
   * Which of the stored `ids` lie outside an editor's area: the write rule every write path uses
   * (cypher/scope/find-outside-area.cypher), asked in batches.
   */
  async outsideArea(scope: string, ids: Iterable<string>): Promise<Set<string>> {
    const outside = new Set<string>();
    const all = [...new Set(ids)];
    for (let i = 0; i < all.length; i += LOOKUP_BATCH) {
      const found = await this.tx.runByName<{ id: string }>('scope/find-outside-area', { scope, ids: all.slice(i, i + LOOKUP_BATCH) });
      for (const row of found) outside.add(row.id);
    }
    return outside;
  }

  /** Runs one batched write query over rows, in slices. */
  async write(query: QueryName, rows: Rows, batchSize: number, onBatch?: (done: number) => void): Promise<void> {
    for (let i = 0; i < rows.length; i += batchSize) {
      const slice = rows.slice(i, i + batchSize);
      await this.tx.runByName(query, query === 'import/record-changes' ? { changes: slice } : { rows: slice });
      onBatch?.(slice.length);
    }
  }
}
