/**
 * People's sign-in in Chromium (issue #18), against the real server and Neo4j with auth on: the first
 * administrator is made by `npm run user -- add` (password piped on stdin), signs in with name and
 * password, adds an editor of 党家街道 on the 用户管理 page (its temporary password shown once), signs
 * out; the editor signs in, must set its own password first, edits inside its area through the
 * viewer's session (cookie + CSRF token), is refused outside it, changes its password with 修改密码, and
 * signs in again with the new one. Screenshots: accounts-sign-in, accounts-users-page, accounts-change.
 */
import { spawnSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeAccounts } from '../helpers/accounts.ts';
import { testDriver, testNeo4jEnv } from '../helpers/neo4j.ts';
import { openPage, screenshot, settled, startViewer, type Viewer } from './browser.ts';

const DANGJIA = 'sz-dangjia-subdistrict';
const INSIDE = 'sz-xidong-village';
const OUTSIDE = 'lc-lunan-village';
const ADMIN_PASSWORD = 'granite-orchid-meadow-58';
let viewer: Viewer;
const { driver, database } = testDriver();

/** Runs `npm run user -- …` against the run's Neo4j, the password on stdin as an operator would pipe it. */
function userCli(args: string[], stdin: string) {
  return spawnSync('npm', ['run', '-s', 'user', '--', ...args], {
    input: stdin,
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      ...testNeo4jEnv(),
    },
  });
}

async function signIn(page: Page, login: string, password: string) {
  await page.getByTestId('sign-in').waitFor();
  await page.getByTestId('sign-in-login').fill(login);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-login-submit').click();
}

/** A GraphQL request from the page, signed in as the viewer signs it (session cookie + CSRF token). */
function pageGql(page: Page, query: string) {
  return page.evaluate(async (q) => {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': sessionStorage.getItem('partygraph.csrf') ?? '' },
      body: JSON.stringify({ query: q }),
    });
    return { status: response.status, body: await response.json() };
  }, query);
}

const rename = (id: string, nameEn: string) => `mutation { updatePlace(id: "${id}", input: { nameEn: "${nameEn}" }) { id nameEn } }`;

beforeAll(async () => {
  await removeAccounts(driver, database);
  viewer = await startViewer({ as: null });
});

afterAll(async () => {
  await driver.executeQuery("MATCH (p:Entity {id: $id}) SET p.nameEn = 'Xidong Village'", { id: INSIDE }, { database });
  await removeAccounts(driver, database);
  await viewer?.close();
  await driver.close();
});

describe('people sign in with a name and password', () => {
  let temporary = '';

  it('the first administrator, made by npm run user, signs in and adds an editor of 党家街道', async () => {
    const made = userCli(['add', '--login', 'first-admin', '--role', 'admin', '--name', '首位管理员'], `${ADMIN_PASSWORD}\n`);
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/added first-admin/);
    // The password is never an argument, and a weak one is refused.
    const weak = userCli(['add', '--login', 'second-admin', '--role', 'admin'], 'password123\n');
    expect(weak.status).toBe(2);
    expect(weak.stderr).toMatch(/commonest/);

    const { page, problems } = await openPage(viewer, '/');
    await page.getByTestId('sign-in').waitFor();
    await screenshot(page, 'accounts-sign-in');
    await signIn(page, 'first-admin', 'not-the-password-0');
    await expect.poll(() => page.getByTestId('sign-in-message').textContent(), { timeout: 30_000 }).toBe('用户名或密码不正确。');
    await page.getByTestId('sign-in-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('sign-in-login-submit').click();
    await page.getByTestId('sign-in').waitFor({ state: 'hidden' });
    await settled(page);
    expect(await page.getByTestId('user-badge').textContent()).toBe('首位管理员（管理员）');
    // The session cookie is HttpOnly: the page's scripts cannot read it.
    expect(await page.evaluate(() => document.cookie)).not.toMatch(/pg_session/);

    await page.getByTestId('users-open').click();
    await page.getByTestId('users-row-first-admin').waitFor();
    await page.getByTestId('users-new-login').fill('dangjia-editor');
    await page.getByTestId('users-new-name').fill('党家街道编辑');
    await page.getByTestId('users-new-role').selectOption('editor');
    await page.getByTestId('users-new-scope').fill(DANGJIA);
    await page.getByTestId('users-add-submit').click();
    await page.getByTestId('users-row-dangjia-editor').waitFor();
    temporary = (await page.getByTestId('users-temporary').textContent()) ?? '';
    expect(temporary).toMatch(/^\w{16}$/);
    await screenshot(page, 'accounts-users-page');
    await page.getByTestId('users-close').click();

    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('partygraph.csrf'))).toBeNull();
    const unexpected = problems.filter((p) => !p.includes('401'));
    expect(unexpected, problems.join('; ')).toEqual([]);
    await page.close();
  });

  it('the editor sets its own password, edits inside its area, is refused outside it, and changes its password', async () => {
    const { page } = await openPage(viewer, '/');
    await signIn(page, 'dangjia-editor', temporary);
    await page.getByTestId('sign-in-change-form').waitFor();
    await screenshot(page, 'accounts-change');
    await page.getByTestId('sign-in-new-password').fill('lotus-pavilion-river-31');
    await page.getByTestId('sign-in-repeat-password').fill('lotus-pavilion-river-31');
    await page.getByTestId('sign-in-change-submit').click();
    await page.getByTestId('sign-in').waitFor({ state: 'hidden' });
    await settled(page);
    expect(await page.getByTestId('user-badge').textContent()).toBe('党家街道编辑（编辑）');
    expect(await page.getByTestId('users-open').count()).toBe(0);

    const inside = await pageGql(page, rename(INSIDE, 'Xidong Village (checked by the editor)'));
    expect(inside.body.errors).toBeUndefined();
    expect(inside.body.data.updatePlace).toEqual({ id: INSIDE, nameEn: 'Xidong Village (checked by the editor)' });
    const outside = await pageGql(page, rename(OUTSIDE, 'not allowed'));
    expect(outside.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(outside.body.errors[0].message).toMatch(/outside your area/);
    const { records } = await driver.executeQuery('MATCH (p:Entity {id: $id}) RETURN p.nameEn AS nameEn', { id: OUTSIDE }, { database });
    expect(records[0]?.get('nameEn')).not.toBe('not allowed');

    await page.getByTestId('password-open').click();
    await page.getByTestId('password-current').fill('lotus-pavilion-river-31');
    await page.getByTestId('password-new').fill('cedar-lantern-harbor-64');
    await page.getByTestId('password-repeat').fill('cedar-lantern-harbor-64');
    await page.getByTestId('password-submit').click();
    await expect.poll(() => page.getByTestId('password-message').getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
    await page.getByTestId('password-close').click();

    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in').waitFor();
    await signIn(page, 'dangjia-editor', 'lotus-pavilion-river-31');
    await expect.poll(() => page.getByTestId('sign-in-message').textContent(), { timeout: 30_000 }).toBe('用户名或密码不正确。');
    await page.getByTestId('sign-in-password').fill('cedar-lantern-harbor-64');
    await page.getByTestId('sign-in-login-submit').click();
    await page.getByTestId('sign-in').waitFor({ state: 'hidden' });
    expect(await page.getByTestId('user-badge').textContent()).toBe('党家街道编辑（编辑）');
    await page.close();
  });
});
