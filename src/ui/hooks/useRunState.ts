import { useSyncExternalStore } from 'react';
import type { RunState, RunStore } from '../runStore.ts';

/** Subscribes a component to one slice of the run state; it re-renders only when that slice changes. */
export function useRunState<T>(store: RunStore, select: (state: RunState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}
