/**
 * Search as users type it (#14 item 2), on the documented seed: any text is plain words (no Lucene
 * syntax, no operators), one- and two-character words find names that contain them, exact and
 * prefix name matches come first, a role's name finds what the role leads (链长 → the chains), a
 * phrase finds names containing it rather than names sharing one bigram, and an answer that finds
 * nothing says what it tried (extensions.search.tried).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeaders, buildTestApp, type TestApp } from '../helpers/app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await buildTestApp({ QUERY_TIMEOUT_MS: '60000' });
}, 120_000);
afterAll(async () => {
  await app?.close();
});

interface Hit {
  id: string;
  name: string;
  __typename: string;
}

async function search(text: string, extra = '') {
  const response = await app.inject({
    method: 'POST',
    url: '/graphql',
    payload: { query: `query($text: String!) { search(text: $text${extra}) { id name __typename } }`, variables: { text } },
    headers: authHeaders(),
  });
  return response.json() as { data?: { search: Hit[] }; errors?: unknown[]; extensions?: { search?: { tried: string[] } } };
}

describe('search takes words, not Lucene', () => {
  it('answers operator words and dangling operators without an error', async () => {
    for (const text of ['AND', '港沟 OR', 'OR', 'NOT 党家', '港沟 &&', '"']) {
      const { errors, data } = await search(text);
      expect(errors, text).toBeUndefined();
      expect(Array.isArray(data?.search), text).toBe(true);
    }
    const dangling = await search('港沟 OR');
    expect(dangling.data!.search.map((h) => h.name)).toContain('港沟街道');
  });

  it('treats AND as a word: 港沟 AND 党家 finds names with 港沟 and names with 党家', async () => {
    const names = (await search('港沟 AND 党家')).data!.search.map((h) => h.name);
    expect(names).toEqual(expect.arrayContaining(['港沟街道', '党家街道']));
  });

  it('finds names from one character (党, the surname 商) and two', async () => {
    const party = (await search('党')).data!.search;
    expect(party.length).toBeGreaterThan(0);
    expect(party.every((h) => h.name.includes('党'))).toBe(true);
    const surname = (await search('商', ', kinds: ["Person"]')).data!.search.map((h) => h.name);
    expect(surname).toContain('商俭');
    const two = (await search('党家')).data!.search.map((h) => h.name);
    expect(two).toEqual(expect.arrayContaining(['党家街道', '党家街道党工委']));
  });

  it('ranks the exact name first, then names that start with the text', async () => {
    const hits = (await search('党家街道')).data!.search.map((h) => h.name);
    expect(hits[0]).toBe('党家街道');
    expect(hits[1]).toBe('党家街道党工委');
    const prefix = (await search('港沟')).data!.search.map((h) => h.name);
    const firstOther = prefix.findIndex((n) => !n.startsWith('港沟'));
    const lastPrefix = prefix.map((n) => n.startsWith('港沟')).lastIndexOf(true);
    expect(lastPrefix).toBeGreaterThanOrEqual(0);
    if (firstOther >= 0) expect(lastPrefix).toBeLessThan(firstOther);
  });

  it('链长 finds the role and the industry chains it leads', async () => {
    const hits = (await search('链长')).data!.search;
    expect(hits.map((h) => h.name)).toEqual(expect.arrayContaining(['总链长', '物流产业链', '金融产业链']));
    expect(hits[0]!.name).toBe('总链长');
  });

  it('企业联村 does not answer with committees that only share 企业', async () => {
    const { data, extensions } = await search('企业联村');
    expect(data!.search.filter((h) => !h.name.includes('企业联村'))).toEqual([]);
    expect(extensions?.search?.tried).toEqual(['fulltext', 'contains']);
  });

  it('says what it tried when it finds nothing, and only then', async () => {
    const none = await search('无此名称乙丙丁');
    expect(none.data!.search).toEqual([]);
    expect(none.extensions?.search?.tried).toEqual(['fulltext', 'contains']);
    const found = await search('港沟街道');
    expect(found.data!.search.length).toBeGreaterThan(0);
    expect(found.extensions?.search).toBeUndefined();
  });
});
