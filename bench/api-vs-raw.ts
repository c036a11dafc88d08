/**
 * `npm run bench -- [--quick]`: the GraphQL API against the same Cypher run directly through the
 * driver, in one process, on the graph that is loaded (load the synthetic city first:
 * `npm run generate -- --scale city`). Variants are interleaved and repeated; each row is a ratio of
 * medians (and of 99th percentiles) measured side by side, so the machine's noise hits both alike.
 * Writes bench/results/latest.json and bench/results/latest.md.
 *
 * Targets (issue: Benchmarks): API p50 ≤ 1.3× raw, p99 ≤ 1.5× raw.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { Driver } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import { runCli, withNeo4j } from '../data/cli.ts';
import type { Neo4jTarget } from '../db/resolve-neo4j.ts';
import { RELATIONSHIP_TYPE_NAMES } from '../schema/model.ts';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { cypher } from '../server/cypher-queries.ts';
import { cypherParams } from '../server/graph-store.ts';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 30 : 300;
const WARMUP = quick ? 5 : 30;

interface Case {
  name: string;
  graphql: string;
  /** The named queries the API runs for it, in order (a nested query runs one per level). */
  raw: { query: string; params: Record<string, unknown> }[];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function sample(driver: Driver, database: string) {
  const one = async (query: string, params: Record<string, unknown> = {}) => {
    const { records } = await driver.executeQuery(query, params, { database });
    return records[0]?.toObject() as Record<string, string> | undefined;
  };
  const synthetic = (await one('MATCH (n:Synthetic) RETURN n.id AS id LIMIT 1')) !== undefined;
  const which = { synthetic };
  const district = await one(
    'MATCH (n:DistrictCommittee)-[:GOVERNS]->(d:District) WHERE n.synthetic = $synthetic RETURN n.id AS id, n.name AS name, d.id AS place LIMIT 1',
    which,
  );
  const joint = await one(
    'MATCH (n:JointCommittee)-[:COVERS]->(:Village) WHERE n.synthetic = $synthetic RETURN n.id AS id, n.name AS name LIMIT 1',
    which,
  );
  const chain = await one(
    "MATCH (n:IndustryChain {kind: 'IndustryChain'}) WHERE n.synthetic = $synthetic RETURN n.id AS id LIMIT 1",
    which,
  );
  // A village in the committee's own district, so the path exists (synthetic seeds are not linked).
  const village = await one(
    'MATCH (:Entity {id: $id})-[:GOVERNS]->(:District)<-[:PART_OF]-(:Subdistrict)<-[:PART_OF]-(n:Village) RETURN n.id AS id ORDER BY n.id DESC LIMIT 1',
    { id: district?.id ?? null },
  );
  if (!district || !joint || !chain || !village)
    throw new Error('the graph lacks a district committee, joint committee, chain or village to measure with');
  return { synthetic, district, joint, chain, village };
}

function cases(s: Awaited<ReturnType<typeof sample>>): Case[] {
  const today = new Date().toISOString().slice(0, 10);
  const page = { offset: 0, limit: 100 };
  return [
    {
      name: 'point lookup by name',
      graphql: `{ organization(name: "${s.joint.name}") { id name kind } }`,
      raw: [{ query: 'entity/find-by-name', params: { name: s.joint.name, category: 'Organization' } }],
    },
    {
      name: "a joint committee's villages",
      graphql: `{ organization(id: "${s.joint.id}") { covers(kinds: ["Village"]) { totalCount nodes { id name } } } }`,
      raw: [
        { query: 'entity/get-entities', params: { ids: [s.joint.id] } },
        { query: 'entity/list-related-out', params: { ids: [s.joint.id], types: ['COVERS', 'GOVERNS'], kinds: ['Village'], ...page } },
      ],
    },
    {
      name: 'subtree to depth 4',
      graphql: `{ organization(id: "${s.district.id}") { descendants(maxDepth: 4, first: 500) { totalCount nodes { id kind } } } }`,
      raw: [
        { query: 'entity/get-entities', params: { ids: [s.district.id] } },
        { query: 'organization/list-descendants', params: { ids: [s.district.id], maxDepth: 4, kinds: null, offset: 0, limit: 500 } },
      ],
    },
    {
      name: "an area's pairing coverage",
      graphql: `{ pairingCoverage(area: "${s.district.place}", asOf: "${today}") { villages paired rate unpaired { totalCount } } }`,
      raw: [
        { query: 'entity/find-area', params: { area: s.district.place } },
        {
          query: 'coverage/compute-coverage',
          params: { areaIds: [s.district.place], children: false, targetLabel: 'Village', kind: 'EnterpriseVillage', asOf: today, ...page },
        },
      ],
    },
    {
      name: 'industry chain with leaders and enterprises',
      graphql: `{ entity(id: "${s.chain.id}") { ... on IndustryChain { name leaders { role holder organization { name } } enterprises { totalCount nodes { name } } } } }`,
      raw: [
        { query: 'entity/get-entities', params: { ids: [s.chain.id] } },
        { query: 'chain/list-leaders', params: { ids: [s.chain.id] } },
        { query: 'entity/list-related-in', params: { ids: [s.chain.id], types: ['ON_CHAIN'], kinds: null, ...page } },
      ],
    },
    {
      name: 'shortest path',
      graphql: `{ path(from: "${s.village.id}", to: "${s.district.id}") { id } }`,
      raw: [
        { query: 'entity/get-entities', params: { ids: [s.village.id, s.district.id] } },
        { query: 'network/shortest-path', params: { from: s.village.id, to: s.district.id, maxLength: 6 } },
      ],
    },
    {
      name: 'neighbourhood for the viewer',
      graphql: `{ neighbourhood(id: "${s.joint.id}", depth: 2) { nodes { data { id label kind } } edges { data { id source target label } } } }`,
      raw: [
        { query: 'network/neighbourhood', params: { id: s.joint.id, depth: 2, types: RELATIONSHIP_TYPE_NAMES, limit: 500, asOf: today } },
      ],
    },
  ];
}

