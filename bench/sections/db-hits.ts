/**
 * 8. Database hits (PROFILE) per question: ours (compiled read path, and loaders only), the best Cypher
 * we could write by hand for the same answer, and the peer (@neo4j/graphql). Hits count what the
 * database does (every operator's record and property reads), so unlike latency they do not move with
 * the machine's load: the row compares the work, not the wait. Target: ours ≤ 1.1× hand-written; the
 * same question asked by an editor whose area is a district ≤ 1.2× an admin's.
 *
 * The hand-written queries answer exactly what our question asks (the same pages, orders and
 * projections) on the generated graph's shape (villages directly under subdistricts, chains led by
 * roles); they are the yardstick, not a second implementation.
 */
import { cypher } from '../../graph/cypher-queries.ts';
import { cypherParams } from '../../graph/graph-store.ts';
import { buildReadPathApp, editorHeader, recordReads } from '../lib/bench-app.ts';
import { captureStatements, dbHits, type Statement } from '../lib/db-hits.ts';
import type { Report } from '../lib/report.ts';
import type { BenchStore } from '../lib/stores.ts';
import { TARGETS } from '../lib/targets.ts';
import { buildPeerApp } from '../peer/app.ts';
import { peerCases } from './peer.ts';
import { AS_OF, type CaseId, cases, type Sample, sample } from './queries.ts';

/** The best hand-written Cypher for each question (same answer as ours), where there is one. */
export function handWritten(s: Sample): Partial<Record<CaseId, Statement>> {
  return {
    point: {
      text: `MATCH (n:Entity {name: $name}) WHERE n:Organization
             WITH n ORDER BY n.synthetic, n.id LIMIT 1
             RETURN n {.id, .name, .kind} AS organization`,
      params: { name: s.joint.name },
    },
    villages: {
      text: `MATCH (j:Entity {id: $id})
             CALL (j) {
               MATCH (j)-[:COVERS|GOVERNS]->(v:Entity) WHERE v.kind = 'Village'
               WITH v ORDER BY v.synthetic, v.name, v.id LIMIT 100
               RETURN collect(v {.id, .name}) AS nodes
             }
             RETURN j.name AS name, nodes, COUNT { (j)-[:COVERS|GOVERNS]->(v:Entity) WHERE v.kind = 'Village' } AS totalCount`,
      params: { id: s.joint.id },
    },
    subtree: {
      text: `MATCH (n:Entity {id: $id})
             MATCH p = (d:Organization)-[:REPORTS_TO*1..4]->(n)
             WITH d, min(length(p)) AS depth
             ORDER BY depth, d.synthetic, d.name, d.id
             WITH collect(d {.id, .name, .kind}) AS found
             RETURN size(found) AS totalCount, found[..500] AS nodes`,
      params: { id: s.district.id },
    },
    coverage: {
      text: `MATCH (d:Entity {id: $area})<-[:PART_OF]-(s:Place)
             CALL (s) {
               MATCH (s)<-[:PART_OF]-(v:Village)
               WITH v, EXISTS {
                 MATCH (v)<-[r:PAIRED_WITH]-() WHERE r.kind = 'EnterpriseVillage'
                   AND coalesce(r.validFrom, '0000-01-01') <= $asOf AND (r.validTo IS NULL OR r.validTo >= $asOf)
               } AS paired
               ORDER BY v.name, v.id
               RETURN count(v) AS villages, sum(CASE WHEN paired THEN 1 ELSE 0 END) AS paired,
                      collect(CASE WHEN paired THEN null ELSE v {.id, .name} END) AS unpaired
             }
             WITH s, villages, paired, unpaired WHERE villages > 0
             ORDER BY villages DESC, s.name
             WITH collect({area: s {.id, .name}, villages: villages, paired: paired}) AS byArea,
                  sum(villages) AS villages, sum(paired) AS paired, collect(unpaired) AS lists
             CALL (lists) {
               UNWIND lists AS list
               UNWIND list AS v
               WITH v ORDER BY v.name, v.id
               RETURN collect(v) AS unpaired
             }
             RETURN villages, paired, byArea, size(unpaired) AS totalCount, unpaired[..100] AS nodes`,
      params: { area: s.district.place, asOf: AS_OF },
    },
    chain: {
      text: `MATCH (c:Entity {id: $id})
             CALL (c) {
               MATCH (c)<-[:LEADS]-(role:LeadershipRole)
               OPTIONAL MATCH (role)-[:HELD_WITHIN]->(o:Organization)
               WITH role, head(collect(o.name)) AS organization ORDER BY role.name, role.id
               RETURN collect({role: role.name, holder: role.holder, organization: organization}) AS leaders
             }
             CALL (c) {
               MATCH (c)<-[:ON_CHAIN]-(e:Entity)
               WITH e ORDER BY e.synthetic, e.name, e.id LIMIT 100
               RETURN collect(e {.id, .name}) AS nodes
             }
             RETURN c.name AS name, leaders, nodes, COUNT { (c)<-[:ON_CHAIN]-() } AS totalCount`,
      params: { id: s.chain.id },
    },
    nested: {
      text: `MATCH (dc:Entity {id: $id})
             CALL (dc) {
               MATCH (dc)<-[:REPORTS_TO]-(s:Organization)
               WITH s ORDER BY s.synthetic, s.name, s.id LIMIT 100
               CALL (s) {
                 MATCH (s)<-[:REPORTS_TO]-(j:Organization)
                 WITH j ORDER BY j.synthetic, j.name, j.id LIMIT 100
                 CALL (j) {
                   MATCH (j)-[:COVERS|GOVERNS]->(v:Village)
                   WITH v ORDER BY v.synthetic, v.name, v.id LIMIT 100
                   CALL (v) {
                     MATCH (v)<-[r:PAIRED_WITH]-()
                     WITH r ORDER BY coalesce(r.validFrom, '') DESC, r.id
                     RETURN collect(r {.id, .status, .validFrom}) AS pairings
                   }
                   RETURN collect(v {.name, pairings: pairings}) AS villages
                 }
                 RETURN collect(j {.name, covers: villages}) AS joint
               }
               RETURN collect(s {.name, children: joint}) AS subdistricts
             }
             RETURN dc.name AS name, subdistricts`,
      params: { id: s.district.id },
    },
  };
}

