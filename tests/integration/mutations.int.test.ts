/**
 * Mutations for the data staff against the real Neo4j, on a fixture graph of their own (prefix tmu,
 * see tests/helpers/fixture.ts). Each success is read back through GraphQL and with Cypher and is in
 * the change log; each refusal carries its code, names the field and writes nothing; pairings end by
 * closing their interval, and a re-match keeps the history of both pairings.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { authHeaders, gql } from '../helpers/app.ts';
import type { ChangeNode } from '../helpers/change-node.ts';
import { withFixtureApp } from '../helpers/fixture.ts';

const P = 'tmu';
const CLERK = `${P}-clerk`;
const fixture = withFixtureApp(P);
const { id, driver, database } = fixture;

/** Ids the API generated (they do not carry the fixture's prefix), removed after the file. */
const generated: string[] = [];
afterAll(async () => {
  // Runs before the fixture's own afterAll (hooks run in reverse), while its driver is open.
  await driver.executeQuery('MATCH (n:Entity) WHERE n.id IN $ids DETACH DELETE n', { ids: generated }, { database });
  await driver.executeQuery('MATCH (c:Change) WHERE c.actor STARTS WITH $actor DETACH DELETE c', { actor: `${P}-` }, { database });
});

interface GqlError {
  message: string;
  extensions: Record<string, unknown>;
}

async function mutate<T = any>(query: string, variables: Record<string, unknown> = {}, actor = CLERK) {
  const response = await fixture.app.inject({
    method: 'POST',
    url: '/graphql',
    headers: authHeaders({ role: 'admin', name: actor, subject: actor }),
    payload: { query, variables },
  });
  return response.json() as { data?: T; errors?: GqlError[] };
}

/** Runs a mutation that must succeed and returns its data. */
async function ok<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await mutate<T>(query, variables);
  expect(result.errors, result.errors?.[0]?.message).toBeUndefined();
  return result.data!;
}

async function read<T = any>(query: string): Promise<T> {
  const result = await gql<T>(fixture.app, query);
  expect(result.errors, result.errors?.[0]?.message).toBeUndefined();
  return result.data!;
}

async function cypher<T = Record<string, any>>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const { records } = await driver.executeQuery(query, params, { database });
  return records.map((r) => r.toObject() as T);
}

/** Everything in the graph, counted: a refused mutation must leave all three as they were. */
async function counts() {
  const [row] = await cypher(
    `CALL () { MATCH (n) RETURN count(n) AS nodes }
     CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
     CALL () { MATCH (c:Change) RETURN count(c) AS changes }
     RETURN nodes, relationships, changes`,
  );
  return row;
}

/** Runs a mutation that must be refused with `code` naming `field`, checks nothing was written, returns the message. */
async function refused(query: string, code: string, field: string, variables: Record<string, unknown> = {}) {
  const before = await counts();
  const result = await mutate(query, variables);
  expect(result.data ?? null, JSON.stringify(result.data)).toBeNull();
  expect(result.errors?.[0]?.extensions, result.errors?.[0]?.message).toEqual({ code, field });
  expect(result.errors![0]!.message.startsWith(`${field}: `)).toBe(true);
  expect(await counts()).toEqual(before);
  return result.errors![0]!.message;
}

async function changesOf(entityId: string) {
  const data = await read(
    `{ changes(entityId: "${entityId}") { totalCount nodes { id at actor action entityId entityKind before after reason source } } }`,
  );
  return data.changes.nodes as ChangeNode[];
}

const CREATE_ORG = `mutation ($input: CreateOrganizationInput!) {
  createOrganization(input: $input) { id name nameEn kind synthetic parent { id } sources { document quote } }
}`;
const CREATE_PLACE = `mutation ($input: CreatePlaceInput!) { createPlace(input: $input) { id name kind parent { id } sources { document quote } } }`;
const START = `mutation ($input: StartPairingInput!) {
  startPairing(input: $input) { id kind status validFrom validTo programme reason replaces synthetic partner { id } target { id } sources { document quote } }
}`;
const DOC = { document: '区委组织部〔2025〕1号', quote: '成立新村党支部' };

