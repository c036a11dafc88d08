/**
 * The authorization matrix of the security issue: {admin, in-scope editor, out-of-scope editor,
 * auditor, viewer, anonymous} × every mutation and the sensitive reads. Each cell is checked against
 * the response and against the graph itself (a refused write must leave the fixture's content hash as
 * it was), and the test prints the matrix with the count of unauthorized writes and reads (0).
 *
 * The editor's area is t-sw1 (甲街道党工委): sub1 and its villages, the joint committee and its
 * branches. The out-of-scope editor holds t-sw2 (乙街道) and tries the same targets.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { type CookieSession, createAccount, removeAccounts, sessionHeaders, signInAs } from '../helpers/accounts.ts';
import { type As, authHeaders } from '../helpers/app.ts';
import { withFixtureApp } from '../helpers/fixture.ts';
import { graphHash } from '../helpers/graph-hash.ts';

const P = 'tam';
const fixture = withFixtureApp(P);
const { id, driver, database } = fixture;

const ROLES: Record<string, As | null> = {
  admin: { role: 'admin', name: `${P}-admin`, subject: `${P}-admin` },
  editorIn: { role: 'editor', scope: id('sw1'), name: `${P}-editor-in`, subject: `${P}-editor-in` },
  editorOut: { role: 'editor', scope: id('sw2'), name: `${P}-editor-out`, subject: `${P}-editor-out` },
  auditor: { role: 'auditor', name: `${P}-auditor`, subject: `${P}-auditor` },
  viewer: { role: 'viewer', name: `${P}-viewer`, subject: `${P}-viewer` },
  anonymous: null,
};
type RoleName = keyof typeof ROLES;
/** Callers signed in by a person's session cookie (issue #18), beside the token callers above. */
const SESSION_CALLERS = ['editorSession', 'editorSessionNoCsrf', 'viewerSession'] as const;
// Registered after the fixture's hooks, so this runs before the fixture closes its driver.
afterAll(() => removeAccounts(driver, database));
const WRITERS: RoleName[] = ['admin', 'editorIn'];

/**
 * Per role, targets of its own (so one role's success never changes another's case). Both ends of a
 * pairing must lie in the editor's area, so the role's enterprises sit in 甲街道 too.
 */
async function plantTargets(role: string) {
  await driver.executeQuery(
    `MATCH (jc:Entity {id: $jc}), (sub1:Entity {id: $sub1})
     CREATE (e1:Entity:Unit:Enterprise {id: $e1, kind: 'Enterprise', name: $e1, synthetic: false})-[:LOCATED_IN {id: $e1 + '|LOCATED_IN|' + $sub1}]->(sub1)
     CREATE (e2:Entity:Unit:Enterprise {id: $e2, kind: 'Enterprise', name: $e2, synthetic: false})-[:LOCATED_IN {id: $e2 + '|LOCATED_IN|' + $sub1}]->(sub1)
     CREATE (b:Entity:Organization:Branch {id: $b, kind: 'Branch', name: $b, synthetic: false})-[:REPORTS_TO {id: $b + '|REPORTS_TO|' + $jc}]->(jc)
     CREATE (v:Entity:Place:Village {id: $v, kind: 'Village', name: $v, synthetic: false})-[:PART_OF {id: $v + '|PART_OF|' + $sub1}]->(sub1)
     CREATE (w:Entity:Place:Village {id: $w, kind: 'Village', name: $w, synthetic: false})-[:PART_OF {id: $w + '|PART_OF|' + $sub1}]->(sub1)
     CREATE (e2)-[:PAIRED_WITH {id: $pe, kind: 'EnterpriseVillage', status: 'active', validFrom: '2024-01-01', synthetic: false}]->(v)
     CREATE (e2)-[:PAIRED_WITH {id: $pr, kind: 'EnterpriseVillage', status: 'active', validFrom: '2024-01-01', synthetic: false}]->(w)`,
    {
      jc: id('jc'),
      sub1: id('sub1'),
      e1: id(`e1-${role}`),
      e2: id(`e2-${role}`),
      b: id(`b-${role}`),
      v: id(`v-${role}`),
      w: id(`w-${role}`),
      pe: id(`pe-${role}`),
      pr: id(`pr-${role}`),
    },
    { database },
  );
}

