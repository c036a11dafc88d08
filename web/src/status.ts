/**
 * What the graph area says when it has nothing to draw yet: loading (with what is loading), empty
 * (and why), or an error in words a planner understands, with a way to try again.
 */
import { h, replaceChildren } from './dom.ts';
import { t } from './i18n.ts';

export interface Status {
  loading(text: string): void;
  empty(text: string): void;
  error(text: string, retry?: () => void): void;
  clear(): void;
  /** The state shown, for tests and screen readers: idle, loading, empty or error. */
  readonly state: string;
}

export function createStatus(element: HTMLElement): Status {
  const show = (state: string, card: HTMLElement) => {
    element.dataset.state = state;
    replaceChildren(element, card);
    element.hidden = false;
  };
  element.dataset.state = 'idle';
  return {
    loading(text) {
      show('loading', h('div', { class: 'status-card' }, h('div', { class: 'spinner', 'aria-hidden': 'true' }), h('p', {}, text)));
    },
    empty(text) {
      show('empty', h('div', { class: 'status-card' }, h('h3', {}, t('empty.title')), h('p', {}, text)));
    },
    error(text, retry) {
      show(
        'error',
        h(
          'div',
          { class: 'status-card error', role: 'alert' },
          h('h3', { class: 'error-title' }, t('error.title')),
          h('p', {}, text),
          retry ? h('button', { type: 'button', class: 'primary', onclick: retry }, t('status.retry')) : null,
        ),
      );
    },
    clear() {
      element.dataset.state = 'idle';
      element.hidden = true;
      element.replaceChildren();
    },
    get state() {
      return element.dataset.state ?? 'idle';
    },
  };
}