describe('createOrganization', () => {
  it('creates an organization under its parent, governing a place, with provenance and a change-log entry', async () => {
    const input = {
      id: id('b4'),
      name: `${P}四村党支部`,
      nameEn: 'Village Four Branch',
      kind: 'Branch',
      parentId: id('jc'),
      governsPlaceId: id('v4'),
      source: DOC,
    };
    const data = await ok(CREATE_ORG, { input });
    expect(data.createOrganization).toEqual({
      id: id('b4'),
      name: `${P}四村党支部`,
      nameEn: 'Village Four Branch',
      kind: 'Branch',
      synthetic: false,
      parent: { id: id('jc') },
      sources: [DOC],
    });

    const back = await read(`{ organization(id: "${id('b4')}") { name ancestors { id } } }`);
    expect(back.organization).toEqual({ name: `${P}四村党支部`, ancestors: [{ id: id('jc') }, { id: id('sw1') }, { id: id('dc') }] });
    const children = await read(`{ organization(id: "${id('jc')}") { children { nodes { id } } } }`);
    expect(children.organization.children.nodes.map((n: any) => n.id)).toContain(id('b4'));

    const [node] = await cypher(
      `MATCH (n:Entity {id: $id}) RETURN labels(n) AS labels, n.synthetic AS synthetic, n.sourceDocuments AS docs,
         [(n)-[r:REPORTS_TO]->(p) | {to: p.id, id: r.id, docs: r.sourceDocuments, synthetic: r.synthetic}] AS up,
         [(n)-[r:GOVERNS]->(p) | {to: p.id, id: r.id, docs: r.sourceDocuments}] AS governs`,
      { id: id('b4') },
    );
    expect(node).toEqual({
      labels: ['Entity', 'Organization', 'Branch'],
      synthetic: false,
      docs: [DOC.document],
      up: [{ to: id('jc'), id: `${id('b4')}|REPORTS_TO|${id('jc')}`, docs: [DOC.document], synthetic: false }],
      governs: [{ to: id('v4'), id: `${id('b4')}|GOVERNS|${id('v4')}`, docs: [DOC.document] }],
    });

    const [entry, ...more] = await changesOf(id('b4'));
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      actor: CLERK,
      action: 'createOrganization',
      entityKind: 'Organization',
      before: null,
      reason: null,
      source: DOC.document,
    });
    expect(entry!.id).toMatch(/^chg-\d{17}-1-[0-9a-f]{8}$/);
    expect(Date.now() - Date.parse(entry!.at)).toBeLessThan(60_000);
    expect(JSON.parse(entry!.after)).toMatchObject({ id: id('b4'), kind: 'Branch', parentIds: [id('jc')], governsPlaceId: id('v4') });
  });

  it('generates an ed- id when none is given, and cites the change itself when no source is given', async () => {
    const data = await ok(CREATE_ORG, { input: { name: `${P}临时党小组`, kind: 'Group', parentId: id('b1') } });
    const created = data.createOrganization;
    generated.push(created.id);
    expect(created.id).toMatch(/^ed-group-[0-9a-f]{8}$/);
    const [entry] = await changesOf(created.id);
    expect(created.sources).toEqual([{ document: `change:${entry!.id}`, quote: 'createOrganization (no source document given)' }]);
    expect(JSON.stringify(created)).not.toContain(CLERK);
    expect(entry!.source).toBeNull();
  });

  it('every kind of organization created under a committee is among its children (网格党支部, 专项小组 too)', async () => {
    // The related fields once listed the organization kinds by hand and left out GridBranch and
    // WorkingGroup: created, but never shown under their parent (nor leading, nor inside a place).
    for (const [key, kind] of [
      ['grid', 'GridBranch'],
      ['wg', 'WorkingGroup'],
    ] as const) {
      await ok(CREATE_ORG, { input: { id: id(key), name: `${P}${kind}`, kind, parentId: id('jc'), source: DOC } });
    }
    const { organization } = await read(`{ organization(id: "${id('jc')}") { children(first: 100) { totalCount nodes { id kind } } } }`);
    expect(organization.children.nodes).toEqual(
      expect.arrayContaining([
        { id: id('grid'), kind: 'GridBranch' },
        { id: id('wg'), kind: 'WorkingGroup' },
      ]),
    );
    expect(organization.children.totalCount).toBe(organization.children.nodes.length);
    // The same answer when the committee is one item of a list root (organizations: another compiled query).
    const listed = await read(
      `{ organizations(kinds: ["JointCommittee"], first: 500) { nodes { id ... on Organization { children { nodes { id } } } } } }`,
    );
    const jc = listed.organizations.nodes.find((n: any) => n.id === id('jc'));
    expect(jc.children.nodes.map((n: any) => n.id)).toEqual(expect.arrayContaining([id('grid'), id('wg')]));
  });

  it('every kind of unit sitting in a place is among its units (物业服务企业, 业主委员会 too)', async () => {
    for (const [key, kind] of [
      ['pm', 'PropertyCompany'],
      ['oc', 'OwnersCommittee'],
    ] as const) {
      await cypher(
        `MATCH (b:Entity {id: $bldg})
         CREATE (n:Entity:Unit {id: $id, name: $name, kind: $kind, synthetic: false})-[:LOCATED_IN {id: $id + '|LOCATED_IN|' + $bldg}]->(b)
         SET n:$($kind)`,
        { bldg: id('bldg'), id: id(key), name: `${P}${kind}`, kind },
      );
    }
    const { place } = await read(`{ place(id: "${id('bldg')}") { unitsInside { totalCount nodes { id kind } } } }`);
    expect(place.unitsInside.nodes).toEqual(
      expect.arrayContaining([
        { id: id('pm'), kind: 'PropertyCompany' },
        { id: id('oc'), kind: 'OwnersCommittee' },
      ]),
    );
  });

  it('refuses bad arguments, unknown or wrong parents and a used id, naming the field and writing nothing', async () => {
    const base = { name: 'x', kind: 'Branch', parentId: id('jc') };
    expect(await refused(CREATE_ORG, 'BAD_USER_INPUT', 'input.kind', { input: { ...base, kind: 'Castle' } })).toContain('unknown kind');
    expect(await refused(CREATE_ORG, 'BAD_USER_INPUT', 'input.kind', { input: { ...base, kind: 'Village' } })).toContain('Branch');
    await refused(CREATE_ORG, 'BAD_USER_INPUT', 'input.name', { input: { ...base, name: '   ' } });
    await refused(CREATE_ORG, 'BAD_USER_INPUT', 'input.nameEn', { input: { ...base, nameEn: '' } });
    await refused(CREATE_ORG, 'BAD_USER_INPUT', 'input.id', { input: { ...base, id: 'Bad Id' } });
    await refused(CREATE_ORG, 'BAD_USER_INPUT', 'input.id', { input: { ...base, id: 'trailing-' } });
    await refused(CREATE_ORG, 'BAD_USER_INPUT', 'input.source.quote', { input: { ...base, source: { document: 'd', quote: ' ' } } });
    expect(await refused(CREATE_ORG, 'CONFLICT', 'input.id', { input: { ...base, id: id('b1') } })).toContain('already used');
    await refused(CREATE_ORG, 'NOT_FOUND', 'input.parentId', { input: { ...base, parentId: `${P}-nowhere` } });
    await refused(CREATE_ORG, 'BAD_USER_INPUT', 'input.parentId', { input: { ...base, parentId: id('v1') } });
    await refused(CREATE_ORG, 'NOT_FOUND', 'input.governsPlaceId', { input: { ...base, governsPlaceId: `${P}-nowhere` } });
    await refused(CREATE_ORG, 'BAD_USER_INPUT', 'input.governsPlaceId', { input: { ...base, governsPlaceId: id('sw1') } });
  });
});

