/**
 * Qualified display names for homonyms (review E-11): two entities named alike, or a name such as
 * 区政府 or 园区党委 that says which one only inside its own report, are shown with the place that
 * tells them apart: “第一书记（历城区）”, “区政府（历城区）”. The name stays as the report writes it;
 * `displayName` is set beside it after the seed loads, from where each entity lies: the nearest 街道
 * and 区 up its lines of place and command, as the city overview groups it (cypher/overview/group-nodes.cypher,
 * which takes them from cypher/fragments/located-in.cypher, as the reports do).
 */
import type { GraphStore, WriteTx } from '../graph/graph-store.ts';

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

/** Sets (and clears) display names over the documented graph, in one write transaction (the seed load). */
export async function setDisplayNames(store: GraphStore): Promise<{ named: number; cleared: number }> {
  return store.write((tx) => refreshDisplayNames(tx, null));
}

/**
 * Sets and clears the display names of the entities named `names` (all when null), inside the caller's
 * transaction: the seed load does it for every name, an edit that creates, renames or moves an entity
 * for its old and new name (a namesake group is whole either way, so the rule sees all of it).
 */
export async function refreshDisplayNames(tx: WriteTx, names: string[] | null): Promise<{ named: number; cleared: number }> {
  const clashes = await tx.run<{ id: string; name: string }>('load/list-name-clashes', { includeSynthetic: false, names });
  const ids = clashes.map((c) => c.id);
  const where = new Map<string, { subdistrict: string | null; district: string | null }>();
  if (ids.length > 0) {
    const found = await tx.run<{ id: string; subdistrict: string | null; district: string | null }>('overview/group-nodes', {
      ids,
      includeSynthetic: false,
      limit: ids.length,
    });
    for (const r of found) where.set(r.id, { subdistrict: r.subdistrict, district: r.district });
  }
  const homes = clashes.map((c) => ({ ...c, subdistrict: null, district: null, ...where.get(c.id) }));
  const rows = [...qualifyingPlaces(homes)].map(([id, place]) => ({ id, place }));
  const [row] = await tx.run<{ named: number; cleared: number }>('load/set-display-names', { rows, names });
  return { named: Number(row?.named ?? 0), cleared: Number(row?.cleared ?? 0) };
}
