/**
 * Sign-in: a screen where a person signs in with name and password (a session cookie; a temporary
 * password is changed here first), through single sign-on (统一身份认证, when configured), or pastes the token they were given (scripts, service accounts);
 * the name and role of who is signed in in the top bar, 用户管理 for administrators, and sign-out. The screen comes back whenever the server answers 401
 * (expired or refused token), saying why. Who is signed in comes from Query.me; until the server has
 * that field, from the token's own claims (shown only; the server checks every request).
 */
import { ApiError, gql } from './api.ts';
import { clearToken, type Me, readClaims, resumeSession, setSessionCsrf, setToken, signedIn, signOut, token } from './auth.ts';
import { h, replaceChildren } from './dom.ts';
import { MeDocument, VersionDocument } from './generated/graphql.ts';
import { type MessageKey, onLangChange, t } from './i18n.ts';
import { openPasswordDialog } from './users/password-dialog.ts';
import { openUsersPage } from './users/users-page.ts';

function meFromClaims(): Me | null {
  const value = token();
  const claims = value ? readClaims(value) : null;
  if (!claims || typeof claims.role !== 'string') return null;
  return {
    name: String(claims.name ?? claims.sub ?? '?'),
    role: claims.role,
    scope: typeof claims.scope === 'string' ? claims.scope : null,
  };
}

/**
 * Who the server says is asking: null for an anonymous caller it lets in (the demo mode). Throws
 * ApiError UNAUTHENTICATED when it wants a sign-in.
 */
export async function whoAmI(): Promise<Me | null> {
  await resumeSession();
  try {
    const data = await gql(MeDocument, {});
    return data.me ?? meFromClaims();
  } catch (error) {
    // A server without Query.me yet refuses the query as invalid (Mercurius does not say which field):
    // any small query then says whether the token is accepted.
    if (error instanceof ApiError && error.code === 'GRAPHQL_VALIDATION_FAILED') {
      await gql(VersionDocument, {});
      return meFromClaims();
    }
    throw error;
  }
}

export interface SignIn {
  /** Shows the screen, with a message saying why (a key of i18n.ts) or none. */
  show(reason: MessageKey | null): void;
  readonly visible: boolean;
}

/** POSTs JSON to a session route; the parsed body and status (never throws for an HTTP refusal). */
async function postSession(url: string, body: Record<string, string>, csrf?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await response.json().catch(() => ({}))) as {
    csrfToken?: string;
    user?: { mustChangePassword?: boolean };
    error?: { code?: string; field?: string; message?: string };
  };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), json };
}

