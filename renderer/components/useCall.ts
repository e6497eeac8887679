// Load data from a contract method and reload it on demand. Only the latest request's answer is shown: a tab
// switched while a reload was on its way (an action's onChanged, the previous filter's load) must not have its
// list replaced by the slower, older answer. A reload always asks with the input of the latest render.
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../api';
import type { Input, MethodName, Output } from '../../electron/api/contract';

export function useCall<M extends MethodName>(method: M, input: Input<M>, deps: unknown[] = []) {
  return useLatestCall(true, method, input, deps);
}

/** Like useCall, but only when `enabled`: screens shared by staff and families skip the staff-only lists. */
export function useOptionalCall<M extends MethodName>(enabled: boolean, method: M, input: Input<M>) {
  const { data, error, reload } = useLatestCall(enabled, method, input, []);
  return { data, error, reload };
}

/**
 * For a load whose input can change while it is on its way: each call of the returned function starts a request and
 * gives its check — is it still the latest? — so that only the latest request's answer is shown.
 */
export function useLatestRequest(): () => () => boolean {
  const requests = useRef(0);
  return useCallback(() => {
    const request = ++requests.current;
    return () => request === requests.current;
  }, []);
}

function useLatestCall<M extends MethodName>(enabled: boolean, method: M, input: Input<M>, deps: unknown[]) {
  const [data, setData] = useState<Output<M> | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const key = JSON.stringify(input);
  const latest = useRef({ key, enabled });
  latest.current = { key, enabled };
  const start = useLatestRequest();
  const reload = useCallback(async () => {
    if (!latest.current.enabled) return;
    const isLatest = start();
    setLoading(true);
    try {
      const value = await call(method, JSON.parse(latest.current.key) as Input<M>);
      if (!isLatest()) return;
      setData(value);
      setError(null);
    } catch (e) {
      if (isLatest()) setError(e);
    } finally {
      if (isLatest()) setLoading(false);
    }
  }, [method, start]);
  useEffect(() => {
    void reload();
  }, [reload, key, enabled, ...deps]);
  return { data, error, loading, reload, setData };
}
