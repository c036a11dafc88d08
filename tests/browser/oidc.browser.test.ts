/**
 * Single sign-on in Chromium (issue #18): the viewer's sign-in screen offers 统一身份认证登录 when the
 * server has an identity provider; the click goes to a real OpenID provider (oidc-provider on
 * 127.0.0.1, tests/helpers/oidc-provider.ts), whose sign-in and consent forms are filled in; the browser
 * comes back to the viewer signed in, the top bar naming the person and the role the claims carry.
 * Screenshots: oidc-sign-in, oidc-signed-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeAccounts } from '../helpers/accounts.ts';
import { testDriver } from '../helpers/neo4j.ts';
import { CLIENT_ID, CLIENT_SECRET, reserveProvider, type TestProvider } from '../helpers/oidc-provider.ts';
import { openPage, screenshot, startViewer, type Viewer } from './browser.ts';

const DANGJIA = 'sz-dangjia-subdistrict';
let provider: TestProvider;
let viewer: Viewer;
const { driver, database } = testDriver();

beforeAll(async () => {
  await removeAccounts(driver, database);
  provider = await reserveProvider({
    'browser-editor': { name: '浏览器统一认证编辑', preferred_username: 'sso.browser', party_role: 'editor', party_scope: DANGJIA },
  });
  viewer = await startViewer({
    as: null,
    env: { OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET },
  });
  provider.serve(`${viewer.baseUrl}/session/oidc/callback`);
}, 300_000);

afterAll(async () => {
  await removeAccounts(driver, database);
  await viewer?.close();
  await provider?.close();
  await driver.close();
});

describe('single sign-on in the viewer', () => {
  it('统一身份认证登录 goes to the provider and comes back signed in with the role from the claims', async () => {
    const { page } = await openPage(viewer, '/');
    await page.getByTestId('sign-in').waitFor();
    const button = page.getByTestId('sign-in-sso');
    await button.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await button.textContent()).toBe('统一身份认证登录');
    await screenshot(page, 'oidc-sign-in');
    await button.click();

    // The provider's own screens (oidc-provider's development interactions).
    await page.waitForURL((url) => url.href.startsWith(provider.issuer), { timeout: 30_000 });
    await page.locator('input[name="login"]').fill('browser-editor');
    await page.locator('input[name="password"]').fill('any-password');
    await page.locator('button[type="submit"]').click();
    await page.locator('input[name="prompt"][value="consent"]').waitFor({ state: 'attached', timeout: 30_000 });
    await page.locator('button[type="submit"]').click();

    // Back at the viewer, signed in by the session cookie.
    await page.waitForURL((url) => url.href === `${viewer.baseUrl}/`, { timeout: 30_000 });
    const badge = page.getByTestId('user-badge');
    await expect.poll(() => badge.getAttribute('data-role'), { timeout: 60_000 }).toBe('editor');
    expect(await badge.textContent()).toContain('浏览器统一认证编辑');
    expect(await page.getByTestId('sign-in').isHidden()).toBe(true);
    await screenshot(page, 'oidc-signed-in');

    const cookies = await viewer.context.cookies(viewer.baseUrl);
    expect(cookies.find((c) => c.name === 'pg_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    // The page's own cookie-signed GraphQL read answers as the account.
    const me = await page.evaluate(async () => {
      const response = await fetch('/graphql?query=%7B%20me%20%7B%20role%20scope%20%7D%20%7D');
      return response.json();
    });
    expect(me.data.me).toEqual({ role: 'editor', scope: DANGJIA });
  });
});
