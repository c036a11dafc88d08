/**
 * The viewer's documents travel as persisted-query hashes (web/src/api.ts, automatic persisted queries
 * in server/graphql.ts): the first request of a document carries its text and its SHA-256, every later
 * one the hash alone; when the server answers PersistedQueryNotFound (restarted, its cache full) the
 * viewer sends the text again and still gets its answer. The search box asks one document for each
 * word typed, so typing twice asks it twice.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, startViewer, type Viewer } from './browser.ts';

const YUFU = '玉符泉源联合党委';
let viewer: Viewer;

beforeAll(async () => {
  viewer = await startViewer();
});

afterAll(async () => {
  await viewer?.close();
});

interface Sent {
  query?: string;
  extensions?: { persistedQuery?: { version: number; sha256Hash: string } };
}

/** A new page that records every POST to /graphql (body parsed) from its first request on. */
async function watchedPage(): Promise<{ page: Page; sent: Sent[]; problems: string[] }> {
  const page = await viewer.context.newPage();
  const sent: Sent[] = [];
  const problems: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/graphql') sent.push(request.postDataJSON() as Sent);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  await page.goto(`${viewer.baseUrl}/`);
  await settled(page);
  return { page, sent, problems };
}

/** Types a search, waits for its suggestion, and types it once more (the same document asked again). */
async function searchTwice(page: Page, sent: Sent[]) {
  const box = page.getByTestId('search');
  const suggestion = page.locator('.suggestions li[data-id]', { hasText: YUFU }).first();
  await box.pressSequentially('玉符泉源', { delay: 30 });
  await suggestion.waitFor();
  const before = sent.length;
  await box.fill('');
  await box.pressSequentially('玉符泉', { delay: 30 });
  await expect.poll(() => sent.length, { timeout: 30_000 }).toBeGreaterThan(before);
  await suggestion.waitFor();
}

const hashOf = (s: Sent) => s.extensions?.persistedQuery?.sha256Hash;

describe('persisted queries from the viewer', () => {
  it('sends a document in full once, then its hash alone', async () => {
    const { page, sent, problems } = await watchedPage();
    await searchTwice(page, sent);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((s) => hashOf(s)?.length === 64)).toBe(true);
    const byHash = new Map<string, Sent[]>();
    for (const s of sent) byHash.set(hashOf(s)!, [...(byHash.get(hashOf(s)!) ?? []), s]);
    const repeated = [...byHash.values()].filter((requests) => requests.length > 1);
    expect(repeated.length, 'a document asked more than once').toBeGreaterThan(0);
    for (const requests of repeated) {
      expect(typeof requests[0]!.query).toBe('string');
      // Asked again once the first answer came: the hash alone (two asked at once may both carry the text).
      expect(requests.at(-1)!.query).toBeUndefined();
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('sends the text again when the server has forgotten the hash', async () => {
    const { page, sent, problems } = await watchedPage();
    // From here the server "forgets" every hash: a hash-only request gets Mercurius's answer to an unknown one.
    const forgotten: string[] = [];
    await page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as Sent;
      if (body.query === undefined && body.extensions?.persistedQuery) {
        forgotten.push(body.extensions.persistedQuery.sha256Hash);
        await route.fulfill({
          status: 400,
          contentType: 'application/json',
          body: JSON.stringify({ data: null, errors: [{ message: 'PersistedQueryNotFound' }] }),
        });
        return;
      }
      await route.continue();
    });
    await searchTwice(page, sent);
    expect(forgotten.length, 'a hash-only request was refused').toBeGreaterThan(0);
    for (const hash of forgotten) {
      const last = sent.filter((s) => hashOf(s) === hash).at(-1);
      expect(typeof last?.query, `the text sent again for ${hash}`).toBe('string');
    }
    expect(problems).toEqual([]);
    await page.close();
  });
});
