/**
 * Sign-in: a screen where the user pastes the token they were given, the name and role of who is
 * signed in in the top bar, and sign-out. The screen comes back whenever the server answers 401
 * (expired or refused token), saying why. Who is signed in comes from Query.me; until the server has
 * that field, from the token's own claims (shown only; the server checks every request).
 */
import { ApiError, gql } from './api.ts';
import { clearToken, type Me, readClaims, setToken, token } from './auth.ts';
import { h, replaceChildren } from './dom.ts';
import { type MessageKey, onLangChange, t } from './i18n.ts';

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
  try {
    const data = await gql<{ me: Me | null }>('query Me { me { name role scope canAudit } }');
    return data.me ?? meFromClaims();
  } catch (error) {
    // A server without Query.me yet refuses the query as invalid (Mercurius does not say which field):
    // any small query then says whether the token is accepted.
    if (error instanceof ApiError && error.code === 'GRAPHQL_VALIDATION_FAILED') {
      await gql<{ version: string }>('query Version { version }');
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

/** The sign-in screen over the page; `onSignedIn` runs once a pasted token is accepted. */
export function createSignIn(options: { onSignedIn(me: Me | null): void }): SignIn {
  let reason: MessageKey | null = null;
  const input = h('textarea', {
    id: 'sign-in-token',
    'data-testid': 'sign-in-token',
    rows: 4,
    spellcheck: 'false',
    autocomplete: 'off',
  });
  const message = h('p', { class: 'sign-in-message', role: 'alert', 'data-testid': 'sign-in-message' });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'sign-in-submit' });
  const title = h('h2', { id: 'sign-in-title' });
  const intro = h('p', { class: 'hint' });
  const label = h('label', { for: 'sign-in-token' });
  const form = h('form', { class: 'sign-in-card' }, title, intro, message, label, input, submit);
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
    form,
  );
  document.body.append(screen);

  const render = () => {
    title.textContent = t('signin.title');
    intro.textContent = t('signin.intro');
    label.textContent = t('signin.token');
    submit.textContent = t('signin.submit');
    message.textContent = reason ? t(reason) : '';
    message.hidden = reason == null;
  };
  onLangChange(render);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = input.value.trim().replace(/^Bearer\s+/i, '');
    if (!value) {
      reason = 'signin.empty';
      render();
      return;
    }
    setToken(value);
    submit.disabled = true;
    submit.textContent = t('signin.checking');
    try {
      const me = await whoAmI();
      screen.hidden = true;
      input.value = '';
      reason = null;
      options.onSignedIn(me);
    } catch (error) {
      clearToken();
      reason = error instanceof ApiError && error.code === 'UNAUTHENTICATED' ? 'signin.rejected' : null;
      render();
      if (!reason) message.textContent = error instanceof ApiError ? error.describe() : String(error);
      message.hidden = false;
    } finally {
      submit.disabled = false;
      if (!screen.hidden) submit.textContent = t('signin.submit');
    }
  });

  render();
  return {
    show(why) {
      reason = why;
      render();
      screen.hidden = false;
      input.focus();
    },
    get visible() {
      return !screen.hidden;
    },
  };
}

/** The top bar's "who is signed in" and the sign-out button (none in the demo mode without a token). */
export function renderUserBadge(container: HTMLElement, me: Me | null, onSignOut: () => void): void {
  if (!me && !token()) {
    replaceChildren(container, h('span', { class: 'user-badge muted', 'data-testid': 'user-badge' }, t('signin.demo')));
    return;
  }
  const role = me ? t(`role.${me.role}` as MessageKey) : '';
  replaceChildren(
    container,
    h('span', { class: 'user-badge', 'data-testid': 'user-badge', 'data-role': me?.role ?? '' }, me ? `${me.name}（${role}）` : ''),
    h('button', { type: 'button', class: 'small', 'data-testid': 'sign-out', onclick: onSignOut }, t('signin.signOut')),
  );
}
