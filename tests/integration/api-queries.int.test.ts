/**
 * Every query of the API against the real Neo4j, on a fixture graph with known answers
 * (tests/helpers/fixture.ts), including the error cases.
 */
import { describe, expect, it } from 'vitest';
import { gql } from '../helpers/app.ts';
import { withFixtureApp } from '../helpers/fixture.ts';

const P = 'tq';
const fixture = withFixtureApp(P);
const { id } = fixture;

const names = (list: { name: string }[]) => list.map((e) => e.name).sort();

describe('lookups', () => {
  it('finds an organization by exact id or exact name, null when none', async () => {
    const { data } = await gql<Record<string, { id: string; kind: string; __typename: string } | null>>(
      fixture.app,
      `{ a: organization(id: "${id('jc')}") { id kind __typename }
         b: organization(name: "${P}联合党委") { id }
         c: organization(name: "没有这个党委") { id }
         d: organization(id: "${id('v1')}") { id } }`,
    );
    expect(data?.a).toEqual({ id: id('jc'), kind: 'JointCommittee', __typename: 'Organization' });
    expect(data?.b?.id).toBe(id('jc'));
    expect(data?.c).toBeNull();
    expect(data?.d).toBeNull(); // a village is not an organization
  });

  it('refuses both or neither of id and name, naming the argument', async () => {
    const both = await gql(fixture.app, `{ organization(id: "x", name: "y") { id } }`);
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const neither = await gql(fixture.app, `{ place { id } }`);
    expect(neither.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('returns any entity by id with its sources and properties, and entities in the order asked', async () => {
    const { data } = await gql<{ entity: Record<string, unknown>; entities: { id: string }[] }>(
      fixture.app,
      `{ entity(id: "${id('bc')}") { id name kind synthetic sources { document quote } properties { key value } }
         entities(ids: ["${id('v2')}", "nope", "${id('v1')}"]) { id } }`,
    );
    expect(data?.entity).toMatchObject({
      kind: 'BuildingCommittee',
      synthetic: false,
      sources: [{ document: 'test-fixture', quote: 'written by tests/helpers/fixture.ts' }],
      properties: [{ key: 'founded', value: '2013-12' }],
    });
    expect(data?.entities.map((e) => e.id)).toEqual([id('v2'), id('v1')]);
  });

  it('searches Chinese names by part of the name (cjk analyzer), exact matches first', async () => {
    const { data } = await gql<{ search: { id: string; name: string }[] }>(fixture.app, `{ search(text: "${P}联合党委") { id name } }`);
    expect(data?.search[0]?.id).toBe(id('jc'));
    const partial = await gql<{ search: { id: string }[] }>(fixture.app, `{ search(text: "联合党", kinds: ["JointCommittee"]) { id } }`);
    expect(partial.data?.search.map((s) => s.id)).toContain(id('jc'));
  });

  it('treats search syntax characters as text and rejects unknown kinds', async () => {
    const odd = await gql<{ search: unknown[] }>(fixture.app, `{ search(text: "联合(党委)* OR \\"x") { id } }`);
    expect(odd.errors).toBeUndefined();
    const bad = await gql(fixture.app, `{ search(text: "党委", kinds: ["Castle"]) { id } }`);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'kinds' });
    expect(bad.errors?.[0]?.message).toMatch(/unknown kind Castle/);
  });

  it('lists kinds with their Chinese terms and counts', async () => {
    const { data } = await gql<{ kinds: { name: string; zh: string; count: number }[] }>(fixture.app, '{ kinds { name zh count } }');
    const joint = data?.kinds.find((k) => k.name === 'JointCommittee');
    expect(joint?.zh).toBe('联合党委');
    expect(joint?.count).toBeGreaterThanOrEqual(1);
  });
});

describe('hierarchy', () => {
  it('gives parent (with the link’s sources), children, ancestors to the top and siblings', async () => {
    const { data } = await gql<{ organization: Record<string, any> }>(
      fixture.app,
      `{ organization(id: "${id('b1')}") {
          parent { id } parentLink { relationship sources { document } }
          ancestors { id }
          siblings { id } } }`,
    );
    const org = data!.organization;
    expect(org.parent.id).toBe(id('jc'));
    expect(org.parentLink).toEqual({ relationship: 'REPORTS_TO', sources: [{ document: 'test-fixture' }] });
    expect(org.ancestors.map((a: { id: string }) => a.id)).toEqual([id('jc'), id('sw1'), id('dc')]);
    expect(org.siblings.map((s: { id: string }) => s.id).sort()).toEqual([id('b2'), id('b3')]);
  });

  it('gives descendants to a depth, filtered by kind, with counts per kind', async () => {
    const { data } = await gql<{ organization: Record<string, any> }>(
      fixture.app,
      `{ organization(id: "${id('dc')}") {
          one: descendants(maxDepth: 1) { totalCount nodes { id } }
          all: descendants { totalCount }
          branches: descendants(kinds: ["Branch"]) { totalCount nodes { kind } }
          descendantCounts { kind count } } }`,
    );
    const org = data!.organization;
    expect(org.one.totalCount).toBe(2);
    expect(org.all.totalCount).toBe(7);
    expect(org.branches.totalCount).toBe(3);
    expect(new Set(org.branches.nodes.map((n: { kind: string }) => n.kind))).toEqual(new Set(['Branch']));
    expect(org.descendantCounts).toEqual(
      expect.arrayContaining([
        { kind: 'Branch', count: 3 },
        { kind: 'SubdistrictWorkingCommittee', count: 2 },
      ]),
    );
  });

  it('pages children with cursors and refuses a page over the hard maximum', async () => {
    const first = await gql<{ organization: { children: any } }>(
      fixture.app,
      `{ organization(id: "${id('dc')}") { children(first: 1) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } } }`,
    );
    const page1 = first.data!.organization.children;
    expect(page1.totalCount).toBe(2);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await gql<{ organization: { children: any } }>(
      fixture.app,
      `{ organization(id: "${id('dc')}") { children(first: 1, after: "${page1.pageInfo.endCursor}") { nodes { id } pageInfo { hasNextPage } } } }`,
    );
    const page2 = second.data!.organization.children;
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect(page2.nodes[0].id).not.toBe(page1.nodes[0].id);
    const tooMany = await gql(fixture.app, `{ organization(id: "${id('dc')}") { children(first: 501) { totalCount } } }`);
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const badCursor = await gql(fixture.app, `{ organization(id: "${id('dc')}") { children(after: "nonsense") { totalCount } } }`);
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('says which villages a joint committee covers and which committee covers a village', async () => {
    const { data } = await gql<Record<string, any>>(
      fixture.app,
      `{ organization(id: "${id('jc')}") { covers(kinds: ["Village"]) { totalCount nodes { name } edges { relationship } } }
         place(id: "${id('v1')}") { coveredBy { id } governedBy { id } parent { id } ancestors { id } } }`,
    );
    expect(names(data!.organization.covers.nodes)).toEqual([`${P}v1村`, `${P}v2村`, `${P}v3村`]);
    expect(new Set(data!.organization.covers.edges.map((e: { relationship: string }) => e.relationship))).toEqual(new Set(['COVERS']));
    expect(data!.place.coveredBy).toEqual([{ id: id('jc') }]);
    expect(data!.place.governedBy).toEqual([{ id: id('b1') }]);
    expect(data!.place.ancestors.map((a: { id: string }) => a.id)).toEqual([id('sub1'), id('district'), id('city')]);
  });

  it('lists organizations under an area', async () => {
    const { data } = await gql<{ organizations: { totalCount: number } }>(
      fixture.app,
      `{ organizations(area: "${id('sw1')}", kinds: ["Branch"]) { totalCount } }`,
    );
    expect(data?.organizations.totalCount).toBe(3);
  });
});

describe('buildings, chains and claims', () => {
  it('shows the committee inside a building, its stated counts beside what the graph counts', async () => {
    const { data } = await gql<{ place: any }>(
      fixture.app,
      `{ place(id: "${id('bldg')}") {
          organizationsInside { id claims { metric value statement graphValue status sources { document } } }
          unitsInside { nodes { id } } } }`,
    );
    const committee = data!.place.organizationsInside[0];
    expect(committee.id).toBe(id('bc'));
    expect(committee.claims[0]).toMatchObject({ metric: 'branches', value: 17, graphValue: 0, status: 'GRAPH_HOLDS_FEWER' });
    expect(data!.place.unitsInside.nodes).toEqual([{ id: id('e1') }]);
  });

  it('checks a joint committee’s stated village count against the graph', async () => {
    const { data } = await gql<{ organization: any }>(
      fixture.app,
      `{ organization(id: "${id('jc')}") { claims { metric graphValue status } } }`,
    );
    expect(data!.organization.claims).toEqual([{ metric: 'villages', graphValue: 3, status: 'MATCHES' }]);
  });

  it('lists an area’s industry chains with sub-chains, leaders (role, holder, organization) and enterprises', async () => {
    const { data } = await gql<{ industryChains: any[] }>(
      fixture.app,
      `{ industryChains(area: "${P}区") { id name properties { key value }
          subChains { name } leaders { role holder organization { id } sources { document } }
          enterprises { totalCount nodes { id } } } }`,
    );
    expect(data!.industryChains.map((c) => c.id)).toEqual([id('chain')]);
    const chain = data!.industryChains[0];
    expect(chain.subChains).toEqual([{ name: `${P}冷链分链` }]);
    expect(chain.leaders).toEqual([
      { role: '总链长', holder: '区级领导', organization: { id: id('dc') }, sources: [{ document: 'test-fixture' }] },
    ]);
    expect(chain.enterprises.nodes).toEqual([{ id: id('e1') }]);
    expect(chain.properties).toContainEqual({ key: 'partyBuildingSystem', value: '1+3+4+N' });
  });

  it('answers NOT_FOUND for an unknown area', async () => {
    const res = await gql(fixture.app, `{ industryChains(area: "不存在的区") { id } }`);
    // With the closest names it found (none here that share a word): tests/integration/area-answers.int.test.ts.
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'area' });
    expect(res.errors?.[0]?.extensions?.closest).toEqual(expect.any(Array));
  });
});

describe('pairings and coverage', () => {
  it('computes coverage on a date, rolled up by subdistrict, with the unpaired villages', async () => {
    const { data } = await gql<{ pairingCoverage: any }>(
      fixture.app,
      `{ pairingCoverage(area: "${id('district')}", asOf: "2024-03-01") {
          area { id } kind asOf villages paired rate unpaired { totalCount nodes { id } }
          byArea { area { id } villages paired rate } } }`,
    );
    const cov = data!.pairingCoverage;
    expect(cov).toMatchObject({ kind: 'EnterpriseVillage', asOf: '2024-03-01', villages: 8, paired: 2, rate: 0.25 });
    expect(cov.unpaired.totalCount).toBe(6);
    expect(cov.unpaired.nodes.map((n: { id: string }) => n.id)).not.toContain(id('v1'));
    expect(cov.byArea).toEqual([
      { area: { id: id('sub1') }, villages: 5, paired: 2, rate: 0.4 },
      { area: { id: id('sub2') }, villages: 3, paired: 0, rate: 0 },
    ]);
  });

  it('counts an ended pairing before its end date, not after; a future pairing only from its start', async () => {
    const later = await gql<{ pairingCoverage: any }>(
      fixture.app,
      `{ pairingCoverage(area: "${id('district')}", asOf: "2025-06-01") { paired unpaired { nodes { id } } byArea { area { id } paired } } }`,
    );
    expect(later.data!.pairingCoverage.paired).toBe(2); // v1 and v6; v2's pairing ended 2024-06-30
    expect(later.data!.pairingCoverage.unpaired.nodes.map((n: { id: string }) => n.id)).toContain(id('v2'));
  });

  it('computes coverage for a joint committee (its villages) by name', async () => {
    const { data } = await gql<{ pairingCoverage: any }>(
      fixture.app,
      `{ pairingCoverage(area: "${P}联合党委", asOf: "2024-03-01") { villages paired } }`,
    );
    expect(data!.pairingCoverage).toEqual({ villages: 3, paired: 2 });
  });

  it('refuses a malformed date, naming asOf', async () => {
    for (const asOf of ['2024-13-01', '2024-02-30', 'yesterday']) {
      const res = await gql(fixture.app, `{ pairingCoverage(area: "${id('district')}", asOf: "${asOf}") { rate } }`);
      expect(res.errors?.[0]?.extensions, asOf).toEqual({ code: 'BAD_USER_INPUT', field: 'asOf' });
    }
  });

  it('lists pairings with filters, and a place’s and an enterprise’s pairings', async () => {
    const { data } = await gql<Record<string, any>>(
      fixture.app,
      `{ all: pairings(area: "${id('district')}") { totalCount nodes { id status } }
         ended: pairings(area: "${id('district')}", status: ended) { nodes { id validTo reason activeOn(date: "2024-01-01") } }
         active: pairings(area: "${id('district')}", activeOn: "2024-03-01") { totalCount }
         mine: pairings(entity: "${id('e1')}") { totalCount }
         place(id: "${id('v2')}") { pairings { id partner { id } target { id } } }
         entity(id: "${id('e1')}") { ... on Unit { pairings(activeOn: "2025-06-01") { id } } } }`,
    );
    expect(data!.all.totalCount).toBe(3);
    expect(data!.ended.nodes).toEqual([{ id: id('p2'), validTo: '2024-06-30', reason: '主营业务与村庄发展需求不匹配', activeOn: true }]);
    expect(data!.active.totalCount).toBe(2);
    expect(data!.mine.totalCount).toBe(2);
    expect(data!.place.pairings).toEqual([{ id: id('p2'), partner: { id: id('e2') }, target: { id: id('v2') } }]);
    expect(data!.entity.pairings.map((p: { id: string }) => p.id).sort()).toEqual([id('p1'), id('p3')]);
  });
});

describe('network elements for the viewer', () => {
  it('returns a neighbourhood in Cytoscape’s element shape, edges only between returned nodes', async () => {
    const { data } = await gql<{ neighbourhood: any }>(
      fixture.app,
      `{ neighbourhood(id: "${id('jc')}", asOf: "2024-03-01") {
          nodes { data { id label kind category pairing } } edges { data { id source target label } } truncated } }`,
    );
    const { nodes, edges, truncated } = data!.neighbourhood;
    const ids = new Set(nodes.map((n: any) => n.data.id));
    expect(ids).toEqual(new Set([id('jc'), id('sw1'), id('v1'), id('v2'), id('v3'), id('b1'), id('b2'), id('b3')]));
    expect(truncated).toBe(false);
    for (const edge of edges) {
      expect(ids.has(edge.data.source) && ids.has(edge.data.target)).toBe(true);
    }
    expect(nodes.find((n: any) => n.data.id === id('v1')).data.pairing).toBe('paired');
    expect(nodes.find((n: any) => n.data.id === id('v3')).data.pairing).toBe('unpaired');
  });

  it('cuts a neighbourhood at the limit and says so; refuses depth over 3', async () => {
    const cut = await gql<{ neighbourhood: any }>(
      fixture.app,
      `{ neighbourhood(id: "${id('district')}", depth: 2, limit: 3) { nodes { data { id } } truncated } }`,
    );
    expect(cut.data!.neighbourhood.nodes).toHaveLength(3);
    expect(cut.data!.neighbourhood.truncated).toBe(true);
    const deep = await gql(fixture.app, `{ neighbourhood(id: "${id('district')}", depth: 4) { truncated } }`);
    expect(deep.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'depth' });
    const unknown = await gql(fixture.app, `{ neighbourhood(id: "nope") { truncated } }`);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });

  it('finds the shortest connection between an enterprise and a village, or null', async () => {
    const { data } = await gql<Record<string, any>>(
      fixture.app,
      `{ p: path(from: "${id('e2')}", to: "${id('b3')}") { id }
         none: path(from: "${id('e2')}", to: "${id('b3')}", maxLength: 2) { id }
         el: pathElements(from: "${id('e2')}", to: "${id('b3')}") { nodes { data { id } } edges { data { label } } } }`,
    );
    // e2 → v2 ← jc ← b3: the pairing, the joint committee's cover, the branch's REPORTS_TO.
    expect(data!.p.map((e: { id: string }) => e.id)).toEqual([id('e2'), id('v2'), id('jc'), id('b3')]);
    expect(data!.p[0].id).toBe(id('e2'));
    expect(data!.p.at(-1).id).toBe(id('b3'));
    expect(data!.none).toBeNull();
    expect(data!.el.edges).toHaveLength(3);
    const missing = await gql(fixture.app, `{ path(from: "${id('e2')}", to: "nope") { id } }`);
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'to' });
  });

  it('finds a path along only the allowed relationship types, through no entity of an excluded kind', async () => {
    const { data } = await gql<Record<string, any>>(
      fixture.app,
      `{ plain: pathElements(from: "${id('b1')}", to: "${id('sub1')}") { edges { data { label } } }
         lines: pathElements(from: "${id('b1')}", to: "${id('sub1')}", relationships: ["REPORTS_TO", "GOVERNS"]) {
           nodes { data { id } } edges { data { label } } }
         viaJc: path(from: "${id('b1')}", to: "${id('b3')}") { id kind }
         aroundJc: path(from: "${id('b1')}", to: "${id('b3')}", excludeKinds: ["JointCommittee"]) { id kind }
         toJc: path(from: "${id('b1')}", to: "${id('jc')}", excludeKinds: ["JointCommittee"]) { id }
         none: path(from: "${id('b1')}", to: "${id('b3')}", relationships: ["GOVERNS"]) { id } }`,
    );
    // Unfiltered the branch reaches its 街道 through its village (GOVERNS, PART_OF); along the lines of
    // command only, through the joint committee and the working committee.
    expect(data!.plain.edges.map((e: any) => e.data.label)).toContain('PART_OF');
    expect(data!.lines.nodes.map((n: any) => n.data.id)).toEqual([id('b1'), id('jc'), id('sw1'), id('sub1')]);
    expect(data!.lines.edges.map((e: any) => e.data.label)).toEqual(['REPORTS_TO', 'REPORTS_TO', 'GOVERNS']);
    // b1 → jc ← b3 unfiltered; with joint committees excluded, around it through the villages and the 街道.
    expect(data!.viaJc.map((e: any) => e.kind)).toContain('JointCommittee');
    expect(data!.aroundJc.map((e: any) => e.id)).toEqual([id('b1'), id('v1'), id('sub1'), id('v3'), id('b3')]);
    expect(data!.aroundJc.map((e: any) => e.kind)).not.toContain('JointCommittee');
    // An end of an excluded kind is still reached; no path at all along GOVERNS alone.
    expect(data!.toJc.map((e: any) => e.id)).toEqual([id('b1'), id('jc')]);
    expect(data!.none).toBeNull();
  });

  it('refuses an unknown relationship type or kind in a path filter, naming the argument', async () => {
    const badType = await gql(
      fixture.app,
      `{ pathElements(from: "${id('b1')}", to: "${id('b3')}", relationships: ["REPORTS"]) { truncated } }`,
    );
    expect(badType.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'relationships' });
    expect(badType.errors?.[0]?.message).toContain('REPORTS');
    const badKind = await gql(fixture.app, `{ path(from: "${id('b1')}", to: "${id('b3')}", excludeKinds: ["Hub"]) { id } }`);
    expect(badKind.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'excludeKinds' });
    expect(badKind.errors?.[0]?.message).toContain('Hub');
  });

  it('gives one relationship by its edge id, with its sources and properties', async () => {
    const { data } = await gql<Record<string, any>>(
      fixture.app,
      `{ covers: relationship(id: "${id('jc')}|COVERS|${id('v1')}") { type from { id } to { id } sources { document } }
         pairing: relationship(id: "${id('p2')}") { type properties { key value } }
         none: relationship(id: "nope") { id } }`,
    );
    expect(data!.covers).toEqual({ type: 'COVERS', from: { id: id('jc') }, to: { id: id('v1') }, sources: [{ document: 'test-fixture' }] });
    expect(data!.pairing.type).toBe('PAIRED_WITH');
    expect(data!.pairing.properties).toContainEqual({ key: 'validTo', value: '2024-06-30' });
    expect(data!.none).toBeNull();
  });

  it('gives a hierarchy tree with child counts for folded subtrees, from a place or organization', async () => {
    const { data } = await gql<{ hierarchy: any }>(
      fixture.app,
      `{ hierarchy(root: "${id('district')}", depth: 1) { nodes { data { id childCount } } edges { data { source target label } } } }`,
    );
    const nodes = data!.hierarchy.nodes.map((n: any) => n.data);
    expect(nodes).toEqual(
      expect.arrayContaining([
        { id: id('dc'), childCount: 2 },
        { id: id('sw1'), childCount: 1 },
      ]),
    );
    expect(nodes).toHaveLength(3);
    expect(data!.hierarchy.edges).toHaveLength(2);
  });

  it('gives the coverage lens elements: villages coloured by status with their partners', async () => {
    const { data } = await gql<{ coverageElements: any }>(
      fixture.app,
      `{ coverageElements(area: "${id('sub1')}", asOf: "2025-06-01") { nodes { data { id pairing } } edges { data { label status } } } }`,
    );
    const status = Object.fromEntries(data!.coverageElements.nodes.map((n: any) => [n.data.id, n.data.pairing]));
    expect(status[id('v1')]).toBe('paired');
    expect(status[id('v2')]).toBe('ended');
    expect(status[id('v4')]).toBe('unpaired');
    expect(data!.coverageElements.edges.filter((e: any) => e.data.label === 'PAIRED_WITH')).toHaveLength(2);
  });
});
