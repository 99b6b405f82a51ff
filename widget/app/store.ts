// A minimal observable state holder and the hook that re-renders on its changes.
import { useEffect, useReducer } from 'preact/hooks';

export interface Store<T> {
  state: T;
  set(patch: Partial<T>): void;
  subscribe(fn: () => void): () => void;
}

export function createStore<T>(state: T): Store<T> {
  const fns = new Set<() => void>();
  const s: Store<T> = {
    state,
    set(patch) {
      s.state = { ...s.state, ...patch };
      fns.forEach((f) => f());
    },
    subscribe(fn) {
      fns.add(fn);
      return () => fns.delete(fn);
    },
  };
  return s;
}

/** Re-render when `src` changes; returns its current state. */
export function useStore<T>(src: { state: T; subscribe(fn: () => void): () => void }): T {
  const [, force] = useReducer((n: number) => n + 1, 0);
  useEffect(() => src.subscribe(() => force(0)), [src]);
  return src.state;
}