describe('createPlace', () => {
  it('creates a place within its parent place', async () => {
    const data = await ok(CREATE_PLACE, { input: { id: id('v9'), name: `${P}九村`, kind: 'Village', parentId: id('sub2') } });
    expect(data.createPlace).toMatchObject({ id: id('v9'), kind: 'Village', parent: { id: id('sub2') } });
    const back = await read(`{ place(id: "${id('v9')}") { name parent { id } } }`);
    expect(back.place).toEqual({ name: `${P}九村`, parent: { id: id('sub2') } });
    const [row] = await cypher('MATCH (v:Entity:Place:Village {id: $id})-[r:PART_OF]->(p) RETURN p.id AS parent, r.id AS rel', {
      id: id('v9'),
    });
    expect(row).toEqual({ parent: id('sub2'), rel: `${id('v9')}|PART_OF|${id('sub2')}` });
    const [entry] = await changesOf(id('v9'));
    expect(entry).toMatchObject({ action: 'createPlace', entityKind: 'Place', before: null });
  });

  it('refuses a kind that is not a place and a parent that is not a place', async () => {
    const base = { name: 'x', kind: 'Village', parentId: id('sub1') };
    await refused(CREATE_PLACE, 'BAD_USER_INPUT', 'input.kind', { input: { ...base, kind: 'Branch' } });
    await refused(CREATE_PLACE, 'BAD_USER_INPUT', 'input.parentId', { input: { ...base, parentId: id('sw1') } });
    await refused(CREATE_PLACE, 'NOT_FOUND', 'input.parentId', { input: { ...base, parentId: `${P}-nowhere` } });
    await refused(CREATE_PLACE, 'CONFLICT', 'input.id', { input: { ...base, id: id('v1') } });
  });
});

