/**
 * Changing one's own password checks the current one: that check is a sign-in door too (security review
 * L2, failed sign-ins rate-limited). Whoever holds a session cookie (a browser left signed in, a stolen
 * cookie) could otherwise guess the account's password through POST /session/password without limit,
 * while POST /session locks the name after SIGN_IN_MAX_FAILURES. Both must count against the same
 * name and address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, removeAccounts, sessionHeaders, signInAs } from '../helpers/accounts.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { testDriver } from '../helpers/neo4j.ts';

const PASSWORD = 'copper-lantern-harbour-41';
const { driver, database } = testDriver();
let app: TestApp;

beforeAll(async () => {
  app = await buildTestApp({ SIGN_IN_MAX_FAILURES: '3' });
  await removeAccounts(driver, database);
  await createAccount(app, 'pct-editor', 'editor', PASSWORD, 'sz-dangjia-working-committee');
});
afterAll(async () => {
  await removeAccounts(driver, database);
  await app.close();
  await driver.close();
});

describe('the current password of POST /session/password', () => {
  it('is throttled like a sign-in: wrong guesses lock the name, and then even the right one is refused', async () => {
    const session = await signInAs(app, 'pct-editor', PASSWORD);
    expect(session.status).toBe(200);
    const change = (current: string, remoteAddress: string) =>
      app.inject({
        method: 'POST',
        url: '/session/password',
        payload: { current, next: 'violet-orchard-summit-58' },
        headers: sessionHeaders(session),
        remoteAddress,
      });
    // Each guess from another address: the name's own limit (3 here) is what locks, as at sign-in.
    const answers: number[] = [];
    for (let i = 1; i <= 3; i += 1) answers.push((await change(`wrong-guess-${i}-xyz`, `192.0.2.${i}`)).statusCode);
    expect(answers).toEqual([400, 400, 429]);
    const right = await change(PASSWORD, '192.0.2.9');
    expect(right.statusCode).toBe(429);
    expect(right.json().error.code).toBe('RATE_LIMITED');
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    // The lock is the name's: signing in with the right password is refused too, and the password is unchanged.
    expect((await signInAs(app, 'pct-editor', PASSWORD, '192.0.2.10')).status).toBe(429);
    expect((await signInAs(app, 'pct-editor', 'violet-orchard-summit-58', '192.0.2.11')).status).toBe(429);
  });

  it('counts a wrong current password as a failed sign-in in the change log', async () => {
    const { records } = await driver.executeQuery(
      "MATCH (c:Change {entityId: 'account:pct-editor'}) WHERE c.action IN ['signInFailed', 'lockSignIn'] RETURN c.action AS action",
      {},
      { database },
    );
    const actions = records.map((r) => r.get('action') as string);
    expect(actions.filter((a) => a === 'signInFailed')).toHaveLength(3);
    expect(actions).toContain('lockSignIn');
  });
});