const SOURCE = { document: 'authz-matrix', quote: 'written by the authorization matrix test' };

/** Every mutation, aimed at the role's own targets inside t-sw1's area. */
const MUTATIONS = {
  createOrganization: (role) => ({
    query: 'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }',
    variables: { input: { id: id(`new-org-${role}`), name: `${P}新支部${role}`, kind: 'Branch', parentId: id('jc'), source: SOURCE } },
  }),
  updateOrganization: (role) => ({
    query: 'mutation($id: ID!) { updateOrganization(id: $id, input: { name: "改名党支部" }) { id } }',
    variables: { id: id(`b-${role}`) },
  }),
  moveOrganization: (role) => ({
    query: 'mutation($id: ID!, $to: ID!) { moveOrganization(id: $id, newParentId: $to, reason: "调整") { id } }',
    variables: { id: id(`b-${role}`), to: id('sw1') },
  }),
  createPlace: (role) => ({
    query: 'mutation($input: CreatePlaceInput!) { createPlace(input: $input) { id } }',
    variables: { input: { id: id(`new-place-${role}`), name: `${P}新村${role}`, kind: 'Village', parentId: id('sub1') } },
  }),
  updatePlace: (role) => ({
    query: 'mutation($id: ID!) { updatePlace(id: $id, input: { name: "改名村" }) { id } }',
    variables: { id: id(`v-${role}`) },
  }),
  startPairing: (role) => ({
    query: 'mutation($input: StartPairingInput!) { startPairing(input: $input) { id } }',
    variables: { input: { kind: 'EnterpriseVillage', partnerId: id(`e1-${role}`), targetId: id(`v-${role}`), validFrom: '2025-03-01' } },
  }),
  endPairing: (role) => ({
    query: 'mutation($id: ID!) { endPairing(id: $id, validTo: "2025-06-30", reason: "到期") { id } }',
    variables: { id: id(`pe-${role}`) },
  }),
  rematchPairing: (role) => ({
    query: 'mutation($id: ID!, $to: ID!) { rematchPairing(id: $id, newPartnerId: $to, date: "2025-07-01", reason: "重新匹配") { id } }',
    variables: { id: id(`pr-${role}`), to: id(`e1-${role}`) },
  }),
} satisfies Record<string, (role: string) => { query: string; variables: Record<string, unknown> }>;

type Outcome = 'ok' | string;

async function attempt(as: As | null, query: string, variables: Record<string, unknown>) {
  const response = await fixture.app.inject({ method: 'POST', url: '/graphql', headers: authHeaders(as), payload: { query, variables } });
  const body = response.json() as { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };
  const outcome: Outcome = body.errors?.length ? String(body.errors[0]?.extensions?.code) : 'ok';
  return { status: response.statusCode, outcome, body };
}

const matrix: Record<string, Record<string, string>> = {};
let unauthorizedWrites = 0;
let unauthorizedReads = 0;