/** The sign-in screen over the page; `onSignedIn` runs once a password or a pasted token is accepted. */
export function createSignIn(options: { onSignedIn(me: Me | null): void }): SignIn {
  let reason: MessageKey | null = null;
  let detail = '';
  const field = (id: string, type: string, autocomplete: string) =>
    h('input', { id, type, 'data-testid': id, autocomplete, required: true, spellcheck: 'false' });
  const login = field('sign-in-login', 'text', 'username');
  const password = field('sign-in-password', 'password', 'current-password');
  const loginLabel = h('label', { for: 'sign-in-login' });
  const passwordLabel = h('label', { for: 'sign-in-password' });
  const loginSubmit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'sign-in-login-submit' });
  const passwordForm = h(
    'form',
    { class: 'sign-in-form', 'data-testid': 'sign-in-password-form' },
    loginLabel,
    login,
    passwordLabel,
    password,
    loginSubmit,
  );

  // A temporary password (an administrator's add or reset) is changed before anything else.
  const next = field('sign-in-new-password', 'password', 'new-password');
  const repeat = field('sign-in-repeat-password', 'password', 'new-password');
  const nextLabel = h('label', { for: 'sign-in-new-password' });
  const repeatLabel = h('label', { for: 'sign-in-repeat-password' });
  const changeHint = h('p', { class: 'hint' });
  const changeSubmit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'sign-in-change-submit' });
  const changeForm = h(
    'form',
    { class: 'sign-in-form', 'data-testid': 'sign-in-change-form', hidden: true },
    changeHint,
    nextLabel,
    next,
    repeatLabel,
    repeat,
    changeSubmit,
  );
  let pending: { csrf: string; current: string } | null = null;

  const input = h('textarea', {
    id: 'sign-in-token',
    'data-testid': 'sign-in-token',
    rows: 3,
    spellcheck: 'false',
    autocomplete: 'off',
  });
  const message = h('p', { class: 'sign-in-message', role: 'alert', 'data-testid': 'sign-in-message' });
  const submit = h('button', { type: 'submit', class: 'small', 'data-testid': 'sign-in-submit' });
  const title = h('h2', { id: 'sign-in-title' });
  const intro = h('p', { class: 'hint' });
  const tokenTitle = h('h3', { class: 'sign-in-or' });
  const label = h('label', { for: 'sign-in-token' });
  const form = h('form', { class: 'sign-in-form sign-in-token-form' }, tokenTitle, intro, label, input, submit);
  // Single sign-on, when the server has an identity provider (GET /session/oidc says): the browser goes
  // to the provider and comes back signed in (server/routes/oidc.ts).
  let ssoStart: string | null = null;
  const sso = h('button', {
    type: 'button',
    class: 'primary sign-in-sso',
    'data-testid': 'sign-in-sso',
    hidden: true,
    onclick: () => {
      if (ssoStart) window.location.assign(ssoStart);
    },
  });
  const card = h('div', { class: 'sign-in-card' }, title, message, sso, passwordForm, changeForm, form);
  const screen = h(
    'div',
    {
      class: 'sign-in',
      id: 'sign-in',
      role: 'dialog',
      'aria-modal': 'true',
      'aria-labelledby': 'sign-in-title',
      'data-testid': 'sign-in',
      hidden: true,
    },
    card,
  );
  document.body.append(screen);

  const render = () => {
    title.textContent = t(pending ? 'signin.changeTitle' : 'signin.title');
    loginLabel.textContent = t('signin.login');
    passwordLabel.textContent = t('signin.password');
    loginSubmit.textContent = t('signin.submit');
    changeHint.textContent = t('signin.changeHint');
    nextLabel.textContent = t('signin.newPassword');
    repeatLabel.textContent = t('signin.repeatPassword');
    changeSubmit.textContent = t('signin.changeSubmit');
    tokenTitle.textContent = t('signin.orToken');
    intro.textContent = t('signin.intro');
    label.textContent = t('signin.token');
    submit.textContent = t('signin.submitToken');
    message.textContent = reason ? t(reason, { detail }) : detail;
    message.hidden = reason == null && !detail;
    sso.textContent = t('signin.sso');
    sso.hidden = ssoStart == null || pending != null;
    passwordForm.hidden = pending != null;
    form.hidden = pending != null;
    changeForm.hidden = pending == null;
  };
  onLangChange(render);

  const say = (key: MessageKey | null, text = '') => {
    reason = key;
    detail = text;
    render();
  };

  const finish = async () => {
    const me = await whoAmI();
    screen.hidden = true;
    input.value = '';
    password.value = '';
    next.value = '';
    repeat.value = '';
    pending = null;
    say(null);
    options.onSignedIn(me);
  };

  /** Sends a form's request with its button disabled meanwhile; a failure to reach the server is said on the screen. */
  const sending = async (button: HTMLButtonElement, send: () => Promise<unknown>) => {
    button.disabled = true;
    try {
      await send();
    } catch (error) {
      say(null, error instanceof ApiError ? error.describe() : String(error));
    } finally {
      button.disabled = false;
    }
  };

  passwordForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearToken();
    await sending(loginSubmit, async () => {
      const { status, retryAfter, json } = await postSession('/session', { login: login.value, password: password.value });
      if (status === 200 && json.csrfToken) {
        if (json.user?.mustChangePassword) {
          pending = { csrf: json.csrfToken, current: password.value };
          say(null);
          next.focus();
          return;
        }
        setSessionCsrf(json.csrfToken);
        await finish();
      } else if (status === 429) say('signin.locked', retryAfter ?? '?');
      else if (status === 401) say('signin.wrong');
      else say(null, json.error?.message ?? String(status));
    });
  });

  changeForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!pending) return;
    if (next.value !== repeat.value) return say('signin.mismatch');
    const { csrf, current } = pending;
    await sending(changeSubmit, async () => {
      const { status, json } = await postSession('/session/password', { current, next: next.value }, csrf);
      if (status !== 200) return say(null, json.error?.message ?? String(status));
      setSessionCsrf(csrf);
      await finish();
    });
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = input.value.trim().replace(/^Bearer\s+/i, '');
    if (!value) return say('signin.empty');
    clearToken();
    setToken(value);
    submit.disabled = true;
    submit.textContent = t('signin.checking');
    try {
      await finish();
    } catch (error) {
      clearToken();
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') say('signin.rejected');
      else say(null, error instanceof ApiError ? error.describe() : String(error));
    } finally {
      submit.disabled = false;
      if (!screen.hidden) submit.textContent = t('signin.submitToken');
    }
  });

  render();
  fetch('/session/oidc', { headers: { accept: 'application/json' } })
    .then((response) => (response.ok ? (response.json() as Promise<{ enabled?: boolean; start?: string }>) : null))
    .then((offer) => {
      ssoStart = offer?.enabled && offer.start ? offer.start : null;
      render();
    })
    .catch(() => {
      // An older server without single sign-on: the screen offers the other ways.
    });
  return {
    show(why) {
      pending = null;
      say(why);
      screen.hidden = false;
      login.focus();
    },
    get visible() {
      return !screen.hidden;
    },
  };
}

/**
 * The top bar's "who is signed in", 用户管理 for administrators, and the sign-out button, which ends a
 * session on the server too (none of these in the demo mode without a sign-in).
 */
export function renderUserBadge(container: HTMLElement, me: Me | null, onSignOut: () => void): void {
  if (!me && !signedIn()) {
    replaceChildren(container, h('span', { class: 'user-badge muted', 'data-testid': 'user-badge' }, t('signin.demo')));
    return;
  }
  const role = me ? t(`role.${me.role}` as MessageKey) : '';
  replaceChildren(
    container,
    h('span', { class: 'user-badge', 'data-testid': 'user-badge', 'data-role': me?.role ?? '' }, me ? `${me.name}（${role}）` : ''),
    me?.role === 'admin'
      ? h('button', { type: 'button', class: 'small', 'data-testid': 'users-open', onclick: () => openUsersPage() }, t('users.title'))
      : null,
    // A person signed in with a password (not a pasted token) may change it.
    me && !token() && signedIn()
      ? h(
          'button',
          { type: 'button', class: 'small', 'data-testid': 'password-open', onclick: () => openPasswordDialog() },
          t('signin.changeOwn'),
        )
      : null,
    h(
      'button',
      {
        type: 'button',
        class: 'small',
        'data-testid': 'sign-out',
        onclick: async () => {
          await signOut();
          onSignOut();
        },
      },
      t('signin.signOut'),
    ),
  );
}
