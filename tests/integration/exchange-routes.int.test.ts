/**
 * The exchange routes with real signed tokens: templates and exports need the export permission,
 * uploads the write permission (an editor only inside its area); the upload route answers with the
 * import's report.
 */
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../data/exchange/templates.ts';
import { type As, authHeaders } from '../helpers/app.ts';
import { withFixtureApp } from '../helpers/fixture.ts';

const P = 'xr';
const fixture = withFixtureApp(P);
const { id } = fixture;
const ADMIN: As = { role: 'admin' };

/** A multipart/form-data body with the files given. */
function multipart(files: { name: string; content: string | Buffer }[]) {
  const boundary = `----exchange-test-${Math.random().toString(16).slice(2)}`;
  const parts = files.flatMap(({ name, content }) => [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from('\r\n'),
  ]);
  return {
    payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

function upload(url: string, files: { name: string; content: string | Buffer }[], as: As | null) {
  const { payload, contentType } = multipart(files);
  return fixture.app.inject({ method: 'POST', url, payload, headers: { ...authHeaders(as), 'content-type': contentType } });
}

const placesCsv = (rows: string[][]) => `\uFEFF地点编号,名称,类型,上级地点编号\n${rows.map((r) => r.join(',')).join('\n')}\n`;

describe('templates', () => {
  it('serves each template as CSV and xlsx with its Chinese headers, and lists them', async () => {
    const csv = await fixture.app.inject({ url: '/import/templates/organizations.csv', headers: authHeaders(ADMIN) });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toBe(`\uFEFF${TEMPLATES.organizations.columns.map((c) => c.header).join(',')}`);

    const xlsx = await fixture.app.inject({ url: '/import/templates/pairings.xlsx', headers: authHeaders(ADMIN) });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['结对', '说明']);
    expect((workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(TEMPLATES.pairings.columns.map((c) => c.header));

    const list = await fixture.app.inject({ url: '/import/templates', headers: authHeaders({ role: 'auditor' }) });
    expect(list.json().templates.map((t: { name: string }) => t.name)).toEqual(['organizations', 'places', 'pairings', 'people']);
    expect((await fixture.app.inject({ url: '/import/templates/nothing.csv', headers: authHeaders(ADMIN) })).statusCode).toBe(404);
  });

  it('refuses templates to anonymous callers and viewers', async () => {
    expect((await fixture.app.inject({ url: '/import/templates/places.csv' })).statusCode).toBe(401);
    expect((await fixture.app.inject({ url: '/import/templates/places.csv', headers: authHeaders({ role: 'viewer' }) })).statusCode).toBe(
      403,
    );
  });
});

describe('POST /import', () => {
  it('a dry run answers the report with file, row, column and code, and writes nothing', async () => {
    const file = placesCsv([
      [id('v50'), `${P}v50村`, '村', id('sub1')],
      [id('v51'), `${P}v51村`, '村', id('nowhere')],
    ]);
    const response = await upload('/import?dryRun=true', [{ name: 'places.csv', content: file }], ADMIN);
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({ dryRun: true, written: false, files: ['places.csv'], counts: { places: { rows: 2, created: 1 } } });
    expect(report.errors).toEqual([
      { file: 'places.csv', row: 3, column: '上级地点编号', code: 'UNKNOWN_REFERENCE', message: expect.stringContaining(id('nowhere')) },
    ]);
    const { records } = await fixture.driver.executeQuery(
      'MATCH (n:Entity {id: $id}) RETURN n',
      { id: id('v50') },
      { database: fixture.database },
    );
    expect(records).toEqual([]);
  });

  it('a real run writes with the caller as the change log’s actor; a refused one answers 422', async () => {
    const good = placesCsv([[id('v52'), `${P}v52村`, '村', id('sub1')]]);
    const response = await upload('/import', [{ name: 'good.csv', content: good }], { role: 'admin', name: '管理员乙' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ written: true, changes: 1 });
    const { records } = await fixture.driver.executeQuery(
      'MATCH (c:Change {entityId: $id}) RETURN c.actor AS actor, c.source AS source',
      { id: id('v52') },
      { database: fixture.database },
    );
    expect(records.map((r) => r.toObject())).toEqual([{ actor: '管理员乙', source: 'good.csv' }]);

    const bad = placesCsv([[id('v53'), `${P}v53村`, '镇', id('sub1')]]);
    const refused = await upload('/import', [{ name: 'bad.csv', content: bad }], ADMIN);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([expect.objectContaining({ row: 2, column: '类型', code: 'UNKNOWN_KIND' })]);
  });

  it('refuses anonymous callers, viewers and auditors', async () => {
    const file = placesCsv([[id('v54'), `${P}v54村`, '村', id('sub1')]]);
    expect((await upload('/import', [{ name: 'p.csv', content: file }], null)).statusCode).toBe(401);
    expect((await upload('/import', [{ name: 'p.csv', content: file }], { role: 'viewer' })).statusCode).toBe(403);
    expect((await upload('/import', [{ name: 'p.csv', content: file }], { role: 'auditor' })).statusCode).toBe(403);
  });

  it('holds an editor to its area: rows outside it are refused, in the dry run and the real run', async () => {
    const editor: As = { role: 'editor', scope: id('sub1') };
    const file = placesCsv([
      [id('v55'), `${P}v55村`, '村', id('sub1')],
      [id('v56'), `${P}v56村`, '村', id('sub2')],
    ]);
    const dry = await upload('/import?dryRun=true', [{ name: 'e.csv', content: file }], editor);
    expect(dry.statusCode).toBe(200);
    expect(dry.json().errors).toEqual([expect.objectContaining({ row: 3, column: '上级地点编号', code: 'OUT_OF_SCOPE' })]);
    const real = await upload('/import', [{ name: 'e.csv', content: file }], editor);
    expect(real.statusCode).toBe(422);
    const { records } = await fixture.driver.executeQuery(
      'MATCH (n:Entity) WHERE n.id IN $ids RETURN n',
      { ids: [id('v55'), id('v56')] },
      { database: fixture.database },
    );
    expect(records).toEqual([]);
  });

  it('answers a request without files with the field at fault', async () => {
    const response = await fixture.app.inject({ method: 'POST', url: '/import', payload: {}, headers: authHeaders(ADMIN) });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
  });
});

describe('GET /export/graph.*', () => {
  it('graph.json of a subtree: the header, its nodes and relationships', async () => {
    const response = await fixture.app.inject({ url: `/export/graph.json?root=${id('sub2')}`, headers: authHeaders({ role: 'auditor' }) });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document).toMatchObject({ format: 'jinan-party-graph', version: 1, root: id('sub2') });
    expect(document.nodes.map((n: { id: string }) => n.id)).toEqual(
      expect.arrayContaining([id('sub2'), id('v6'), id('bldg'), id('sw2'), id('bc')]),
    );
    expect(document.relationships.length).toBeGreaterThan(0);
  });

  it('graph.graphml parses as XML; an unknown root is 404; viewers may not export', async () => {
    const response = await fixture.app.inject({ url: `/export/graph.graphml?root=${id('sub2')}`, headers: authHeaders(ADMIN) });
    expect(response.statusCode).toBe(200);
    let nodes = 0;
    const parser = new SaxesParser();
    parser.on('opentag', (tag) => {
      if (tag.name === 'node') nodes += 1;
    });
    parser.write(response.body).close();
    expect(nodes).toBeGreaterThan(3);

    const missing = await fixture.app.inject({ url: '/export/graph.json?root=nothing-here', headers: authHeaders(ADMIN) });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ code: 'NOT_FOUND', field: 'root' });
    expect((await fixture.app.inject({ url: '/export/graph.json', headers: authHeaders({ role: 'viewer' }) })).statusCode).toBe(403);
  });
});
