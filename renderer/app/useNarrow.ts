// Whether the window is phone-sized. Screens whose tables cannot fit a phone render lists instead;
// the breakpoint is the same as the one in styles.css that hides the sidebar.
import { useSyncExternalStore } from 'react';

export const PHONE_QUERY = '(max-width: 720px)';

function subscribe(onChange: () => void): () => void {
  const list = window.matchMedia(PHONE_QUERY);
  list.addEventListener('change', onChange);
  return () => list.removeEventListener('change', onChange);
}

export function useNarrow(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(PHONE_QUERY).matches,
    () => false,
  );
}
