/**
 * The security review's editor-scope reproductions (H2, H3) through the doors an outside attacker uses,
 * on the documented data: the HTTP import route with a real run (not a dry run, not runImport called
 * directly), as CSV and as xlsx, signed in by a bearer token and by a person's session cookie, and an
 * upload that hides a graph.json behind an in-scope CSV. editor-scope.int.test.ts holds the rule
 * itself and samples the paths with dry runs; this file proves the real doors refuse the review's own
 * rows and that the graph around the targets (历城区, 高新区) is left exactly as it was.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMAT, VERSION } from '../../data/exchange/graph-document.ts';
import { TEMPLATES, type TemplateName } from '../../data/exchange/templates.ts';
import { createAccount, removeAccounts, sessionHeaders, signInAs } from '../helpers/accounts.ts';
import { authHeaders, buildTestApp, type TestApp } from '../helpers/app.ts';
import { graphHash } from '../helpers/graph-hash.ts';
import { testDriver } from '../helpers/neo4j.ts';
import { MUTATIONS } from '../helpers/writers.ts';

const AREA = 'sz-dangjia-working-committee';
const PASSWORD = 'editor-scope-doors-密码-0123456789';
const { driver, database } = testDriver();
let app: TestApp;

/** The two ways an editor signs in: a bearer token, and a person's account with a session cookie. */
const signers: { name: string; headers: () => Promise<Record<string, string>> }[] = [
  { name: 'bearer token', headers: async () => authHeaders({ role: 'editor', scope: AREA, subject: 'esd-editor', name: 'esd-editor' }) },
  {
    name: 'session cookie',
    headers: async () => {
      const session = await signInAs(app, 'esd-editor', PASSWORD);
      expect(session.status).toBe(200);
      return sessionHeaders(session);
    },
  },
];

beforeAll(async () => {
  app = await buildTestApp();
  await removeAccounts(driver, database);
  await createAccount(app, 'esd-editor', 'editor', PASSWORD, AREA);
});
afterAll(async () => {
  await removeAccounts(driver, database);
  await app.close();
  await driver.close();
});

/** The review's rows, by template (column keys as in data/exchange/templates.ts). */
const ATTACKS: { what: string; template: TemplateName; row: Record<string, string>; column: string }[] = [
  {
    what: 'H2: move 历城区 community 冷水泉居 under 党家街道 and rename it',
    template: 'places',
    row: { id: 'lc-lengshuiquan-community', name: '已被党家街道编辑接管', kind: 'Community', parentId: 'sz-dangjia-subdistrict' },
    column: '地点编号',
  },
  {
    what: "H2: move 冷水泉居's Party committee under an in-area joint committee",
    template: 'organizations',
    row: { id: 'lc-lengshuiquan-committee', name: '被接管的党委', kind: 'PartyCommittee', parentId: 'sz-yufu-quanyuan-joint-committee' },
    column: '组织编号',
  },
  {
    what: 'H2: rename a 历城区 industrial park (its parent restated)',
    template: 'places',
    row: { id: 'lc-jigang-aerospace-base', name: '被改名的园区', kind: 'IndustrialPark', parentId: 'lc-lugang-area' },
    column: '地点编号',
  },
  {
    what: 'H3: rename a 历城区 leader through a position in the area',
    template: 'people',
    row: { id: 'lc-li-jinfeng', name: '篡改历城区领导', positionAtId: 'sz-tuwu-village-branch', title: '越权职务' },
    column: '人员编号',
  },
  {
    what: 'H3: rename a 兜沟街道 person',
    template: 'people',
    row: { id: 'sz-shang-jian', name: '篡改兜沟街道人员', positionAtId: 'sz-tuwu-village-branch', title: '越权职务' },
    column: '人员编号',
  },
];

const cells = (template: TemplateName, row: Record<string, string>) => TEMPLATES[template].columns.map((c) => row[c.key] ?? '');
const headers = (template: TemplateName) => TEMPLATES[template].columns.map((c) => c.header);

function csvOf(template: TemplateName, ...rows: Record<string, string>[]): Buffer {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = [headers(template), ...rows.map((row) => cells(template, row))];
  return Buffer.from(`\uFEFF${lines.map((r) => r.map(quote).join(',')).join('\n')}\n`);
}

