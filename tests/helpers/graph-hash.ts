/**
 * A content hash of (part of) the graph: every node whose id (or change-log entity id) starts with a
 * prefix, with its labels, properties and outgoing relationships, sorted, hashed. Equal hashes mean
 * nothing was written there; tests use it to prove a refused or malicious request changed nothing.
 * `skipLabels` leaves out bookkeeping nodes a request may touch without writing content (a session's
 * last-use time).
 */
import { createHash } from 'node:crypto';
import type { Driver } from 'neo4j-driver';

const stable = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

export async function graphHash(driver: Driver, database: string, prefix = '', skipLabels: string[] = []): Promise<string> {
  const { records } = await driver.executeQuery(
    `MATCH (n)
     WHERE (coalesce(n.id, n.key, '') STARTS WITH $prefix OR coalesce(n.entityId, '') STARTS WITH $prefix)
       AND none(label IN labels(n) WHERE label IN $skipLabels)
     OPTIONAL MATCH (n)-[r]->(m)
     WITH n, r, m ORDER BY type(r), m.id, r.id
     RETURN labels(n) AS labels, properties(n) AS props, collect([type(r), m.id, properties(r)]) AS out`,
    { prefix, skipLabels },
    { database },
  );
  const lines = records.map((r) => stable([[...(r.get('labels') as string[])].sort(), r.get('props'), r.get('out')])).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}
