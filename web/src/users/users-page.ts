/**
 * 用户管理: the administrators' page over the viewer — every account with its role, area, status and
 * last sign-in; add an account, change its role or area, disable or enable it, reset its password. A
 * new or reset account's temporary password is shown once, to hand over. The server checks everything
 * (admin only, an editor's area exists, the last administrator stays); this page shows its refusals.
 */
import './users.css';
import { describeError, gql } from '../api.ts';
import { h, replaceChildren } from '../dom.ts';
import {
  AddUserDocument,
  ChangeUserDocument,
  ResetPasswordDocument,
  SetUserStatusDocument,
  type UserFragment,
  UsersDocument,
} from '../generated/graphql.ts';
import { type MessageKey, t } from '../i18n.ts';

type User = UserFragment;

const ROLES = ['admin', 'editor', 'auditor', 'viewer'] as const;

function roleSelect(id: string, value: string) {
  const select = h('select', { id, 'data-testid': id });
  for (const role of ROLES) select.append(h('option', { value: role, selected: role === value }, t(`role.${role}` as MessageKey)));
  return select;
}

let page: HTMLElement | null = null;

/** Opens the page (made once, refreshed on every opening). */
export function openUsersPage(): void {
  page?.remove();
  const message = h('p', { class: 'users-message', role: 'status', 'aria-live': 'polite', 'data-testid': 'users-message' });
  const list = h('tbody', { 'data-testid': 'users-list' });
  const say = (text: string) => {
    message.textContent = text;
  };

  const login = h('input', { id: 'users-new-login', 'data-testid': 'users-new-login', required: true, autocomplete: 'off' });
  const name = h('input', { id: 'users-new-name', 'data-testid': 'users-new-name', autocomplete: 'off' });
  const role = roleSelect('users-new-role', 'viewer');
  const scope = h('input', { id: 'users-new-scope', 'data-testid': 'users-new-scope', autocomplete: 'off' });
  const labelled = (input: HTMLElement, key: MessageKey) => h('label', { class: 'users-field' }, t(key), input);
  const addForm = h(
    'form',
    { class: 'users-add', 'data-testid': 'users-add' },
    labelled(login, 'users.login'),
    labelled(name, 'users.name'),
    labelled(role, 'users.role'),
    labelled(scope, 'users.scope'),
    h('button', { type: 'submit', class: 'primary', 'data-testid': 'users-add-submit' }, t('users.add')),
  );

  const showTemporary = (who: string, password: string) => {
    replaceChildren(message, h('span', {}, t('users.temporary', { login: who, password: '' })));
    message.append(h('code', { 'data-testid': 'users-temporary' }, password));
  };

  const run = async (work: () => Promise<void>) => {
    try {
      await work();
      await refresh();
    } catch (error) {
      say(describeError(error));
    }
  };

  addForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void run(async () => {
      const input = { login: login.value.trim(), name: name.value.trim() || null, role: role.value, scope: scope.value.trim() || null };
      const data = await gql(AddUserDocument, { input });
      showTemporary(data.addUser.user.login, data.addUser.temporaryPassword);
      addForm.reset();
    });
  });

  function row(user: User) {
    const rowRole = roleSelect(`users-role-${user.login}`, user.role);
    const rowScope = h('input', { 'data-testid': `users-scope-${user.login}`, value: user.scope ?? '', 'aria-label': t('users.scope') });
    const save = () =>
      run(async () => {
        await gql(ChangeUserDocument, {
          input: { login: user.login, role: rowRole.value, scope: rowRole.value === 'editor' ? rowScope.value.trim() || null : null },
        });
        say(t('users.saved', { login: user.login }));
      });
    const toggle = () =>
      run(async () => {
        if (user.status === 'active' && !window.confirm(t('users.confirmDisable', { login: user.login }))) return;
        await gql(SetUserStatusDocument, { login: user.login, disable: user.status === 'active' });
      });
    const reset = () =>
      run(async () => {
        const data = await gql(ResetPasswordDocument, { login: user.login });
        showTemporary(user.login, data.resetUserPassword.temporaryPassword);
      });
    return h(
      'tr',
      { 'data-testid': `users-row-${user.login}`, 'data-status': user.status },
      h('td', {}, user.login),
      h('td', {}, user.name),
      h('td', {}, rowRole),
      h('td', {}, rowScope),
      h('td', {}, t(`users.status.${user.status}` as MessageKey)),
      h('td', {}, user.lastSignInAt ? new Date(user.lastSignInAt).toLocaleString() : t('users.never')),
      h(
        'td',
        { class: 'users-actions' },
        h('button', { type: 'button', class: 'small', 'data-testid': `users-save-${user.login}`, onclick: save }, t('users.save')),
        h(
          'button',
          { type: 'button', class: 'small', 'data-testid': `users-toggle-${user.login}`, onclick: toggle },
          t(user.status === 'active' ? 'users.disable' : 'users.enable'),
        ),
        h('button', { type: 'button', class: 'small', 'data-testid': `users-reset-${user.login}`, onclick: reset }, t('users.reset')),
      ),
    );
  }

  async function refresh() {
    const data = await gql(UsersDocument, {});
    replaceChildren(list, ...data.users.map(row));
  }

  const close = () => {
    page?.remove();
    page = null;
  };
  const head = h(
    'tr',
    {},
    ...(['users.login', 'users.name', 'users.role', 'users.scope', 'users.status', 'users.lastSignIn'] as MessageKey[]).map((key) =>
      h('th', {}, t(key)),
    ),
    h('th', {}),
  );
  page = h(
    'div',
    { class: 'sign-in users-page', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'users-title', 'data-testid': 'users-page' },
    h(
      'div',
      { class: 'sign-in-card users-card' },
      h(
        'div',
        { class: 'users-head' },
        h('h2', { id: 'users-title' }, t('users.title')),
        h('button', { type: 'button', class: 'small', 'data-testid': 'users-close', onclick: close }, t('users.close')),
      ),
      addForm,
      message,
      h('table', { class: 'users-table' }, h('thead', {}, head), list),
    ),
  );
  page.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });
  document.body.append(page);
  login.focus();
  void run(async () => undefined);
}