export async function dbHitsSection(report: Report, store: BenchStore) {
  const section = '8. Database hits (PROFILE): ours vs hand-written Cypher vs the peer';
  console.log(`\n${section}: ${store.name} graph`);
  const s = await sample(store.driver, store.prefix);
  const ours = await buildReadPathApp(store, true);
  const loaders = await buildReadPathApp(store, false);
  const peer = await buildPeerApp(store.target);
  const hand = handWritten(s);
  const pc = peerCases(s);
  const figures: Record<string, unknown>[] = [];
  const asDriverTakes = (reads: { name: string; text?: string; params: Record<string, unknown> }[]): Statement[] =>
    reads.map((r) => ({ text: r.text ?? cypher(r.name as never), params: cypherParams(r.params) }));
  try {
    for (const c of cases(s)) {
      const o = await recordReads(ours, c.graphql);
      const l = await recordReads(loaders, c.graphql);
      // The same question asked by an editor whose area is the district: reads are not narrowed to an
      // editor's area (the scope rule, cypher/fragments/editor-scope, decides writes only), so it should
      // cost what the admin's does.
      const ed = await recordReads(ours, c.graphql, editorHeader(s.district.place));
      const oursHits = await dbHits(store.driver, asDriverTakes(o.reads));
      const editorHits = await dbHits(store.driver, asDriverTakes(ed.reads));
      const loaderHits = await dbHits(store.driver, asDriverTakes(l.reads));
      const h = hand[c.id];
      const handHits = h ? await dbHits(store.driver, [{ text: h.text, params: h.params }]) : null;
      const p = pc[c.id];
      let peerHits: number | null = null;
      if (p.query) {
        const statements = await captureStatements(peer.driver, () =>
          peer.app.inject({ method: 'POST', url: '/graphql', payload: { query: p.query } }),
        );
        peerHits = statements.length > 0 ? await dbHits(peer.driver, statements) : null;
      }
      const row = {
        case: c.id,
        name: c.name,
        ours: oursHits,
        oursRoundTrips: o.reads.length,
        loaders: loaderHits,
        loadersRoundTrips: l.reads.length,
        editor: editorHits,
        editorRoundTrips: ed.reads.length,
        handWritten: handHits,
        peer: peerHits,
      };
      figures.push(row);
      const detail = `ours ${oursHits} (${o.reads.length} queries), loaders only ${loaderHits} (${l.reads.length}), hand-written ${handHits ?? '–'}, peer ${peerHits ?? '–'}`;
      const suffix = `${c.name} (${store.name})`;
      if (handHits) report.ratio(section, `ours/hand-written dbHits · ${suffix}`, oursHits / handHits, TARGETS.dbHitsOverHand, { detail });
      else report.missing(section, `ours/hand-written dbHits · ${suffix}`, `no hand-written query; ${detail}`);
      if (peerHits) report.ratio(section, `peer/ours dbHits · ${suffix}`, peerHits / oursHits, null, { atLeast: true, detail });
      report.ratio(section, `editor/admin dbHits · ${suffix}`, editorHits / oursHits, TARGETS.dbHitsEditorOverAdmin, {
        detail: `editor (area ${s.district.place}) ${editorHits} (${ed.reads.length} queries), admin ${oursHits} (${o.reads.length})`,
      });
    }
  } finally {
    await ours.close();
    await loaders.close();
    await peer.close();
  }
  report.raw[`dbHits:${store.name}`] = { sample: s, cases: figures };
}