describe('updateOrganization and updatePlace', () => {
  it('renames, appends the source to the provenance and logs before and after', async () => {
    const data = await ok(
      `mutation { updateOrganization(id: "${id('jc')}", input: { name: "${P}联合党委(新)", nameEn: "Joint Committee",
          source: { document: "更名通知", quote: "更名为${P}联合党委(新)" } }) { name nameEn sources { document } } }`,
    );
    expect(data.updateOrganization).toEqual({
      name: `${P}联合党委(新)`,
      nameEn: 'Joint Committee',
      sources: [{ document: 'test-fixture' }, { document: '更名通知' }],
    });
    const [row] = await cypher('MATCH (n:Entity {id: $id}) RETURN n.name AS name, size(n.sourceQuotes) AS quotes', { id: id('jc') });
    expect(row).toEqual({ name: `${P}联合党委(新)`, quotes: 2 });
    const [entry] = await changesOf(id('jc'));
    expect(entry).toMatchObject({ action: 'updateOrganization', source: '更名通知' });
    expect(JSON.parse(entry!.before!)).toMatchObject({ name: `${P}联合党委`, parentIds: [id('sw1')] });
    expect(JSON.parse(entry!.after)).toMatchObject({ name: `${P}联合党委(新)`, nameEn: 'Joint Committee' });

    const place = await ok(`mutation { updatePlace(id: "${id('v5')}", input: { nameEn: "Village Five" }) { name nameEn } }`);
    expect(place.updatePlace).toEqual({ name: `${P}v5村`, nameEn: 'Village Five' });
  });

  it('refuses unknown ids, the wrong category, and an empty change', async () => {
    await refused(`mutation { updateOrganization(id: "${P}-nowhere", input: { name: "x" }) { id } }`, 'NOT_FOUND', 'id');
    await refused(`mutation { updateOrganization(id: "${id('v1')}", input: { name: "x" }) { id } }`, 'NOT_FOUND', 'id');
    await refused(`mutation { updatePlace(id: "${id('jc')}", input: { name: "x" }) { id } }`, 'NOT_FOUND', 'id');
    await refused(`mutation { updatePlace(id: "${id('v1')}", input: {}) { id } }`, 'BAD_USER_INPUT', 'input');
    await refused(`mutation { updatePlace(id: "${id('v1')}", input: { name: " " }) { id } }`, 'BAD_USER_INPUT', 'input.name');
  });
});

describe('moveOrganization', () => {
  it('moves a committee to a new parent, replacing the link and keeping the old one in the log', async () => {
    const data = await ok(
      `mutation { moveOrganization(id: "${id('jc')}", newParentId: "${id('sw2')}", reason: "区划调整",
          source: { document: "区委〔2025〕3号", quote: "划归乙街道党工委" }) { id parent { id } ancestors { id } } }`,
    );
    expect(data.moveOrganization).toEqual({ id: id('jc'), parent: { id: id('sw2') }, ancestors: [{ id: id('sw2') }, { id: id('dc') }] });
    const back = await read(`{ organization(id: "${id('sw2')}") { descendants { nodes { id } } } }`);
    expect(back.organization.descendants.nodes.map((n: any) => n.id)).toEqual(expect.arrayContaining([id('jc'), id('b1'), id('b4')]));
    const links = await cypher(
      'MATCH (:Entity {id: $id})-[r:REPORTS_TO]->(p) RETURN p.id AS parent, r.id AS id, r.sourceDocuments AS docs',
      {
        id: id('jc'),
      },
    );
    expect(links).toEqual([{ parent: id('sw2'), id: `${id('jc')}|REPORTS_TO|${id('sw2')}`, docs: ['区委〔2025〕3号'] }]);

    const [entry] = await changesOf(id('jc'));
    expect(entry).toMatchObject({ action: 'moveOrganization', reason: '区划调整', source: '区委〔2025〕3号' });
    const before = JSON.parse(entry!.before!);
    expect(before.parentIds).toEqual([id('sw1')]);
    expect(before.parentLinks).toEqual([
      expect.objectContaining({ id: `${id('jc')}|REPORTS_TO|${id('sw1')}`, sourceDocuments: ['test-fixture'] }),
    ]);
    expect(JSON.parse(entry!.after).parentIds).toEqual([id('sw2')]);
  });

  it('refuses a move under its own descendant (a cycle), under itself, and a move that changes nothing', async () => {
    // sw2 leads jc, which leads b1: putting sw2 under b1 would close sw2 → … → b1 → jc → sw2.
    const message = await refused(
      `mutation { moveOrganization(id: "${id('sw2')}", newParentId: "${id('b1')}") { id } }`,
      'CONFLICT',
      'newParentId',
    );
    expect(message).toContain('cycle');
    expect(message).toContain(`${P}b1村党支部 → ${P}联合党委(新) → ${P}乙街道党工委`);
    expect(
      await refused(`mutation { moveOrganization(id: "${id('jc')}", newParentId: "${id('jc')}") { id } }`, 'CONFLICT', 'newParentId'),
    ).toContain('cycle');
    expect(
      await refused(
        `mutation { moveOrganization(id: "${id('jc')}", newParentId: "${id('sw2')}") { id } }`,
        'BAD_USER_INPUT',
        'newParentId',
      ),
    ).toContain('already reports to');
  });

  it('refuses unknown organizations and a parent that is not an organization', async () => {
    await refused(`mutation { moveOrganization(id: "${P}-nowhere", newParentId: "${id('sw1')}") { id } }`, 'NOT_FOUND', 'id');
    await refused(`mutation { moveOrganization(id: "${id('v1')}", newParentId: "${id('sw1')}") { id } }`, 'NOT_FOUND', 'id');
    await refused(`mutation { moveOrganization(id: "${id('jc')}", newParentId: "${P}-nowhere") { id } }`, 'NOT_FOUND', 'newParentId');
    await refused(`mutation { moveOrganization(id: "${id('jc')}", newParentId: "${id('sub1')}") { id } }`, 'BAD_USER_INPUT', 'newParentId');
    await refused(
      `mutation { moveOrganization(id: "${id('jc')}", newParentId: "${id('sw1')}", reason: " ") { id } }`,
      'BAD_USER_INPUT',
      'reason',
    );
  });
  it('runs concurrent moves one after the other, so two moves cannot close a cycle between them', async () => {
    const [a, b] = await Promise.all([
      mutate(`mutation { moveOrganization(id: "${id('sw1')}", newParentId: "${id('sw2')}") { id } }`),
      mutate(`mutation { moveOrganization(id: "${id('sw2')}", newParentId: "${id('sw1')}") { id } }`),
    ]);
    const outcomes = [a, b].map((r) => (r.errors ? r.errors[0]!.extensions.code : 'moved')).sort();
    expect(outcomes).toEqual(['CONFLICT', 'moved']);
    const [cycle] = await cypher('RETURN EXISTS { MATCH (o:Entity {id: $id})-[:REPORTS_TO*1..]->(o) } AS cycle', { id: id('sw1') });
    expect(cycle).toEqual({ cycle: false });
  });
});

