/**
 * A search field with suggestions as you type (the API's Chinese full-text search). Waits for the
 * IME to finish composing, drops answers to earlier keystrokes, and works from the keyboard
 * (↑ ↓ Enter Esc) as a combobox.
 */
import { describeError, isAbort } from './api.ts';
import { h, replaceChildren } from './dom.ts';
import { kindName, t } from './i18n.ts';
import { type EntityRef, searchEntities } from './queries.ts';
import { kindBadgeStyle } from './style.ts';

export interface SearchBox {
  readonly input: HTMLInputElement;
  setValue(text: string): void;
  refreshText(): void;
}

let counter = 0;

export function createSearchBox(
  container: HTMLElement,
  options: { onPick: (entity: EntityRef) => void; includeSynthetic: () => boolean; placeholder?: () => string; testId?: string },
): SearchBox {
  const listId = `search-list-${++counter}`;
  const input = h('input', {
    type: 'search',
    role: 'combobox',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    'data-testid': options.testId ?? null,
  });
  const list = h('ul', { class: 'suggestions', role: 'listbox', id: listId, hidden: true });
  container.classList.add('search');
  replaceChildren(container, input, list);

  let results: EntityRef[] = [];
  let active = -1;
  let controller: AbortController | undefined;
  let timer: number | undefined;
  let composing = false;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    active = -1;
  };
  const showMessage = (text: string) => {
    replaceChildren(list, h('li', { class: 'message', role: 'option', 'aria-disabled': 'true' }, text));
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  };
  const pick = (entity: EntityRef) => {
    close();
    input.value = entity.displayName ?? entity.name;
    options.onPick(entity);
  };
  const renderResults = () => {
    if (results.length === 0) {
      showMessage(t('search.none', { text: input.value.trim() }));
      return;
    }
    replaceChildren(
      list,
      ...results.map((entity, i) =>
        h(
          'li',
          {
            role: 'option',
            id: `${listId}-${i}`,
            'aria-selected': i === active ? 'true' : 'false',
            'data-id': entity.id,
            onmousedown: (event) => {
              // Before the input's blur closes the list.
              event.preventDefault();
              pick(entity);
            },
          },
          h('span', { class: 'kind-badge', style: kindBadgeStyle(entity.kind) }, kindName(entity.kind)),
          h('span', {}, entity.displayName ?? entity.name),
          entity.synthetic ? h('span', { class: 'synthetic-badge' }, t('details.synthetic')) : null,
        ),
      ),
    );
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    if (active >= 0) input.setAttribute('aria-activedescendant', `${listId}-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const search = async () => {
    const text = input.value.trim();
    controller?.abort();
    if (text.length === 0) {
      close();
      return;
    }
    controller = new AbortController();
    showMessage(t('search.searching'));
    try {
      results = await searchEntities(text, options.includeSynthetic(), controller.signal);
      active = results.length > 0 ? 0 : -1;
      renderResults();
    } catch (error) {
      if (!isAbort(error)) showMessage(describeError(error));
    }
  };
  const schedule = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void search(), 180);
  };

  input.addEventListener('compositionstart', () => {
    composing = true;
  });
  input.addEventListener('compositionend', () => {
    composing = false;
    schedule();
  });
  input.addEventListener('input', () => {
    if (!composing) schedule();
  });
  input.addEventListener('focus', () => {
    if (input.value.trim() && results.length > 0) renderResults();
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  input.addEventListener('keydown', (event) => {
    if (event.isComposing) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (results.length === 0) return;
      event.preventDefault();
      active = (active + (event.key === 'ArrowDown' ? 1 : -1) + results.length) % results.length;
      renderResults();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = results[active];
      if (chosen && !list.hidden) pick(chosen);
      else void search();
    } else if (event.key === 'Escape') {
      close();
    }
  });

  const refreshText = () => {
    input.placeholder = options.placeholder?.() ?? t('search.placeholder');
    input.setAttribute('aria-label', input.placeholder);
  };
  refreshText();
  return {
    input,
    setValue(text) {
      input.value = text;
    },
    refreshText,
  };
}
