/**
 * The viewer's state in one store: the lens, its area and ends, the dates, the filters and the
 * language (ViewState, url-state.ts). Every change goes through `update` or `replace`; subscribers
 * hear the new state, the keys that changed and whether the change is a new view ('push': a new
 * history entry) or the same view adjusted ('replace'). url-state.ts subscribes to keep the address
 * bar in step; main.ts reloads the lens or applies filters and language by the changed keys.
 */

export type ChangeMode = 'push' | 'replace';
export type Listener<S> = (state: S, changed: (keyof S)[], mode: ChangeMode) => void;

/** The keys of `keys` whose values differ between two states (compared as data: arrays by content). */
export function changedKeys<S extends object>(before: S, after: S, keys: readonly (keyof S)[]): (keyof S)[] {
  return keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

export interface Store<S extends object> {
  get(): S;
  /**
   * Applies a patch and returns the keys it changed; subscribers hear of it only when some did.
   * `mode` may depend on which keys changed (a filter adjusts the view in place).
   */
  update(patch: Partial<S>, mode?: ChangeMode | ((changed: (keyof S)[]) => ChangeMode)): (keyof S)[];
  /** Replaces the whole state (a saved view, the browser's back button); subscribers always hear of it. */
  replace(next: S, mode?: ChangeMode): (keyof S)[];
  /** Calls `listener` on every change from now on; returns the unsubscribe. */
  subscribe(listener: Listener<S>): () => void;
}

export function createStore<S extends object>(initial: S): Store<S> {
  let state = initial;
  const listeners = new Set<Listener<S>>();
  const publish = (changed: (keyof S)[], mode: ChangeMode) => {
    for (const listener of [...listeners]) listener(state, changed, mode);
  };
  return {
    get: () => state,
    update(patch, mode = 'push') {
      const before = state;
      state = { ...state, ...patch };
      const changed = changedKeys(before, state, Object.keys(patch) as (keyof S)[]);
      if (changed.length > 0) publish(changed, typeof mode === 'function' ? mode(changed) : mode);
      return changed;
    },
    replace(next, mode = 'push') {
      const before = state;
      state = next;
      const changed = changedKeys(before, state, Object.keys({ ...before, ...next }) as (keyof S)[]);
      publish(changed, mode);
      return changed;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
