// Whether the window is phone-sized. Screens whose tables cannot fit a phone render lists instead;
// the breakpoint is the same as the one in styles.css that hides the sidebar.
import { useSyncExternalStore } from 'react';

export const PHONE_QUERY = '(max-width: 720px)';

// One query list for the page: the snapshot is read on every render (the journal grid renders on each
// block of columns a scroll brings into view), and matchMedia() is not free.
let query: MediaQueryList | null = null;
const phone = () => (query ??= window.matchMedia(PHONE_QUERY));

function subscribe(onChange: () => void): () => void {
  const list = phone();
  list.addEventListener('change', onChange);
  return () => list.removeEventListener('change', onChange);
}

export function useNarrow(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => phone().matches,
    () => false,
  );
}