describe('authorization matrix', () => {
  it('lets admin and the in-scope editor make every change, and nobody else any', async () => {
    for (const role of Object.keys(ROLES)) await plantTargets(role.toLowerCase());
    for (const [mutation, build] of Object.entries(MUTATIONS)) {
      matrix[mutation] = {};
      for (const [role, as] of Object.entries(ROLES)) {
        const { query, variables } = build(role.toLowerCase());
        const before = await graphHash(driver, database, `${P}-`);
        const { status, outcome } = await attempt(as, query, variables);
        const after = await graphHash(driver, database, `${P}-`);
        matrix[mutation][role] = outcome;
        const allowed = WRITERS.includes(role as RoleName);
        if (allowed) {
          expect(outcome, `${role} ${mutation}`).toBe('ok');
          expect(after, `${role} ${mutation} wrote`).not.toBe(before);
        } else {
          if (outcome === 'ok' || after !== before) unauthorizedWrites += 1;
          expect(after, `${role} ${mutation} changed the graph`).toBe(before);
          expect(outcome).toBe(role === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
          expect(status).toBe(role === 'anonymous' ? 401 : 200);
        }
      }
    }
  });

  it('shows who made changes only to roles that read history, and nothing to anonymous callers', async () => {
    const query = `query($area: String!, $areaId: ID!) {
      changes(areaId: $areaId, first: 5) { nodes { action actor } }
      areaHistory(area: $area, from: "2000-01-01") { moves { change { actor } } }
      me { role canAudit }
    }`;
    matrix.changeActors = {};
    for (const [role, as] of Object.entries(ROLES)) {
      const { status, outcome, body } = await attempt(as, query, { area: id('sw1'), areaId: id('sw1') });
      const data = body.data as {
        changes: { nodes: { actor: string | null }[] };
        areaHistory: { moves: { change: { actor: string | null } }[] };
      } | null;
      const actors = [...(data?.changes.nodes ?? []), ...(data?.areaHistory.moves.map((m) => m.change) ?? [])].map((c) => c.actor);
      if (role === 'anonymous') {
        expect(status).toBe(401);
        expect(outcome).toBe('UNAUTHENTICATED');
        if (data) unauthorizedReads += 1;
        matrix.changeActors[role] = outcome;
        continue;
      }
      expect(outcome, role).toBe('ok');
      expect(actors.length, `${role} sees the area's changes`).toBeGreaterThan(0);
      const shown = actors.filter((a) => a !== null).length;
      if (role === 'viewer') {
        if (shown > 0) unauthorizedReads += 1;
        expect(shown).toBe(0);
      } else {
        expect(shown).toBe(actors.length);
      }
      matrix.changeActors[role] = role === 'viewer' ? 'ok (actor null)' : 'ok';
    }
  });

  it('lets only admin, editors and auditors download reports; anonymous callers get 401', async () => {
    matrix.exports = {};
    for (const [role, as] of Object.entries(ROLES)) {
      const response = await fixture.app.inject({ url: `/export/coverage.csv?area=${id('district')}`, headers: authHeaders(as) });
      const expected = role === 'anonymous' ? 401 : role === 'viewer' ? 403 : 200;
      if (response.statusCode === 200 && expected !== 200) unauthorizedReads += 1;
      expect(response.statusCode, role).toBe(expected);
      matrix.exports[role] = String(response.statusCode);
    }
  });

  it('keeps an editor inside its area: targets outside it are refused by name, inside the transaction', async () => {
    const editor = ROLES.editorIn as As;
    const before = await graphHash(driver, database, `${P}-`);
    // A place under 乙街道, outside its area.
    const place = await attempt(editor, MUTATIONS.createPlace('x').query, {
      input: { id: id('outside-place'), name: `${P}界外村`, kind: 'Village', parentId: id('sub2') },
    });
    expect(place.outcome).toBe('FORBIDDEN');
    expect(place.body.errors?.[0]).toMatchObject({ extensions: { field: 'input.parentId' } });
    // Moving an organization of its own area under one outside it.
    const move = await attempt(editor, MUTATIONS.moveOrganization('editorin').query, { id: id('b1'), to: id('sw2') });
    expect(move.body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN', field: 'newParentId' } });
    // Ending a pairing of a village outside its area (p3: e1 → v6 in 乙街道).
    const end = await attempt(editor, MUTATIONS.endPairing('x').query, { id: id('p3') });
    expect(end.body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN', field: 'id' } });
    expect(await graphHash(driver, database, `${P}-`)).toBe(before);
  });

  it('scopes an editor to a place as well: what lies in it, and the organizations governing or covering it', async () => {
    const editor: As = { role: 'editor', scope: id('sub1'), name: `${P}-editor-place`, subject: `${P}-editor-place` };
    const rename = (kind: 'Organization' | 'Place', target: string) =>
      attempt(editor, `mutation($id: ID!) { update${kind}(id: $id, input: { nameEn: "renamed" }) { id } }`, { id: id(target) });
    // Inside 甲街道: a village in it, the joint committee covering its villages, a branch governing one,
    // the working committee governing the subdistrict itself.
    for (const [kind, target] of [
      ['Place', 'v5'],
      ['Organization', 'jc'],
      ['Organization', 'b2'],
      ['Organization', 'sw1'],
    ] as const) {
      expect((await rename(kind, target)).outcome, target).toBe('ok');
    }
    // Outside: the other subdistrict, its village, its committee, and the district above.
    for (const [kind, target] of [
      ['Place', 'sub2'],
      ['Place', 'v6'],
      ['Organization', 'sw2'],
      ['Place', 'district'],
      ['Organization', 'dc'],
    ] as const) {
      expect((await rename(kind, target)).outcome, target).toBe('FORBIDDEN');
    }
  });

  it('treats session-cookie callers as their accounts: the in-scope editor may change, the viewer not, no write without the CSRF token', async () => {
    const password = 'matrix-session-password-7';
    await createAccount(fixture.app, `${P}-session-editor`, 'editor', password, id('sw1'));
    await createAccount(fixture.app, `${P}-session-viewer`, 'viewer', password);
    const editor = await signInAs(fixture.app, `${P}-session-editor`, password);
    const viewer = await signInAs(fixture.app, `${P}-session-viewer`, password);
    const callers: Record<(typeof SESSION_CALLERS)[number], { session: CookieSession; csrf: boolean; status: number | null }> = {
      // status: null for a caller that may write; else the refusal's HTTP status (403 for a missing CSRF token).
      editorSession: { session: editor, csrf: true, status: null },
      editorSessionNoCsrf: { session: editor, csrf: false, status: 403 },
      viewerSession: { session: viewer, csrf: true, status: 200 },
    };
    for (const caller of SESSION_CALLERS) await plantTargets(caller.toLowerCase());
    for (const [mutation, build] of Object.entries(MUTATIONS)) {
      for (const [caller, { session, csrf, status: refusedWith }] of Object.entries(callers)) {
        const { query, variables } = build(caller.toLowerCase());
        const before = await graphHash(driver, database, `${P}-`);
        const response = await fixture.app.inject({
          method: 'POST',
          url: '/graphql',
          headers: sessionHeaders(session, csrf),
          payload: { query, variables },
        });
        const body = response.json() as { errors?: { extensions?: { code?: string } }[] };
        const outcome = body.errors?.length ? String(body.errors[0]?.extensions?.code) : 'ok';
        const after = await graphHash(driver, database, `${P}-`);
        matrix[mutation]![caller] = outcome;
        if (refusedWith === null) {
          expect(outcome, `${caller} ${mutation}`).toBe('ok');
          expect(after, `${caller} ${mutation} wrote`).not.toBe(before);
        } else {
          if (outcome === 'ok' || after !== before) unauthorizedWrites += 1;
          expect(after, `${caller} ${mutation} changed the graph`).toBe(before);
          expect(outcome, `${caller} ${mutation}`).toBe('FORBIDDEN');
          expect(response.statusCode, `${caller} ${mutation}`).toBe(refusedWith);
        }
      }
    }
  });

  it('prints the matrix: 0 unauthorized writes, 0 unauthorized reads', () => {
    const roles = [...Object.keys(ROLES), ...SESSION_CALLERS];
    const lines = [`| | ${roles.join(' | ')} |`, `|---|${roles.map(() => '---').join('|')}|`];
    for (const [row, cells] of Object.entries(matrix)) lines.push(`| ${row} | ${roles.map((r) => cells[r] ?? '').join(' | ')} |`);
    console.log(`[authz] matrix (ok = done; codes = refused)\n${lines.join('\n')}`);
    console.log(
      `[authz] cells: ${Object.values(matrix).reduce((n, cells) => n + Object.keys(cells).length, 0)}, unauthorized writes: ${unauthorizedWrites}, unauthorized reads: ${unauthorizedReads}`,
    );
    expect(Object.keys(matrix)).toHaveLength(Object.keys(MUTATIONS).length + 2);
    expect(unauthorizedWrites).toBe(0);
    expect(unauthorizedReads).toBe(0);
  });
});