describe('startPairing', () => {
  it('starts a pairing with its interval, provenance and change-log entry', async () => {
    const input = {
      id: id('p4'),
      kind: 'EnterpriseVillage',
      partnerId: id('e2'),
      targetId: id('v4'),
      programme: '万人下乡、千村提升',
      validFrom: '2024-03-01',
      reason: '产业帮扶',
      source: { document: '结对名单2024', quote: '乙公司联系v4村' },
    };
    const data = await ok(START, { input });
    expect(data.startPairing).toEqual({
      id: id('p4'),
      kind: 'EnterpriseVillage',
      status: 'active',
      validFrom: '2024-03-01',
      validTo: null,
      programme: '万人下乡、千村提升',
      reason: '产业帮扶',
      replaces: null,
      synthetic: false,
      partner: { id: id('e2') },
      target: { id: id('v4') },
      sources: [input.source],
    });
    const back = await read(`{ pairing(id: "${id('p4')}") { status activeOn(date: "2024-06-01") } }`);
    expect(back.pairing).toEqual({ status: 'active', activeOn: true });
    const [rel] = await cypher(
      'MATCH (p {id: $partner})-[r:PAIRED_WITH {id: $id}]->(t {id: $target}) RETURN r.status AS status, r.validFrom AS validFrom, r.synthetic AS synthetic',
      { id: id('p4'), partner: id('e2'), target: id('v4') },
    );
    expect(rel).toEqual({ status: 'active', validFrom: '2024-03-01', synthetic: false });
    const [entry] = await changesOf(id('p4'));
    expect(entry).toMatchObject({
      action: 'startPairing',
      entityKind: 'Pairing',
      before: null,
      reason: '产业帮扶',
      source: '结对名单2024',
    });
    expect(JSON.parse(entry!.after)).toMatchObject({ partnerId: id('e2'), targetId: id('v4'), validFrom: '2024-03-01' });
  });

  it('starts a community–village pairing, and a new pairing after an ended one of the same pair', async () => {
    const community = await ok(START, {
      input: { id: id('p5'), kind: 'CommunityVillage', partnerId: id('c1'), targetId: id('v5'), validFrom: '2025-01-01' },
    });
    expect(community.startPairing).toMatchObject({ kind: 'CommunityVillage', partner: { id: id('c1') } });
    // e2 → v2 ended on 2024-06-30: starting on that day overlaps, the day after does not.
    await refused(START, 'CONFLICT', 'input.partnerId', {
      input: { kind: 'EnterpriseVillage', partnerId: id('e2'), targetId: id('v2'), validFrom: '2024-06-30' },
    });
    const again = await ok(START, {
      input: { kind: 'EnterpriseVillage', partnerId: id('e2'), targetId: id('v2'), validFrom: '2024-07-01' },
    });
    generated.push(again.startPairing.id);
    expect(again.startPairing.id).toMatch(/^ed-enterprise-village-[0-9a-f]{8}$/);
  });

  it('refuses overlaps, wrong kinds at either end, unknown ids, bad dates and a used id', async () => {
    const base = { kind: 'EnterpriseVillage', partnerId: id('e2'), targetId: id('v5'), validFrom: '2025-01-01' };
    const overlap = await refused(START, 'CONFLICT', 'input.partnerId', {
      input: { ...base, targetId: id('v4'), validFrom: '2030-01-01' },
    });
    expect(overlap).toContain(id('p4'));
    expect(await refused(START, 'BAD_USER_INPUT', 'input.partnerId', { input: { ...base, partnerId: id('v1') } })).toContain('Enterprise');
    await refused(START, 'BAD_USER_INPUT', 'input.targetId', { input: { ...base, targetId: id('c1') } });
    await refused(START, 'BAD_USER_INPUT', 'input.partnerId', { input: { ...base, kind: 'CommunityVillage' } });
    await refused(START, 'NOT_FOUND', 'input.partnerId', { input: { ...base, partnerId: `${P}-nowhere` } });
    await refused(START, 'NOT_FOUND', 'input.targetId', { input: { ...base, targetId: `${P}-nowhere` } });
    await refused(START, 'BAD_USER_INPUT', 'input.validFrom', { input: { ...base, validFrom: '2025-02-30' } });
    await refused(START, 'BAD_USER_INPUT', 'input.validFrom', { input: { ...base, validFrom: '1.1.2025' } });
    await refused(START, 'BAD_USER_INPUT', 'input.programme', { input: { ...base, programme: '' } });
    await refused(START, 'CONFLICT', 'input.id', { input: { ...base, id: id('p1') } });
    await refused(START, 'BAD_USER_INPUT', 'input.id', { input: { ...base, id: 'P-1' } });
  });
  it('runs concurrent starts of the same pairing one after the other: the second sees the first', async () => {
    const input = { kind: 'EnterpriseVillage', partnerId: id('e1'), targetId: id('v5'), validFrom: '2025-01-01' };
    const results = await Promise.all([
      mutate(START, { input: { ...input, id: id('p7') } }),
      mutate(START, { input: { ...input, id: id('p8') } }),
    ]);
    expect(results.map((r) => (r.errors ? r.errors[0]!.extensions.code : 'started')).sort()).toEqual(['CONFLICT', 'started']);
    const [row] = await cypher('MATCH (:Entity {id: $e1})-[r:PAIRED_WITH]->(:Entity {id: $v5}) RETURN count(r) AS pairings', {
      e1: id('e1'),
      v5: id('v5'),
    });
    expect(row).toEqual({ pairings: 1 });
  });
});

