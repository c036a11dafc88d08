/**
 * The viewer's state store (web/src/state.ts): changes go through it, subscribers hear the keys that
 * changed and the mode, and an update that changes nothing is silent.
 */
import { describe, expect, it } from 'vitest';
import { changedKeys, createStore } from '../../web/src/state.ts';

interface S {
  lens: string;
  area: string | null;
  hide: string[];
}

const initial: S = { lens: 'hierarchy', area: null, hide: [] };

describe('view store', () => {
  it('compares values as data: arrays by content', () => {
    expect(changedKeys(initial, { ...initial, hide: [] }, ['lens', 'area', 'hide'])).toEqual([]);
    expect(changedKeys(initial, { ...initial, hide: ['Group'], area: 'lc' }, ['lens', 'area', 'hide'])).toEqual(['area', 'hide']);
  });

  it('tells subscribers what an update changed, in the mode the changed keys decide', () => {
    const store = createStore(initial);
    const heard: unknown[] = [];
    store.subscribe((state, changed, mode) => heard.push([state.area, state.hide, changed, mode]));
    expect(store.update({ area: 'lc', lens: 'hierarchy' })).toEqual(['area']);
    expect(store.update({ hide: ['Group'] }, (keys) => (keys.every((k) => k === 'hide') ? 'replace' : 'push'))).toEqual(['hide']);
    expect(heard).toEqual([
      ['lc', [], ['area'], 'push'],
      ['lc', ['Group'], ['hide'], 'replace'],
    ]);
    expect(store.get()).toEqual({ lens: 'hierarchy', area: 'lc', hide: ['Group'] });
  });

  it('stays silent on an update that changes nothing, but always announces a replacement', () => {
    const store = createStore(initial);
    const heard: unknown[] = [];
    const stop = store.subscribe((_state, changed, mode) => heard.push([changed, mode]));
    expect(store.update({ lens: 'hierarchy', hide: [] })).toEqual([]);
    store.replace({ ...initial }, 'replace');
    store.replace({ lens: 'audit', area: 'lc', hide: [] });
    stop();
    store.update({ lens: 'network' });
    expect(heard).toEqual([
      [[], 'replace'],
      [['lens', 'area'], 'push'],
    ]);
    expect(store.get().lens).toBe('network');
  });
});
