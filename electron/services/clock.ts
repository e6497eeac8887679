// Time as the services see it. Tests and the demo host pin "today" with a fixed clock.
import { localIsoDate } from '../domain/calendar.js';

export interface Clock {
  now(): Date;
  /** Today's date in the local time zone, `YYYY-MM-DD`. */
  today(): string;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => localIsoDate(new Date()),
};

/** A clock whose date is fixed (`YYYY-MM-DD`) while the time of day runs on. */
export function fixedDateClock(today: string): Clock {
  return {
    now: () => {
      const real = new Date();
      const [y, m, d] = today.split('-').map(Number);
      return new Date(y!, m! - 1, d!, real.getHours(), real.getMinutes(), real.getSeconds(), real.getMilliseconds());
    },
    today: () => today,
  };
}

/** A fully controllable clock for tests. */
export function manualClock(start: Date): Clock & { set(date: Date): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    today: () => localIsoDate(current),
    set: (date) => {
      current = new Date(date);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}