describe('endPairing', () => {
  it('closes the interval and keeps the pairing: coverage before the end still counts it', async () => {
    const unpairedOn = async (asOf: string) => {
      const data = await read(`{ pairingCoverage(area: "${id('sub1')}", asOf: "${asOf}") { paired unpaired { nodes { id } } } }`);
      return data.pairingCoverage.unpaired.nodes.map((n: any) => n.id) as string[];
    };
    expect(await unpairedOn('2024-06-01')).not.toContain(id('v4'));

    const data = await ok(
      `mutation { endPairing(id: "${id('p4')}", validTo: "2024-12-31", reason: "企业经营调整", source: { document: "调整通知", quote: "终止结对" }) {
          id status validFrom validTo reason sources { document } } }`,
    );
    expect(data.endPairing).toEqual({
      id: id('p4'),
      status: 'ended',
      validFrom: '2024-03-01',
      validTo: '2024-12-31',
      reason: '企业经营调整',
      sources: [{ document: '结对名单2024' }, { document: '调整通知' }],
    });
    const kept = await cypher('MATCH ()-[r:PAIRED_WITH {id: $id}]->() RETURN r.status AS status, r.validTo AS validTo', { id: id('p4') });
    expect(kept).toEqual([{ status: 'ended', validTo: '2024-12-31' }]);
    expect(await unpairedOn('2024-06-01')).not.toContain(id('v4'));
    expect(await unpairedOn('2024-12-31')).not.toContain(id('v4'));
    expect(await unpairedOn('2025-06-01')).toContain(id('v4'));
    const ended = await read(`{ pairings(entity: "${id('v4')}", status: ended) { nodes { id } } }`);
    expect(ended.pairings.nodes).toEqual([{ id: id('p4') }]);

    const [entry] = await changesOf(id('p4'));
    expect(entry).toMatchObject({ action: 'endPairing', reason: '企业经营调整', source: '调整通知' });
    expect(JSON.parse(entry!.before!)).toMatchObject({ status: 'active' });
    expect(JSON.parse(entry!.before!).validTo).toBeUndefined();
    expect(JSON.parse(entry!.after)).toMatchObject({ status: 'ended', validTo: '2024-12-31' });
  });

  it('refuses an end before the start, a second end, unknown ids and bad arguments', async () => {
    await refused(`mutation { endPairing(id: "${id('p5')}", validTo: "2024-12-31", reason: "x") { id } }`, 'BAD_USER_INPUT', 'validTo');
    await refused(`mutation { endPairing(id: "${id('p5')}", validTo: "2025-13-01", reason: "x") { id } }`, 'BAD_USER_INPUT', 'validTo');
    await refused(`mutation { endPairing(id: "${id('p5')}", validTo: "2025-12-31", reason: "  ") { id } }`, 'BAD_USER_INPUT', 'reason');
    expect(
      await refused(`mutation { endPairing(id: "${id('p4')}", validTo: "2025-05-01", reason: "x") { id } }`, 'CONFLICT', 'id'),
    ).toContain('already ended on 2024-12-31');
    await refused(`mutation { endPairing(id: "${P}-nowhere", validTo: "2025-05-01", reason: "x") { id } }`, 'NOT_FOUND', 'id');
  });
});

