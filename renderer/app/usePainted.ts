// Whether the page has been painted once since `ready` turned true: a part below the fold (the journal's lesson
// panel, a form of a dozen controls) waits for it, so that what the user came for is on the screen a frame sooner.
import { useEffect, useState } from 'react';

export function usePainted(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    // The frame's callbacks run before its paint; a task queued from one runs after it.
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [ready, painted]);
  return painted;
}
