/**
 * A person signed in with name and password (session cookie + CSRF token, no pasted token), in
 * Chromium against the real server with auth on: a link with `?focus=<id>` opens the network lens
 * around that entity with its details already open, and when the session ends on the server (expired,
 * or ended by an administrator) the next request brings the sign-in screen back saying why — before,
 * only a pasted token's expiry said so and a session's ended on a bare sign-in screen.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, removeAccounts } from '../helpers/accounts.ts';
import { testDriver } from '../helpers/neo4j.ts';
import { openPage, settled, startViewer, type Viewer } from './browser.ts';

const LOGIN = 'deeplink.viewer';
const PASSWORD = 'copper-lantern-harbour-73';
const XIDONG = 'sz-xidong-village';
let viewer: Viewer;
const { driver, database } = testDriver();

beforeAll(async () => {
  await removeAccounts(driver, database);
  viewer = await startViewer({ as: null });
  await createAccount(viewer.app, LOGIN, 'viewer', PASSWORD);
});

afterAll(async () => {
  await removeAccounts(driver, database);
  await viewer?.close();
  await driver.close();
});

async function signIn(page: Page) {
  await page.getByTestId('sign-in').waitFor();
  await page.getByTestId('sign-in-login').fill(LOGIN);
  await page.getByTestId('sign-in-password').fill(PASSWORD);
  await page.getByTestId('sign-in-login-submit').click();
  await page.getByTestId('sign-in').waitFor({ state: 'hidden' });
  await settled(page);
}

/** Requests refused for want of a sign-in are expected here; anything else is a problem. */
const unexpected = (problems: string[]) => problems.filter((p) => !p.startsWith('HTTP 401') && !p.includes('status of 401 (Unauthorized)'));

describe('links and sessions', () => {
  it('opens a ?focus= link on the network lens with the entity’s details shown', async () => {
    const { records } = await driver.executeQuery('MATCH (n:Entity {id: $id}) RETURN n.name AS name', { id: XIDONG }, { database });
    const name = records[0]!.get('name') as string;
    const { page, problems } = await openPage(viewer, '/');
    await signIn(page);
    await page.goto(`${viewer.baseUrl}/?focus=${XIDONG}`);
    expect(await settled(page)).not.toBe('error');
    expect(await page.locator('#lens-tabs [aria-selected="true"]').getAttribute('data-lens')).toBe('network');
    await page.getByTestId('details').locator('h2', { hasText: name }).waitFor({ timeout: 90_000 });
    expect(await page.evaluate((id) => (window as any).cy.getElementById(id).selected(), XIDONG)).toBe(true);
    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });

  it('says the sign-in has ended when the server no longer knows the session', async () => {
    await viewer.context.clearCookies(); // the first test's session would be taken up without a sign-in
    const { page, problems } = await openPage(viewer, '/');
    await signIn(page);
    await driver.executeQuery('MATCH (s:Session) DETACH DELETE s', {}, { database });
    await page.locator('#lens-tabs button[data-lens="audit"]').click();
    await page.getByTestId('sign-in').waitFor();
    expect(await page.getByTestId('sign-in-message').textContent()).toBe('登录已失效，或令牌未被接受。请重新登录。');
    expect(await page.evaluate(() => sessionStorage.getItem('partygraph.csrf'))).toBeNull();
    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });
});
