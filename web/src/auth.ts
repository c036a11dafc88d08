/**
 * The sign-in token and who it says the user is. The token is pasted on the sign-in screen and kept in
 * sessionStorage: it lasts as long as the tab (and tabs opened from it, such as GraphiQL) and is gone
 * when the browser closes. Every request to the server sends it as `Authorization: Bearer …`; a 401
 * answer anywhere brings the sign-in screen back (see sign-in.ts).
 */

const KEY = 'partygraph.token';
/**
 * A person signed in with name and password has a session cookie (HttpOnly: scripts never see it) and
 * this CSRF token, which every POST must carry (server/auth/session.ts). Kept per tab like the token;
 * a new tab gets it again from GET /session.
 */
const CSRF_KEY = 'partygraph.csrf';

export type Role = 'admin' | 'editor' | 'auditor' | 'viewer';

/** The signed-in user as the server describes it (Query.me), or as the token's claims say. */
export interface Me {
  name: string;
  role: Role | string;
  scope: string | null;
  /** The server's word on whether the role may see history and actors and download exports. */
  canAudit?: boolean;
}

/** A value kept for this tab; null where storage is refused (a sandboxed frame, some private modes). */
function stored(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

export const token = (): string | null => stored(KEY);

export function setToken(value: string): void {
  sessionStorage.setItem(KEY, value);
}

export function clearToken(): void {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(CSRF_KEY);
}

export const sessionCsrf = (): string | null => stored(CSRF_KEY);

export function setSessionCsrf(value: string): void {
  sessionStorage.setItem(CSRF_KEY, value);
}

/** Whether this tab is signed in, by a pasted token or by a session. */
export function signedIn(): boolean {
  return token() != null || sessionCsrf() != null;
}

/** The headers that sign a request in: the bearer token, else the session's CSRF token (the cookie goes by itself). */
export function authHeaders(): Record<string, string> {
  const value = token();
  if (value) return { authorization: `Bearer ${value}` };
  const csrf = sessionCsrf();
  return csrf ? { 'x-csrf-token': csrf } : {};
}

/**
 * Takes up a session the browser already has (a reload, a new tab): GET /session answers with its
 * CSRF token when the cookie names a live one. False when there is none.
 */
export async function resumeSession(): Promise<boolean> {
  if (token() || sessionCsrf()) return sessionCsrf() != null;
  const response = await fetch('/session', { headers: { accept: 'application/json' } }).catch(() => null);
  if (!response?.ok) return false;
  const body = (await response.json()) as { csrfToken?: string; user?: { mustChangePassword?: boolean } };
  if (!body.csrfToken || body.user?.mustChangePassword) return false;
  setSessionCsrf(body.csrfToken);
  return true;
}

/** Signs out: the session ends on the server (its cookie is cleared), and the tab forgets both keys. */
export async function signOut(): Promise<void> {
  const csrf = sessionCsrf();
  clearToken();
  if (csrf) await fetch('/session', { method: 'DELETE', headers: { 'x-csrf-token': csrf } }).catch(() => undefined);
}

/**
 * The claims of a JWT, read without checking the signature — only to show a name before the server
 * has said who the user is; the server verifies every request. Null when it is no JWT.
 */
export function readClaims(value: string): Record<string, unknown> | null {
  const payload = value.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(
      payload
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(payload.length / 4) * 4, '='),
    );
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * What the user may use in the viewer: the server says (Me.canAudit); from a token's claims alone,
 * the roles of server/auth/principal.ts (a viewer may not). Null is a server that lets anonymous
 * callers read (the demo mode, as an auditor). The server refuses anyway; this only hides buttons.
 */
export function mayReadHistory(me: Me | null): boolean {
  return me == null || (me.canAudit ?? me.role !== 'viewer');
}

export function mayExport(me: Me | null): boolean {
  return mayReadHistory(me);
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called when the server answers 401: the token is missing, expired or not accepted. */
export function onUnauthorized(listener: Listener): void {
  unauthorizedListeners.add(listener);
}

export function reportUnauthorized(): void {
  for (const listener of unauthorizedListeners) listener();
}