describe('rematchPairing', () => {
  const REMATCH = `mutation ($id: ID!, $partner: ID!, $date: String!) {
    rematchPairing(id: $id, newPartnerId: $partner, date: $date, reason: "主营业务与村庄发展需求不匹配") {
      id kind status partner { id } target { id } validFrom replaces programme reason } }`;

  it('ends the old pairing the day before and starts the new one, which records what it replaces', async () => {
    const data = await ok(REMATCH, { id: id('p1'), partner: id('e2'), date: '2025-07-01' });
    const fresh = data.rematchPairing;
    generated.push(fresh.id);
    expect(fresh).toEqual({
      id: expect.stringMatching(/^ed-enterprise-village-[0-9a-f]{8}$/),
      kind: 'EnterpriseVillage',
      status: 'active',
      partner: { id: id('e2') },
      target: { id: id('v1') },
      validFrom: '2025-07-01',
      replaces: id('p1'),
      programme: '万人下乡、千村提升',
      reason: '主营业务与村庄发展需求不匹配',
    });
    const old = await read(`{ pairing(id: "${id('p1')}") { status validFrom validTo reason } }`);
    expect(old.pairing).toEqual({
      status: 'ended',
      validFrom: '2024-01-01',
      validTo: '2025-06-30',
      reason: '主营业务与村庄发展需求不匹配',
    });
    const both = await cypher(
      'MATCH (p)-[r:PAIRED_WITH]->(:Entity {id: $v1}) RETURN p.id AS partner, r.id AS id, r.replaces AS replaces ORDER BY r.validFrom',
      {
        v1: id('v1'),
      },
    );
    expect(both).toEqual([
      { partner: id('e1'), id: id('p1'), replaces: null },
      { partner: id('e2'), id: fresh.id, replaces: id('p1') },
    ]);

    const [oldEntry, ...oldMore] = await changesOf(id('p1'));
    const [newEntry, ...newMore] = await changesOf(fresh.id);
    expect([oldMore, newMore]).toEqual([[], []]);
    expect(oldEntry).toMatchObject({ action: 'rematchPairing', entityKind: 'Pairing', actor: CLERK });
    expect(JSON.parse(oldEntry!.after)).toMatchObject({ status: 'ended', validTo: '2025-06-30' });
    expect(newEntry).toMatchObject({ action: 'rematchPairing', before: null, at: oldEntry!.at });
    expect(JSON.parse(newEntry!.after)).toMatchObject({ replaces: id('p1'), partnerId: id('e2'), validFrom: '2025-07-01' });
    const log = await read(`{ changes(action: "rematchPairing", actor: "${CLERK}") { nodes { entityId } } }`);
    expect(log.changes.nodes.map((n: any) => n.entityId)).toEqual([fresh.id, id('p1')]); // newest first
  });

  it('refuses ended or unknown pairings, a date not after the start, and a wrong or unchanged partner', async () => {
    await refused(REMATCH, 'NOT_FOUND', 'id', { id: `${P}-nowhere`, partner: id('e2'), date: '2025-07-01' });
    await refused(REMATCH, 'CONFLICT', 'id', { id: id('p2'), partner: id('e1'), date: '2025-07-01' });
    await refused(REMATCH, 'BAD_USER_INPUT', 'date', { id: id('p3'), partner: id('e2'), date: '2025-01-01' });
    await refused(REMATCH, 'BAD_USER_INPUT', 'date', { id: id('p3'), partner: id('e2'), date: 'July' });
    await refused(REMATCH, 'BAD_USER_INPUT', 'newPartnerId', { id: id('p3'), partner: id('e1'), date: '2025-07-01' });
    await refused(REMATCH, 'NOT_FOUND', 'newPartnerId', { id: id('p3'), partner: `${P}-nowhere`, date: '2025-07-01' });
    await refused(REMATCH, 'BAD_USER_INPUT', 'newPartnerId', { id: id('p3'), partner: id('c1'), date: '2025-07-01' });
  });

  it('is one transaction: when the new pairing is refused, the old one is not ended either', async () => {
    // e2 already pairs with v6 from 2025-03-01, so re-matching p3 (e1 → v6) to e2 is refused only after
    // p3 has been ended inside the transaction; the refusal must undo that ending.
    await ok(START, {
      input: { id: id('p6'), kind: 'EnterpriseVillage', partnerId: id('e2'), targetId: id('v6'), validFrom: '2025-03-01' },
    });
    const message = await refused(REMATCH, 'CONFLICT', 'newPartnerId', { id: id('p3'), partner: id('e2'), date: '2025-09-01' });
    expect(message).toContain(id('p6'));
    const [p3] = await cypher(
      'MATCH ()-[r:PAIRED_WITH {id: $id}]->() RETURN r.status AS status, r.validTo AS validTo, r.sourceDocuments AS docs',
      {
        id: id('p3'),
      },
    );
    expect(p3).toEqual({ status: 'active', validTo: null, docs: ['test-fixture'] });
    expect(await changesOf(id('p3'))).toEqual([]);
  });
});

