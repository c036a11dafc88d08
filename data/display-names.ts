/**
 * Qualified display names for homonyms (review E-11): two entities named alike, or a name such as
 * 区政府 or 园区党委 that says which one only inside its own report, are shown with the place that
 * tells them apart: “第一书记（历城区）”, “区政府（历城区）”. The name stays as the report writes it;
 * `displayName` is set beside it after the seed loads, from where each entity lies (the same walk up
 * to its 街道 and 区 as the city overview's grouping, cypher/overview/group-nodes.cypher).
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { cypher } from '../graph/cypher-queries.ts';

/** An entity whose name clashes, with the 街道 and 区 it lies in (ids; null when none is above it). */
export interface Home {
  id: string;
  name: string;
  subdistrict: string | null;
  district: string | null;
}

/**
 * For each entity whose name clashes, the id of the place to name beside it: the 区 when that tells
 * every namesake apart, else the 街道 when that does, else whichever it has (a best effort a person can
 * still read). A lone generic name (区政府) takes its 区. An entity with no place above it keeps its name.
 */
export function qualifyingPlaces(homes: Home[]): Map<string, string> {
  const byName = new Map<string, Home[]>();
  for (const home of homes) byName.set(home.name, [...(byName.get(home.name) ?? []), home]);
  const places = new Map<string, string>();
  for (const group of byName.values()) {
    const tellsApart = (key: 'district' | 'subdistrict') =>
      group.every((h) => h[key] !== null) && new Set(group.map((h) => h[key])).size === group.length;
    const key = group.length === 1 || tellsApart('district') ? 'district' : tellsApart('subdistrict') ? 'subdistrict' : null;
    for (const home of group) {
      const place = key ? (home[key] ?? home.subdistrict) : (home.subdistrict ?? home.district);
      if (place) places.set(home.id, place);
    }
  }
  return places;
}

/** Sets (and clears) display names over the documented graph, in one write transaction. */
export async function setDisplayNames(driver: Driver, database: string): Promise<{ named: number; cleared: number }> {
  const session = driver.session({ database });
  try {
    return await session.executeWrite(async (tx) => {
      const clashes = (await tx.run(cypher('load/list-name-clashes'), { includeSynthetic: false })).records.map(
        (r) => r.toObject() as { id: string; name: string },
      );
      const ids = clashes.map((c) => c.id);
      const where = new Map<string, { subdistrict: string | null; district: string | null }>();
      if (ids.length > 0) {
        const found = await tx.run(cypher('overview/group-nodes'), { ids, includeSynthetic: false, limit: neo4j.int(ids.length) });
        for (const r of found.records) where.set(r.get('id'), { subdistrict: r.get('subdistrict'), district: r.get('district') });
      }
      const homes = clashes.map((c) => ({ ...c, subdistrict: null, district: null, ...where.get(c.id) }));
      const rows = [...qualifyingPlaces(homes)].map(([id, place]) => ({ id, place }));
      const result = await tx.run(cypher('load/set-display-names'), { rows });
      const row = result.records[0];
      return { named: Number(row?.get('named') ?? 0), cleared: Number(row?.get('cleared') ?? 0) };
    });
  } finally {
    await session.close();
  }
}
