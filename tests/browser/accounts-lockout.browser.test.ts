/**
 * People's sign-in refused in Chromium (issue #18), against the real server and Neo4j with auth on:
 * an account an administrator disables on the 用户管理 page cannot sign in through the viewer's form, and
 * its session already open in another browser context ends — its next action brings the sign-in screen
 * back; ten wrong passwords typed into the form lock the account (the form says so, and the right
 * password is then refused), and an auditor finds the lock in the change log through the API.
 * Screenshots: accounts-disabled, accounts-locked.
 */
import type { BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, removeAccounts, sessionGql, signInAs } from '../helpers/accounts.ts';
import { testDriver } from '../helpers/neo4j.ts';
import { openPage, screenshot, settled, startViewer, type Viewer } from './browser.ts';

const PASSWORDS = {
  admin: 'basalt-heron-quiver-71',
  leaver: 'juniper-kettle-summit-26',
  target: 'marble-falcon-ripple-83',
  auditor: 'amber-signal-thicket-47',
};
const WRONG = '用户名或密码不正确。';
let viewer: Viewer;
const contexts: BrowserContext[] = [];
const { driver, database } = testDriver();

/** A browser context of its own (its own cookie jar: another person's browser), with a watched page. */
async function freshPage(path = '/') {
  const context = await viewer.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  contexts.push(context);
  return openPage({ ...viewer, context }, path);
}

const isSignInPost = (response: Response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/session';

/** Types a name and password into the sign-in form and submits; the server's answer to POST /session. */
async function submitSignIn(page: Page, login: string, password: string): Promise<Response> {
  await page.getByTestId('sign-in').waitFor();
  await page.getByTestId('sign-in-login').fill(login);
  await page.getByTestId('sign-in-password').fill(password);
  const [response] = await Promise.all([
    page.waitForResponse(isSignInPost, { timeout: 60_000 }),
    page.getByTestId('sign-in-login-submit').click(),
  ]);
  return response;
}

const message = (page: Page) => page.getByTestId('sign-in-message').textContent();

beforeAll(async () => {
  await removeAccounts(driver, database);
  viewer = await startViewer({ as: null });
  await createAccount(viewer.app, 'lk-admin', 'admin', PASSWORDS.admin);
  await createAccount(viewer.app, 'lk-leaver', 'auditor', PASSWORDS.leaver);
  await createAccount(viewer.app, 'lk-target', 'viewer', PASSWORDS.target);
  await createAccount(viewer.app, 'lk-auditor', 'auditor', PASSWORDS.auditor);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await removeAccounts(driver, database);
  await viewer?.close();
  await driver.close();
});

describe('sign-in refused', () => {
  it('a disabled account cannot sign in, its open session ends at its next action, and enabled again it signs in', async () => {
    // The leaver is signed in in its own browser.
    const { page: leaver } = await freshPage();
    expect((await submitSignIn(leaver, 'lk-leaver', PASSWORDS.leaver)).status()).toBe(200);
    await leaver.getByTestId('sign-in').waitFor({ state: 'hidden' });
    await settled(leaver);
    expect(await leaver.getByTestId('user-badge').textContent()).toMatch(/^lk-leaver/);

    // The administrator disables it on the 用户管理 page (after confirming).
    const { page: admin } = await freshPage();
    expect((await submitSignIn(admin, 'lk-admin', PASSWORDS.admin)).status()).toBe(200);
    await admin.getByTestId('sign-in').waitFor({ state: 'hidden' });
    await admin.getByTestId('users-open').click();
    const row = admin.getByTestId('users-row-lk-leaver');
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('active');
    admin.once('dialog', (dialog) => void dialog.accept());
    await admin.getByTestId('users-toggle-lk-leaver').click();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 30_000 }).toBe('disabled');

    // The leaver's next action (a search) is refused by the server, and the sign-in screen comes back.
    const refused = leaver.waitForResponse((r) => new URL(r.url()).pathname === '/graphql' && r.status() === 401, { timeout: 60_000 });
    await leaver.getByTestId('search').pressSequentially('玉符泉源', { delay: 30 });
    await refused;
    await leaver.getByTestId('sign-in').waitFor({ timeout: 30_000 });
    expect(await leaver.getByTestId('user-badge').count()).toBe(0);

    // Its right password no longer signs it in, with the same words as a wrong one.
    const again = await submitSignIn(leaver, 'lk-leaver', PASSWORDS.leaver);
    expect(again.status()).toBe(401);
    await expect.poll(() => message(leaver), { timeout: 30_000 }).toBe(WRONG);
    expect(await leaver.getByTestId('sign-in').isVisible()).toBe(true);
    await screenshot(leaver, 'accounts-disabled');

    // The same button enables it again (no confirmation), and its password signs it in once more.
    await admin.getByTestId('users-toggle-lk-leaver').click();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 30_000 }).toBe('active');
    expect((await submitSignIn(leaver, 'lk-leaver', PASSWORDS.leaver)).status()).toBe(200);
  });

  it('ten wrong passwords typed into the form lock the account; the right one is refused; the lock is in the change log', async () => {
    const { page } = await freshPage();
    const answers: number[] = [];
    for (let i = 1; i <= 10; i += 1) {
      answers.push((await submitSignIn(page, 'lk-target', `wrong-guess-${i}-xyz`)).status());
      if (i < 10) await expect.poll(() => message(page), { timeout: 30_000 }).toBe(WRONG);
    }
    expect(answers).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 401, 429]);
    const locked = /^登录失败次数过多，已暂时锁定，请在 \d+ 秒后再试。$/;
    await expect.poll(() => message(page), { timeout: 30_000 }).toMatch(locked);

    // While locked, the right password is refused too, and the form says why.
    const right = await submitSignIn(page, 'lk-target', PASSWORDS.target);
    expect(right.status()).toBe(429);
    expect(Number(right.headers()['retry-after'])).toBeGreaterThan(0);
    await expect.poll(() => message(page), { timeout: 30_000 }).toMatch(locked);
    expect(await page.getByTestId('sign-in').isVisible()).toBe(true);
    await screenshot(page, 'accounts-locked');

    // An auditor, signed in by its own session, reads the lock in the change log.
    const auditor = await signInAs(viewer.app, 'lk-auditor', PASSWORDS.auditor);
    expect(auditor.status).toBe(200);
    const log = await sessionGql<{ changes: { nodes: { action: string; reason: string | null; after: string }[] } }>(
      viewer.app,
      auditor,
      'query { changes(entityId: "account:lk-target") { nodes { action reason after } } }',
    );
    expect(log.body.errors).toBeUndefined();
    const entries = log.body.data!.changes.nodes;
    expect(entries.filter((e) => e.action === 'signInFailed')).toHaveLength(10);
    expect(entries.filter((e) => e.action === 'signIn')).toHaveLength(0);
    const locks = entries.filter((e) => e.action === 'lockSignIn');
    expect(locks).toHaveLength(1);
    expect(locks[0]!.reason).toBe('10 failed sign-ins');
    expect(JSON.parse(locks[0]!.after)).toMatchObject({ key: 'login:lk-target', lockNumber: 1 });
  });
});
