// Load data from a contract method and reload it on demand.
import { useCallback, useEffect, useState } from 'react';
import { call } from '../api';
import type { Input, MethodName, Output } from '../../electron/api/contract';

export function useCall<M extends MethodName>(method: M, input: Input<M>, deps: unknown[] = []) {
  const [data, setData] = useState<Output<M> | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const key = JSON.stringify(input);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await call(method, JSON.parse(key) as Input<M>));
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, [method, key]);
  useEffect(() => {
    void reload();
  }, [reload, ...deps]);
  return { data, error, loading, reload, setData };
}