async function xlsxOf(template: TemplateName, row: Record<string, string>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(TEMPLATES[template].title);
  sheet.addRow(headers(template));
  sheet.addRow(cells(template, row));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** POST /import with the files as multipart parts. */
function upload(url: string, files: { name: string; content: Buffer }[], signIn: Record<string, string>) {
  const boundary = `----editor-scope-doors-${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    ...files.flatMap((f) => [
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      f.content,
      Buffer.from('\r\n'),
    ]),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  return app.inject({ method: 'POST', url, payload, headers: { ...signIn, 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

async function gqlAs(signIn: Record<string, string>, query: string, variables: Record<string, unknown>) {
  const response = await app.inject({ method: 'POST', url: '/graphql', payload: { query, variables }, headers: signIn });
  return response.json() as { data?: unknown; errors?: { message: string; extensions?: { code?: string; field?: string } }[] };
}

/** What the attacks aim at: 历城区's and 高新区's entities with their links and change-log entries, and two people. */
async function targetsHash() {
  return [
    await graphHash(driver, database, 'lc-'),
    await graphHash(driver, database, 'gx-'),
    await graphHash(driver, database, 'sz-shang-jian'),
  ].join();
}

describe.each(signers)('the review’s H2/H3 rows through the real doors, signed in by $name', ({ headers: signIn }) => {
  it('refuses each row as a real CSV and xlsx import (OUT_OF_SCOPE on the id column, 422, nothing written)', async () => {
    const before = await targetsHash();
    const h = await signIn();
    for (const attack of ATTACKS) {
      for (const [name, content] of [
        [`${attack.template}.csv`, csvOf(attack.template, attack.row)],
        [`${attack.template}.xlsx`, await xlsxOf(attack.template, attack.row)],
      ] as const) {
        const response = await upload('/import?dryRun=false', [{ name, content }], h);
        const report = response.json() as { written: boolean; errors: { code: string; column?: string }[] };
        expect(response.statusCode, `${attack.what} (${name})`).toBe(422);
        expect(report.written, `${attack.what} (${name})`).toBe(false);
        expect(report.errors, `${attack.what} (${name})`).toEqual([
          expect.objectContaining({ code: 'OUT_OF_SCOPE', column: attack.column }),
        ]);
      }
    }
    expect(await targetsHash()).toBe(before);
  });

  it('refuses the mutations of the reproduction: the cross-district pairing, then the rename and the move', async () => {
    const before = await targetsHash();
    const h = await signIn();
    const pair = await gqlAs(h, MUTATIONS.startPairing, {
      input: { kind: 'CommunityVillage', partnerId: 'lc-lengshuiquan-community', targetId: 'sz-zhaike-village', validFrom: '2024-01-01' },
    });
    expect(pair.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.partnerId' });
    const rename = await gqlAs(h, MUTATIONS.updatePlace, { id: 'lc-lengshuiquan-community', input: { nameEn: 'taken over' } });
    expect(rename.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'id' });
    const move = await gqlAs(h, MUTATIONS.moveOrganization, {
      id: 'lc-lengshuiquan-committee',
      newParentId: 'sz-yufu-quanyuan-joint-committee',
    });
    expect(move.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'id' });
    expect(await targetsHash()).toBe(before);
  });

  it('refuses new rows that reach outside only through other new rows of the file, and accepts the same shape inside', async () => {
    const before = await targetsHash();
    const h = await signIn();
    // A new branch under a new committee of the file, that committee under 历城区's 冷水泉居 committee.
    const chain = csvOf(
      'organizations',
      { id: 'esd-new-branch', name: '新支部', kind: 'Branch', parentId: 'esd-new-committee' },
      { id: 'esd-new-committee', name: '新党委', kind: 'PartyCommittee', parentId: 'lc-lengshuiquan-committee' },
    );
    // A new person holding a position in the area and one in 历城区.
    const person = csvOf(
      'people',
      { id: 'esd-new-person', name: '新人员', positionAtId: 'sz-tuwu-village-branch', title: '委员' },
      { id: 'esd-new-person', name: '新人员', positionAtId: 'lc-lengshuiquan-committee', title: '越权职务' },
    );
    for (const [name, content] of [
      ['organizations.csv', chain],
      ['people.csv', person],
    ] as const) {
      const response = await upload('/import?dryRun=false', [{ name, content }], h);
      const report = response.json() as { written: boolean; errors: { code: string }[] };
      expect(response.statusCode, name).toBe(422);
      expect(report.written, name).toBe(false);
      expect(report.errors.length, name).toBeGreaterThan(0);
      expect(
        report.errors.every((e) => e.code === 'OUT_OF_SCOPE'),
        JSON.stringify(report.errors),
      ).toBe(true);
    }
    // The same shapes anchored inside the area pass the scope (dry run: nothing is written).
    const inside = csvOf(
      'organizations',
      { id: 'esd-new-branch', name: '新支部', kind: 'Branch', parentId: 'esd-new-committee' },
      { id: 'esd-new-committee', name: '新党委', kind: 'PartyCommittee', parentId: AREA },
    );
    const ok = await upload('/import?dryRun=true', [{ name: 'organizations.csv', content: inside }], h);
    expect(ok.statusCode).toBe(200);
    expect((ok.json() as { errors: unknown[] }).errors).toEqual([]);
    expect(await targetsHash()).toBe(before);
  });

  it('refuses a graph.json hidden behind an in-area CSV in the same upload, before anything is written', async () => {
    const before = await targetsHash();
    const h = await signIn();
    const document = JSON.stringify({
      format: FORMAT,
      version: VERSION,
      exportedAt: new Date().toISOString(),
      root: null,
      nodes: [{ id: 'lc-li-jinfeng', labels: ['Entity', 'Person'], props: { id: 'lc-li-jinfeng', kind: 'Person', name: '图改名' } }],
      relationships: [],
      claims: [],
    });
    // An unchanged restatement of an in-area village first: on its own it would be accepted.
    const harmless = csvOf('places', { id: 'sz-tuwu-village', name: '土屋村', kind: 'Village', parentId: 'sz-dangjia-subdistrict' });
    const response = await upload(
      '/import?dryRun=false',
      [
        { name: 'places.csv', content: harmless },
        { name: 'graph.json', content: Buffer.from(document) },
      ],
      h,
    );
    expect(response.statusCode).toBe(403);
    expect((response.json() as { errors: { code: string }[] }).errors).toEqual([expect.objectContaining({ code: 'OUT_OF_SCOPE' })]);
    expect(await targetsHash()).toBe(before);
  });
});

describe('an editor account stored without an area', () => {
  it('is refused by the import and the mutations, never taken as unrestricted (graph.json included)', async () => {
    // An account older than the rule that an editor needs an area, or edited in the database by hand.
    await createAccount(app, 'esd-no-area', 'editor', PASSWORD, AREA);
    await driver.executeQuery("MATCH (u:User {login: 'esd-no-area'}) REMOVE u.scope", {}, { database });
    const session = await signInAs(app, 'esd-no-area', PASSWORD);
    expect(session.status).toBe(200);
    const h = sessionHeaders(session);
    const before = await targetsHash();
    const document = JSON.stringify({
      format: FORMAT,
      version: VERSION,
      exportedAt: new Date().toISOString(),
      root: null,
      nodes: [{ id: 'lc-li-jinfeng', labels: ['Entity', 'Person'], props: { id: 'lc-li-jinfeng', kind: 'Person', name: '图改名' } }],
      relationships: [],
      claims: [],
    });
    for (const dryRun of [true, false]) {
      const graphJson = await upload(`/import?dryRun=${dryRun}`, [{ name: 'graph.json', content: Buffer.from(document) }], h);
      expect(graphJson.statusCode, `graph.json dryRun=${dryRun}`).toBe(403);
      const people = await upload(`/import?dryRun=${dryRun}`, [{ name: 'people.csv', content: csvOf('people', ATTACKS[3]!.row) }], h);
      expect(people.statusCode, `people.csv dryRun=${dryRun}`).toBe(403);
      expect(people.json()).toMatchObject({ error: { code: 'FORBIDDEN', field: 'scope' } });
    }
    const rename = await gqlAs(h, MUTATIONS.updatePlace, { id: 'lc-lengshuiquan-community', input: { nameEn: 'taken over' } });
    expect(rename.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await targetsHash()).toBe(before);
  });
});
