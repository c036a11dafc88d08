/**
 * A real OpenID provider for the single sign-on tests: the certified `oidc-provider` package on
 * 127.0.0.1 (a free port), with our client registered for its redirect URI, PKCE required, and the
 * accounts (and their claims) the test names. Its sign-in and consent screens are the package's own
 * development interactions (any password; the login field is the account id).
 *
 * `browse` follows a browser's path through it with fetch: redirects followed by hand, each host's
 * cookies kept, the provider's forms submitted.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const CLIENT_ID = 'party-graph-test';
export const CLIENT_SECRET = 'client-secret-for-the-oidc-tests-only-0123456789';

export interface TestProvider {
  issuer: string;
  /** Registers our client with its redirect URI and starts answering. */
  serve(redirectUri: string): void;
  close(): Promise<void>;
}

/** Reserves the provider's port (the issuer URL is needed before our server is built). */
export async function reserveProvider(accounts: Record<string, Record<string, unknown>>): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    serve(redirectUri) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: CLIENT_ID,
            client_secret: CLIENT_SECRET,
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
            token_endpoint_auth_method: 'client_secret_basic',
          },
        ],
        pkce: { required: () => true },
        cookies: { keys: ['cookie-key-for-the-oidc-tests-only'] },
        claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'party_role', 'party_scope'] },
        async findAccount(_ctx, id) {
          const claims = accounts[id];
          if (!claims) return undefined;
          return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
        },
      });
      server.on('request', provider.callback());
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Cookies by origin, as a browser keeps them (path and expiry simplified: one jar per origin). */
export class CookieJar {
  private readonly byOrigin = new Map<string, Map<string, string>>();

  take(url: string, response: Response) {
    const origin = new URL(url).origin;
    const jar = this.byOrigin.get(origin) ?? new Map<string, string>();
    this.byOrigin.set(origin, jar);
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => {
        const [key = '', v = ''] = a.trim().split('=');
        return (key.toLowerCase() === 'expires' && Date.parse(v) <= Date.now()) || (key.toLowerCase() === 'max-age' && Number(v) <= 0);
      });
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  }

  header(url: string): string {
    const jar = this.byOrigin.get(new URL(url).origin);
    return jar ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  }

  get(origin: string, name: string): string | undefined {
    return this.byOrigin.get(origin)?.get(name);
  }

  set(origin: string, name: string, value: string) {
    const jar = this.byOrigin.get(origin) ?? new Map<string, string>();
    this.byOrigin.set(origin, jar);
    jar.set(name, value);
  }
}

export interface Visit {
  url: string;
  status: number;
  body: string;
}

/**
 * A GET (or a form POST), then every redirect followed by hand, cookies kept; the last answer. With
 * `stopAt`, a redirect to a URL starting with it is not followed: its URL comes back (status 0).
 */
export async function browse(jar: CookieJar, start: string, form?: Record<string, string>, stopAt?: string): Promise<Visit> {
  let url = start;
  let init: RequestInit = form
    ? { method: 'POST', body: new URLSearchParams(form), headers: { 'content-type': 'application/x-www-form-urlencoded' } }
    : { method: 'GET' };
  for (let hop = 0; hop < 20; hop += 1) {
    const headers = new Headers(init.headers);
    const cookie = jar.header(url);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    jar.take(url, response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url).href;
      if (stopAt && url.startsWith(stopAt)) return { url, status: 0, body: '' };
      init = { method: 'GET' };
      continue;
    }
    return { url, status: response.status, body: await response.text() };
  }
  throw new Error(`more than 20 redirects from ${start}`);
}

/** The action of the page's form (the provider's login or consent screen), made absolute. */
export function formAction(page: Visit): string {
  const match = /<form[^>]*action="([^"]+)"/.exec(page.body);
  if (!match) throw new Error(`no form on ${page.url} (${page.status}): ${page.body.slice(0, 300)}`);
  return new URL(match[1]!.replace(/&amp;/g, '&'), page.url).href;
}

/**
 * Signs in at the provider as `accountId` and consents: the answer our callback gave in the end (or,
 * with `stopAt`, the callback URL the provider redirected to, not yet visited).
 */
export async function signInAtProvider(jar: CookieJar, startUrl: string, accountId: string, stopAt?: string): Promise<Visit> {
  const login = await browse(jar, startUrl);
  const afterLogin = await browse(jar, formAction(login), { prompt: 'login', login: accountId, password: 'any-password' }, stopAt);
  if (!/name="prompt" value="consent"/.test(afterLogin.body)) return afterLogin;
  return browse(jar, formAction(afterLogin), { prompt: 'consent' }, stopAt);
}
