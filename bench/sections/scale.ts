/**
 * 4. Scale: the same questions, about entities of the same size, on the city graph (~2×10^4 nodes)
 * and the province graph (>10^6), through the API, interleaved. And the coverage roll-up of areas of
 * different sizes within the province: its cost should follow the area, not the whole graph.
 */
import type { Driver } from 'neo4j-driver';
import { buildBenchApp, inject } from '../lib/bench-app.ts';
import type { Report } from '../lib/report.ts';
import { interleave, ms, summarize } from '../lib/stats.ts';
import type { BenchStore } from '../lib/stores.ts';
import { AS_OF, one } from './queries.ts';

const q = {
  point: (name: string) => `{ organization(name: "${name}") { id name kind } }`,
  hop: (id: string) => `{ organization(id: "${id}") { covers(kinds: ["Village"]) { totalCount nodes { id name } } } }`,
  subtree: (id: string) => `{ organization(id: "${id}") { descendants(maxDepth: 4, first: 500) { totalCount nodes { id name kind } } } }`,
  coverage: (area: string) =>
    `{ pairingCoverage(area: "${area}", asOf: "${AS_OF}") { villages paired rate unpaired(first: 100) { totalCount } byArea { area { id } villages paired rate } } }`,
};

/** A joint committee over exactly `villages` villages. */
const jointOf = (driver: Driver, prefix: string, villages: number) =>
  one(
    driver,
    `MATCH (j:JointCommittee) WHERE j.id STARTS WITH $prefix
     WITH j LIMIT 2000
     MATCH (j)-[:COVERS]->(v:Village) WITH j, count(v) AS n WHERE n = $villages
     RETURN j.id AS id, j.name AS name ORDER BY j.id LIMIT 1`,
    { prefix, villages },
  );

/** Working committees with their depth-4 subtree size; the one closest to `size`. */
const subtreeNear = async (driver: Driver, prefix: string, size: number | null) =>
  one(
    driver,
    `MATCH (w:SubdistrictWorkingCommittee) WHERE w.id STARTS WITH $prefix
     WITH w ORDER BY w.id LIMIT 300
     CALL (w) { MATCH (w)<-[:REPORTS_TO*1..4]-(d) RETURN count(DISTINCT d) AS n }
     RETURN w.id AS id, n ORDER BY CASE WHEN $size IS NULL THEN 0 ELSE abs(n - $size) END, w.id LIMIT 1`,
    { prefix, size },
  );

/**
 * Areas of a kind with their size: the places in them (every PART_OF descendant, which is what the
 * roll-up walks) and their villages; the area whose place count is closest to `size`.
 */
const areaNear = (driver: Driver, prefix: string, kind: 'District' | 'Subdistrict' | 'City', size: number | null) =>
  one(
    driver,
    `MATCH (a:Place {kind: $kind}) WHERE a.id STARTS WITH $prefix
     WITH a ORDER BY a.id LIMIT 300
     CALL (a) { MATCH (a)<-[:PART_OF*1..8]-(p:Place) RETURN count(p) AS n, count(CASE WHEN p:Village THEN 1 END) AS villages }
     WITH a, n, villages WHERE villages > 0
     RETURN a.id AS id, n, villages ORDER BY CASE WHEN $size IS NULL THEN 0 ELSE abs(n - $size) END, a.id LIMIT 1`,
    { prefix, kind, size },
  );

