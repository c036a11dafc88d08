/**
 * Issue 13, M1 and L7: an upload's cost is bounded while it is read. The review's 95 MB CSV (1.53 M
 * rows, under the 100 MB file limit) sent as an editor's dry run took the server to 4.3 GB and killed
 * it; now the row cap (IMPORT_MAX_ROWS) stops the read and refuses it (413 TOO_LARGE) with the server's
 * RSS under 1 GB. An xlsx past its unpacked-size cap, an upload past the row cap, and a declared
 * Content-Length past the file cap (before any of the body is read) are refused the same way.
 *
 * The server runs in this process (app.listen), so process RSS is the server's; the upload is streamed
 * from a file (fs.openAsBlob), never held by the test.
 */

import { once } from 'node:events';
import { createWriteStream, mkdtempSync, openAsBlob, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeaders, buildTestApp, type TestApp } from '../helpers/app.ts';

const EDITOR = { role: 'editor', scope: 'sz-dangjia-working-committee' } as const;
const dir = mkdtempSync(join(tmpdir(), 'import-memory-'));
let app: TestApp;
let small: TestApp;
let base: string;
let smallBase: string;

async function upload(url: string, path: string, name: string, as = authHeaders(EDITOR)) {
  const form = new FormData();
  form.append('file', await openAsBlob(path), name);
  const response = await fetch(url, { method: 'POST', body: form, headers: as });
  return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string } } };
}

/** The review's file: 1,532,535 rows of the places template, ≈ 95 MB. */
async function writeBigCsv(path: string) {
  const out = createWriteStream(path);
  out.write('地点编号,名称,类型,上级地点编号\n');
  for (let i = 0; i < 1_532_535; i += 1) {
    if (!out.write(`ed-big-${String(i).padStart(7, '0')},大文件测试村,Village,sz-dangjia-subdistrict\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}

beforeAll(async () => {
  await writeBigCsv(join(dir, 'rows95mb.csv'));
  app = await buildTestApp();
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  small = await buildTestApp({ IMPORT_MAX_ROWS: '10', IMPORT_MAX_UNPACKED_BYTES: String(1024 * 1024) });
  smallBase = await small.listen({ host: '127.0.0.1', port: 0 });
}, 300_000);

afterAll(async () => {
  await app?.close();
  await small?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('import memory', () => {
  it('a 95 MB CSV dry run by an editor is refused while it is read, the server under 1 GB RSS', async () => {
    const path = join(dir, 'rows95mb.csv');
    expect(statSync(path).size).toBeGreaterThan(95_000_000);
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 10);
    const started = performance.now();
    const { status, body } = await upload(`${base}/import?dryRun=true`, path, 'rows95mb.csv');
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(
      `[import-memory] 95 MB CSV: ${status} in ${((performance.now() - started) / 1000).toFixed(1)} s, peak RSS ${Math.round(peak / 1024 / 1024)} MB`,
    );
    expect(status).toBe(413);
    expect(body.error).toMatchObject({ code: 'TOO_LARGE' });
    expect(body.error!.message).toMatch(/rows95mb\.csv: holds more than 120000 rows/);
    expect(peak).toBeLessThan(1024 * 1024 * 1024);
  });

  it('refuses rows past IMPORT_MAX_ROWS, all files of the upload together', async () => {
    const path = join(dir, 'eleven.csv');
    const out = createWriteStream(path);
    out.write('地点编号,名称,类型,上级地点编号\n');
    for (let i = 0; i < 11; i += 1) out.write(`ed-eleven-${i},村,Village,sz-dangjia-subdistrict\n`);
    out.end();
    await once(out, 'close');
    const { status, body } = await upload(`${smallBase}/import?dryRun=true`, path, 'eleven.csv');
    expect(status).toBe(413);
    expect(body.error!.message).toMatch(/holds more than 10 rows/);
  });

  it('refuses an xlsx that unpacks past IMPORT_MAX_UNPACKED_BYTES while it is read', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('地点');
    sheet.addRow(['地点编号', '名称', '类型', '上级地点编号']);
    // Two rows, one long name: ~3 MB of XML that zips to a few KB.
    sheet.addRow(['ed-x-1', '村'.repeat(1_000_000), 'Village', 'sz-dangjia-subdistrict']);
    const path = join(dir, 'bomb.xlsx');
    await workbook.xlsx.writeFile(path);
    expect(statSync(path).size).toBeLessThan(100_000);
    const { status, body } = await upload(`${smallBase}/import?dryRun=true`, path, 'bomb.xlsx');
    expect(status).toBe(413);
    expect(body.error!.message).toMatch(/bomb\.xlsx: unpacks to more than 1 MB of XML/);
  });

  it('refuses a declared Content-Length past the file cap before reading the body', async () => {
    const url = new URL(`${base}/import?dryRun=true`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: `${url.pathname}${url.search}`,
          method: 'POST',
          headers: {
            ...authHeaders(EDITOR),
            'content-type': 'multipart/form-data; boundary=x',
            'content-length': String(50 * 1024 * 1024 * 1024),
          },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on('error', (error) => (error.message.includes('socket hang up') ? undefined : reject(error)));
      // Only the first bytes are ever sent: the answer must come without the rest.
      req.write('--x\r\n');
    });
    expect(status).toBe(413);
  });

  it('refuses an editor’s graph.json before reading it', async () => {
    const path = join(dir, 'graph.json');
    const out = createWriteStream(path);
    out.end('{"format":"jinan-party-graph","version":1,"exportedAt":"2025-01-01T00:00:00Z","root":null,\n"nodes":[]}\n');
    await once(out, 'close');
    const { status, body } = await upload(`${base}/import?dryRun=true`, path, 'graph.json');
    expect(status).toBe(403);
    expect((body as unknown as { errors: { code: string }[] }).errors).toEqual([expect.objectContaining({ code: 'OUT_OF_SCOPE' })]);
  });
});
