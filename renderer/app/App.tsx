// The shell: who is logged in decides between the login screen, the forced password change and
// the working window with its navigation. The idle lock covers the window without unmounting it,
// so nothing typed is lost.
import { useCallback, useEffect, useState } from 'react';
import type { Me } from '../../electron/api/contract';
import { call, onAuthProblem } from '../api';
import { Loading } from '../components/ui';
import { LoginScreen } from '../screens/login/LoginScreen';
import { ChangePasswordScreen } from '../screens/login/ChangePasswordScreen';
import { LockOverlay } from '../screens/login/LockOverlay';
import { Shell } from './Shell';
import { useIdleLock } from './useIdleLock';

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [bootError, setBootError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setMe(await call('auth.me', {}));
    } catch (e) {
      setBootError((e as Error).message);
      setMe(null);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(
    () =>
      onAuthProblem((error) => {
        if (error.code === 'unauthenticated') setMe(null);
        else void refresh();
      }),
    [refresh],
  );

  const lockNow = useCallback(async () => {
    await call('auth.lock', {}).catch(() => undefined);
    setMe((m) => (m ? { ...m, locked: true } : m));
  }, []);
  useIdleLock(me && !me.locked ? me.idleLockMinutes : null, lockNow);

  if (me === undefined) return <Loading what="Запуск" />;
  if (me === null) return <LoginScreen onLogin={setMe} notice={bootError} />;
  if (me.mustChangePassword) return <ChangePasswordScreen me={me} forced onDone={setMe} onLogout={() => setMe(null)} />;
  return (
    <>
      <Shell me={me} onLogout={() => setMe(null)} onMeChange={setMe} />
      {me.locked && <LockOverlay me={me} onUnlock={setMe} onLogout={() => setMe(null)} />}
    </>
  );
}
