/**
 * The key questions, as GraphQL for our API, asked about entities sampled from a generated graph.
 * Each benchmark section takes its cases from here, so every section asks the same questions.
 */
import type { Driver } from 'neo4j-driver';

export interface Sample {
  /** A district committee, its district (place) and a subdistrict working committee under it. */
  district: { id: string; name: string; place: string };
  subdistrict: { id: string; place: string };
  joint: { id: string; name: string };
  chain: { id: string };
  /** A village of the district, so the path to the district committee exists. */
  village: { id: string };
}

export async function one(driver: Driver, query: string, params: Record<string, unknown> = {}) {
  const { records } = await driver.executeQuery(query, params, { database: 'neo4j' });
  return records[0]?.toObject() as Record<string, string> | undefined;
}

/** Entities to ask about: the first district of the graph (ids are deterministic from the seed). */
export async function sample(driver: Driver, prefix: string, districtPlace = `${prefix}c0d0`): Promise<Sample> {
  const p = { prefix, place: districtPlace };
  const district = await one(
    driver,
    'MATCH (n:DistrictCommittee)-[:GOVERNS]->(d:District {id: $place}) RETURN n.id AS id, n.name AS name, d.id AS place',
    p,
  );
  const subdistrict = await one(
    driver,
    `MATCH (:District {id: $place})<-[:PART_OF]-(s:Subdistrict)<-[:GOVERNS]-(w:SubdistrictWorkingCommittee)
     RETURN w.id AS id, s.id AS place ORDER BY s.id LIMIT 1`,
    p,
  );
  const joint = await one(
    driver,
    // A name no other entity has: the point lookup asks by name, and the province's generated names repeat.
    `MATCH (:District {id: $place})<-[:PART_OF]-(:Subdistrict)<-[:PART_OF]-(:Village)<-[:COVERS]-(n:JointCommittee)
     WHERE COUNT { MATCH (m:Entity) WHERE m.name = n.name } = 1
     RETURN DISTINCT n.id AS id, n.name AS name ORDER BY n.id LIMIT 1`,
    p,
  );
  const chain = await one(
    driver,
    `MATCH (:District {id: $place})<-[:GOVERNS]-(:DistrictCommittee)-[:LEADS]->(n:IndustryChain {kind: 'IndustryChain'})
     WHERE EXISTS { (n)<-[:LEADS]-(:LeadershipRole) } RETURN n.id AS id ORDER BY n.id LIMIT 1`,
    p,
  );
  const village = await one(
    driver,
    'MATCH (:District {id: $place})<-[:PART_OF]-(:Subdistrict)<-[:PART_OF]-(n:Village) RETURN n.id AS id ORDER BY n.id DESC LIMIT 1',
    p,
  );
  if (!district || !subdistrict || !joint || !chain || !village) throw new Error(`the graph ${prefix}… lacks an entity to measure with`);
  return {
    district: { id: district.id!, name: district.name!, place: district.place! },
    subdistrict: { id: subdistrict.id!, place: subdistrict.place! },
    joint: { id: joint.id!, name: joint.name! },
    chain: { id: chain.id! },
    village: { id: village.id! },
  };
}

export type CaseId = 'point' | 'villages' | 'subtree' | 'coverage' | 'chain' | 'nested' | 'path' | 'neighbourhood';

export interface Case {
  id: CaseId;
  name: string;
  graphql: string;
}

/** "Today" for pairings: fixed, so runs on different days ask the same question. */
export const AS_OF = '2025-06-30';

export const nestedQuery = (districtCommitteeId: string) => `{
  organization(id: "${districtCommitteeId}") {
    name
    children { nodes { ... on Organization {
      name
      children { nodes { ... on Organization {
        name
        covers(kinds: ["Village"]) { nodes { ... on Place {
          name
          pairings { id status validFrom }
        } } }
      } } }
    } } }
  }
}`;

export function cases(s: Sample): Case[] {
  return [
    { id: 'point', name: 'point lookup by name', graphql: `{ organization(name: "${s.joint.name}") { id name kind } }` },
    {
      id: 'villages',
      name: "a joint committee's villages",
      graphql: `{ organization(id: "${s.joint.id}") { name covers(kinds: ["Village"]) { totalCount nodes { id name } } } }`,
    },
    {
      id: 'subtree',
      name: 'subtree to depth 4',
      graphql: `{ organization(id: "${s.district.id}") { descendants(maxDepth: 4, first: 500) { totalCount nodes { id name kind } } } }`,
    },
    {
      id: 'coverage',
      name: "an area's pairing coverage",
      graphql: `{ pairingCoverage(area: "${s.district.place}", asOf: "${AS_OF}") { villages paired rate unpaired(first: 100) { totalCount nodes { id name } } byArea { area { id name } villages paired rate } } }`,
    },
    {
      id: 'chain',
      name: 'industry chain with leaders and enterprises',
      graphql: `{ entity(id: "${s.chain.id}") { ... on IndustryChain { name leaders { role holder organization { name } } enterprises { totalCount nodes { id name } } } } }`,
    },
    { id: 'nested', name: '5-level nested query', graphql: nestedQuery(s.district.id) },
    { id: 'path', name: 'shortest path', graphql: `{ path(from: "${s.village.id}", to: "${s.district.id}") { id name kind } }` },
    {
      id: 'neighbourhood',
      name: 'neighbourhood for the viewer',
      graphql: `{ neighbourhood(id: "${s.joint.id}", depth: 2) { nodes { data { id label kind } } edges { data { id source target label } } } }`,
    },
  ];
}