export async function scale(report: Report, city: BenchStore, province: BenchStore, effort: { rounds: number; warmup: number }) {
  const section = '4. Scale: province (>10^6 nodes) vs city (~2×10^4), same-size questions, API p50';
  console.log(`\n${section}: ${effort.rounds} rounds`);
  const cJoint = await jointOf(city.driver, city.prefix, 6);
  const pJoint = await jointOf(province.driver, province.prefix, 6);
  const cTree = await subtreeNear(city.driver, city.prefix, null);
  const pTree = await subtreeNear(province.driver, province.prefix, Number(cTree?.n));
  const cDistrict = await areaNear(city.driver, city.prefix, 'District', null);
  const pDistrict = await areaNear(province.driver, province.prefix, 'District', Number(cDistrict?.n));
  const pSub = await areaNear(province.driver, province.prefix, 'Subdistrict', Math.round(Number(pDistrict?.n) / 10));
  const pCity = await areaNear(province.driver, province.prefix, 'City', null);
  if (!cJoint || !pJoint || !cTree || !pTree || !cDistrict || !pDistrict || !pSub || !pCity) throw new Error('scale: no matching entities');
  const matched = { cJoint, pJoint, cTree, pTree, cDistrict, pDistrict, pSub, pCity };

  const cApp = await buildBenchApp(city);
  const pApp = await buildBenchApp(province);
  const figures: Record<string, unknown> = { matched };
  try {
    const pairs = [
      { id: 'point', name: 'point lookup by name', c: q.point(cJoint.name!), p: q.point(pJoint.name!), size: 'one node' },
      { id: 'hop', name: '1 hop: a joint committee’s villages', c: q.hop(cJoint.id!), p: q.hop(pJoint.id!), size: '6 villages each' },
      {
        id: 'subtree',
        name: 'subtree to depth 4 of a working committee',
        c: q.subtree(cTree.id!),
        p: q.subtree(pTree.id!),
        size: `${cTree.n} vs ${pTree.n} descendants`,
      },
      {
        id: 'coverage',
        name: 'coverage roll-up of a district',
        c: q.coverage(cDistrict.id!),
        p: q.coverage(pDistrict.id!),
        size: `${cDistrict.n} vs ${pDistrict.n} places, ${cDistrict.villages} vs ${pDistrict.villages} villages`,
      },
    ];
    for (const pair of pairs) {
      await inject(cApp, pair.c);
      await inject(pApp, pair.p);
      const times = await interleave({ city: () => inject(cApp, pair.c), province: () => inject(pApp, pair.p) }, effort);
      const t = { city: summarize(times.city), province: summarize(times.province) };
      figures[pair.id] = t;
      report.ratio(section, `province/city p50 · ${pair.name}`, t.province.p50 / t.city.p50, 1.5, {
        detail: `${ms(t.province.p50)} / ${ms(t.city.p50)} ms (${pair.size})`,
      });
    }

    // Within the province: a subdistrict, a district and a whole city of it.
    const areas = { subdistrict: pSub, district: pDistrict, city: pCity };
    const queries = Object.fromEntries(Object.entries(areas).map(([k, a]) => [k, q.coverage(a.id!)]));
    for (const query of Object.values(queries)) await inject(pApp, query);
    const times = await interleave(
      {
        subdistrict: () => inject(pApp, queries.subdistrict!),
        district: () => inject(pApp, queries.district!),
        city: () => inject(pApp, queries.city!),
      },
      { rounds: Math.max(5, Math.round(effort.rounds / 3)), warmup: 2 },
    );
    const t = { subdistrict: summarize(times.subdistrict), district: summarize(times.district), city: summarize(times.city) };
    figures.areas = { areas, ...t };
    const sizeOf = (k: keyof typeof areas) => Number(areas[k].n);
    const total = await one(province.driver, 'MATCH (v:Place) WHERE v.id STARTS WITH $prefix RETURN count(v) AS n', {
      prefix: province.prefix,
    });
    for (const [small, large] of [
      ['subdistrict', 'district'],
      ['district', 'city'],
    ] as const) {
      const timeRatio = t[large].p50 / t[small].p50;
      const sizeRatio = sizeOf(large) / sizeOf(small);
      report.ratio(section, `coverage ${large}/${small} in the province: time ratio ÷ size ratio`, timeRatio / sizeRatio, 1.5, {
        detail: `time ${ms(t[large].p50)} / ${ms(t[small].p50)} ms = ${timeRatio.toFixed(1)}×; places ${sizeOf(large)} / ${sizeOf(small)} = ${sizeRatio.toFixed(1)}× (the province has ${total?.n} places)`,
      });
    }
  } finally {
    await cApp.close();
    await pApp.close();
  }
  report.raw.scale = figures;
}