describe('display names follow the edits (#17, review E-11)', () => {
  it('a new namesake qualifies both names with their 街道; a rename that ends the clash clears them', async () => {
    const displayNames = async () =>
      Object.fromEntries(
        (
          await cypher<{ id: string; d: string | null }>('MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id, n.displayName AS d', {
            ids: [id('v1'), id('v10')],
          })
        ).map((r) => [r.id, r.d]),
      );
    expect(await displayNames()).toEqual({ [id('v1')]: null });
    const created = await ok(`mutation ($input: CreatePlaceInput!) { createPlace(input: $input) { id displayName } }`, {
      input: { id: id('v10'), name: `${P}v1村`, kind: 'Village', parentId: id('sub2') },
    });
    // The district does not tell them apart (both lie in it); their 街道 do.
    expect(created.createPlace).toEqual({ id: id('v10'), displayName: `${P}v1村（${P}乙街道）` });
    expect(await displayNames()).toEqual({ [id('v1')]: `${P}v1村（${P}甲街道）`, [id('v10')]: `${P}v1村（${P}乙街道）` });

    const renamed = await ok(`mutation { updatePlace(id: "${id('v10')}", input: { name: "${P}十村" }) { name displayName } }`);
    // The API's displayName is the plain name when nothing clashes.
    expect(renamed.updatePlace).toEqual({ name: `${P}十村`, displayName: `${P}十村` });
    expect(await displayNames()).toEqual({ [id('v1')]: null, [id('v10')]: null });
  });

  it('moving an organization requalifies the namesakes below it, whose 街道 changed with it', async () => {
    const org = (key: string, name: string, kind: string, parentId: string) =>
      ok(CREATE_ORG, { input: { id: id(key), name: `${P}${name}`, kind, parentId } });
    // A committee under 甲街道's working committee with a branch below it, and a namesake branch in 乙街道.
    await org('mv-jc', '迁移联合党委', 'JointCommittee', id('sw1'));
    await org('mv-b', '同名党支部', 'Branch', id('mv-jc'));
    await org('mv-b2', '同名党支部', 'Branch', id('sw2'));
    const displayName = async (key: string) =>
      (await cypher<{ d: string | null }>('MATCH (n:Entity {id: $id}) RETURN n.displayName AS d', { id: id(key) }))[0]?.d;
    expect(await displayName('mv-b')).toBe(`${P}同名党支部（${P}甲街道）`);

    await ok(`mutation { moveOrganization(id: "${id('mv-jc')}", newParentId: "${id('sw2')}") { id } }`);
    // The branch did not move itself, but it now lies in 乙街道: its qualifier says so at once.
    expect(await displayName('mv-b')).toBe(`${P}同名党支部（${P}乙街道）`);
    const read = await gql<any>(fixture.app, `{ organization(id: "${id('mv-b')}") { displayName } }`);
    expect(read.data.organization.displayName).toBe(`${P}同名党支部（${P}乙街道）`);
  });
});
