/**
 * A person signed in with a password changes it (修改密码): the current one, the new one twice. The
 * server checks the current one and the new one's length and commonness, and ends the account's other
 * sessions; this one stays.
 */
import './users.css';
import { sessionCsrf } from '../auth.ts';
import { h } from '../dom.ts';
import { type MessageKey, t } from '../i18n.ts';

export function openPasswordDialog(): void {
  const field = (id: string, autocomplete: string, key: MessageKey) => {
    const input = h('input', { id, type: 'password', 'data-testid': id, autocomplete, required: true });
    return { input, label: h('label', { for: id }, t(key)) };
  };
  const current = field('password-current', 'current-password', 'signin.currentPassword');
  const next = field('password-new', 'new-password', 'signin.newPassword');
  const repeat = field('password-repeat', 'new-password', 'signin.repeatPassword');
  const message = h('p', { class: 'sign-in-message', role: 'alert', 'data-testid': 'password-message' });
  const close = () => dialog.remove();
  const form = h(
    'form',
    { class: 'sign-in-card', 'data-testid': 'password-form' },
    h('h2', { id: 'password-title' }, t('signin.changeOwn')),
    message,
    current.label,
    current.input,
    next.label,
    next.input,
    repeat.label,
    repeat.input,
    h('button', { type: 'submit', class: 'primary', 'data-testid': 'password-submit' }, t('signin.changeSubmit')),
    h('button', { type: 'button', class: 'small', 'data-testid': 'password-close', onclick: close }, t('users.close')),
  );
  const dialog = h(
    'div',
    { class: 'sign-in', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'password-title', 'data-testid': 'password-dialog' },
    form,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (next.input.value !== repeat.input.value) {
      message.textContent = t('signin.mismatch');
      return;
    }
    const response = await fetch('/session/password', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': sessionCsrf() ?? '' },
      body: JSON.stringify({ current: current.input.value, next: next.input.value }),
    });
    const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
    message.dataset.state = response.ok ? 'done' : 'error';
    message.textContent = response.ok ? t('signin.changeDone') : (body.error?.message ?? String(response.status));
    if (response.ok) form.reset();
  });
  document.body.append(dialog);
  current.input.focus();
}
