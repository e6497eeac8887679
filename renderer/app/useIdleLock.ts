// After N minutes without keyboard or mouse input, lock the window (003 §2.9: no student may go
// on working under a teacher's login).
import { useEffect, useRef } from 'react';

const EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;

export function useIdleLock(minutes: number | null, lock: () => void): void {
  const last = useRef(Date.now());
  useEffect(() => {
    if (!minutes) return;
    last.current = Date.now();
    const touch = () => {
      last.current = Date.now();
    };
    for (const e of EVENTS) window.addEventListener(e, touch, { passive: true, capture: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last.current >= minutes * 60_000) lock();
    }, 5_000);
    return () => {
      for (const e of EVENTS) window.removeEventListener(e, touch, { capture: true });
      window.clearInterval(timer);
    };
  }, [minutes, lock]);
}
