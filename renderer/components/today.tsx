// «Today» for every screen: the institution's date by the server's clock (auth.me), not the date of the computer
// or phone the page is open on (another time zone, a wrong clock, or a demo started with --today). The shell
// provides it; it is renewed whenever auth.me is (start, login, unlock).
import { createContext, useContext, type ReactNode } from 'react';
import { localIsoDate } from '../../electron/domain/calendar';

const TodayContext = createContext<string | null>(null);

export function TodayProvider({ today, children }: { today: string; children: ReactNode }) {
  return <TodayContext.Provider value={today}>{children}</TodayContext.Provider>;
}

/** The institution's date (YYYY-MM-DD); outside the shell (before login), the device's own. */
export function useToday(): string {
  return useContext(TodayContext) ?? localIsoDate(new Date());
}