async function measure(driver: Driver, database: string, target: Neo4jTarget) {
  const s = await sample(driver, database);
  const config = loadConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, neo4j: target });
  const results = [];
  try {
    for (const c of cases(s)) {
      const api = async () => {
        const response = await app.inject({ method: 'POST', url: '/graphql', payload: { query: c.graphql } });
        const body = response.json();
        if (body.errors) throw new Error(`${c.name}: ${JSON.stringify(body.errors)}`);
      };
      const raw = async () => {
        for (const step of c.raw) {
          await driver.executeQuery(cypher(step.query), cypherParams(step.params), { database, routing: neo4j.routing.READ });
        }
      };
      const times = { api: [] as number[], raw: [] as number[] };
      for (let i = 0; i < WARMUP; i += 1) {
        await api();
        await raw();
      }
      for (let i = 0; i < ROUNDS; i += 1) {
        // Interleaved, alternating which goes first, so drift and noise fall on both.
        const order = i % 2 === 0 ? (['api', 'raw'] as const) : (['raw', 'api'] as const);
        for (const variant of order) {
          const started = performance.now();
          await (variant === 'api' ? api() : raw());
          times[variant].push(performance.now() - started);
        }
      }
      const api50 = percentile(
        times.api.sort((a, b) => a - b),
        50,
      );
      const raw50 = percentile(
        times.raw.sort((a, b) => a - b),
        50,
      );
      const api99 = percentile(times.api, 99);
      const raw99 = percentile(times.raw, 99);
      results.push({ name: c.name, api50, raw50, api99, raw99, roundTrips: c.raw.length });
      console.log(
        `${c.name.padEnd(44)} p50 ${api50.toFixed(2)} / ${raw50.toFixed(2)} ms = ${(api50 / raw50).toFixed(2)}×   p99 ${api99.toFixed(2)} / ${raw99.toFixed(2)} ms = ${(api99 / raw99).toFixed(2)}×`,
      );
    }
  } finally {
    await app.close();
  }
  return { sample: s, results };
}

runCli(() =>
  withNeo4j(async (driver, database, target) => {
    const started = new Date().toISOString();
    const { sample: s, results } = await measure(driver, database, target);
    const { records } = await driver.executeQuery('MATCH (n:Entity) RETURN count(n) AS nodes', {}, { database });
    const { records: rels } = await driver.executeQuery('MATCH ()-[r]->() RETURN count(r) AS rels', {}, { database });
    const rows = results.flatMap((r) => [
      { name: `api/raw p50: ${r.name}`, ratio: r.api50 / r.raw50, target: 1.3, met: r.api50 / r.raw50 <= 1.3 },
      { name: `api/raw p99: ${r.name}`, ratio: r.api99 / r.raw99, target: 1.5, met: r.api99 / r.raw99 <= 1.5 },
    ]);
    const report = {
      started,
      mode: quick ? 'quick' : 'full',
      rounds: ROUNDS,
      graph: { nodes: Number(records[0]?.get('nodes')), relationships: Number(rels[0]?.get('rels')), synthetic: s.synthetic },
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
      rows,
      raw: results,
    };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/latest.json', `${JSON.stringify(report, null, 2)}\n`);
    const table = [
      '| measure | ratio | target | met |',
      '| --- | ---: | ---: | --- |',
      ...rows.map((r) => `| ${r.name} | ${r.ratio.toFixed(2)} | ≤ ${r.target} | ${r.met ? 'yes' : '**no**'} |`),
    ].join('\n');
    writeFileSync(
      'bench/results/latest.md',
      `# Benchmark ${started} (${report.mode}, ${ROUNDS} rounds)\n\nGraph: ${report.graph.nodes} nodes, ${report.graph.relationships} relationships${s.synthetic ? ' (synthetic)' : ''}. Machine: ${report.machine.cpus} × ${report.machine.cpu}, ${report.machine.memoryGiB} GiB, Node ${report.machine.node}.\n\n${table}\n`,
    );
    console.log(`\n${table}\n\nwritten: bench/results/latest.json, bench/results/latest.md`);
  }),
);
