// Like useCall, but only when `enabled`: screens shared by staff and families skip the staff-only lists.
import { useCallback, useEffect, useState } from 'react';
import { call } from '../../api';
import type { Input, MethodName, Output } from '../../../electron/api/contract';

export function useOptionalCall<M extends MethodName>(enabled: boolean, method: M, input: Input<M>) {
  const [data, setData] = useState<Output<M> | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const key = JSON.stringify(input);
  const reload = useCallback(async () => {
    if (!enabled) return;
    try {
      setData(await call(method, JSON.parse(key) as Input<M>));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [enabled, method, key]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, reload };
}
