// The academic years and the one the screens are looking at (remembered between visits).
import { useCallback, useEffect, useState } from 'react';
import type { YearInfo } from '../../../electron/api/contract';
import { call } from '../../api';

const KEY = 'zhurnal.year';

export function useYears() {
  const [years, setYears] = useState<YearInfo[] | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [yearId, setYearIdState] = useState<number | null>(() => Number(localStorage.getItem(KEY)) || null);
  const reload = useCallback(async () => {
    try {
      const list = await call('years.list', {});
      setYears(list);
      setError(null);
      return list;
    } catch (e) {
      setError(e);
      return [];
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  const setYearId = useCallback((id: number | null) => {
    setYearIdState(id);
    if (id) localStorage.setItem(KEY, String(id));
    else localStorage.removeItem(KEY);
  }, []);
  // The remembered year, else the open one, else the latest.
  const year = years?.find((y) => y.id === yearId) ?? years?.find((y) => y.status === 'open') ?? years?.[0] ?? null;
  return { years, year, setYearId, reload, error };
}
