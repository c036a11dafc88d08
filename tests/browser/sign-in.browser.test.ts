/**
 * Signing in to the viewer against the real server with auth on (no demo mode): the sign-in screen
 * first, a pasted token minted for the run, the signed-in name and role in the top bar, sign-out; a
 * viewer-role token sees no history and no downloads; a 401 (an expired token) brings the sign-in
 * screen back with a message, in Chinese or English. Screenshots: sign-in, sign-in-viewer-role.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenFor } from '../helpers/app.ts';
import { openPage, screenshot, settled, startViewer, type Viewer } from './browser.ts';

const DISTRICT = '历城区';
let viewer: Viewer;

beforeAll(async () => {
  viewer = await startViewer({ as: null });
});

afterAll(async () => {
  await viewer?.close();
});

/** Pastes a token on the sign-in screen and waits for the view to load. */
async function signIn(page: import('playwright-core').Page, token: string) {
  await page.getByTestId('sign-in').waitFor();
  await page.getByTestId('sign-in-token').fill(token);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('sign-in').waitFor({ state: 'hidden' });
  await settled(page);
}

/** Requests the app refused for want of a sign-in are expected here; anything else is a problem. */
const unexpected = (problems: string[]) => problems.filter((p) => !p.startsWith('HTTP 401') && !p.includes('status of 401 (Unauthorized)'));

describe('signing in to the viewer', () => {
  it('asks for a token, accepts a minted one and shows who is signed in; sign-out asks again', async () => {
    const { page, problems } = await openPage(viewer, '/');
    await page.getByTestId('sign-in').waitFor();
    expect(await page.getByTestId('sign-in').locator('h2').textContent()).toBe('登录');
    expect(await page.getByTestId('sign-in-message').isHidden()).toBe(true);
    await screenshot(page, 'sign-in');

    await signIn(page, tokenFor({ role: 'auditor', name: '审计员甲' }));
    expect(await page.getByTestId('user-badge').textContent()).toBe('审计员甲（审计）');
    expect(await page.locator('#status').getAttribute('data-state')).not.toBe('error');
    expect(await page.evaluate(() => sessionStorage.getItem('partygraph.token'))).toMatch(/^ey/);

    await screenshot(page, 'signed-in');
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('partygraph.token'))).toBeNull();
    expect(unexpected(problems), problems.join('; ')).toEqual([]);
    await page.close();
  });

  it('refuses a token the server does not accept, saying so', async () => {
    const { page } = await openPage(viewer, '/');
    await page.getByTestId('sign-in').waitFor();
    await page.getByTestId('sign-in-token').fill('not-a-token');
    await page.getByTestId('sign-in-submit').click();
    const message = page.getByTestId('sign-in-message');
    await message.waitFor();
    expect(await message.textContent()).toContain('令牌未被接受');
    expect(await page.getByTestId('sign-in').isVisible()).toBe(true);
    await page.close();
  });

  it('hides the history and the downloads from a viewer-role token, and shows them to an auditor', async () => {
    const { page, problems } = await openPage(viewer, `/?lens=audit&area=${encodeURIComponent(DISTRICT)}`);
    await signIn(page, tokenFor({ role: 'viewer', name: '查看员乙' }));
    expect(await page.getByTestId('user-badge').textContent()).toBe('查看员乙（查看）');
    await page.getByTestId('audit-rollup').waitFor();
    expect(await page.getByTestId('finding-list').count()).toBe(1);
    expect(await page.getByTestId('tab-history').count()).toBe(0);
    expect(await page.getByTestId('audit-downloads').count()).toBe(0);
    await page.getByTestId('audit-board').screenshot({ path: `${process.cwd()}/test-results/screenshots/sign-in-viewer-role.png` });
    expect(unexpected(problems), problems.join('; ')).toEqual([]);

    await page.getByTestId('sign-out').click();
    await signIn(page, tokenFor({ role: 'auditor' }));
    await page.getByTestId('tab-history').waitFor();
    expect(await page.getByTestId('audit-downloads').count()).toBe(1);
    await page.close();
  });

  it('goes back to the sign-in screen with a message when the server answers 401, in English too', async () => {
    const { page } = await openPage(viewer, '/?lang=en');
    await signIn(page, tokenFor({ role: 'auditor' }, 2));
    // The token expires; the next request is refused.
    await page.waitForTimeout(3_000);
    await page.locator('#lens-tabs button[data-lens="audit"]').click();
    await page.getByTestId('sign-in').waitFor();
    expect(await page.getByTestId('sign-in-message').textContent()).toBe(
      'Your sign-in has expired or was not accepted. Please sign in again.',
    );
    expect(await page.getByTestId('sign-in').locator('h2').textContent()).toBe('Sign in');
    expect(await page.evaluate(() => sessionStorage.getItem('partygraph.token'))).toBeNull();
    await page.close();
  });
});
