// The shell: who is logged in decides between the login screen, the forced password change and
// the working window with its navigation. The idle lock covers the window without unmounting it,
// so nothing typed is lost.
import { useCallback, useEffect, useState } from 'react';
import type { Me, SetupStatus } from '../../electron/api/contract';
import { call, onAuthProblem } from '../api';
import { Loading } from '../components/ui';
import { LoginScreen } from '../screens/login/LoginScreen';
import { ChangePasswordScreen } from '../screens/login/ChangePasswordScreen';
import { LockOverlay } from '../screens/login/LockOverlay';
import { FirstRunScreen } from '../screens/firstrun/FirstRunScreen';
import { navigate } from './router';
import { Shell } from './Shell';
import { useIdleLock } from './useIdleLock';

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [bootError, setBootError] = useState<string | null>(null);
  const [setup, setSetup] = useState<SetupStatus | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      // An empty journal opens on the first run instead of a login nobody can pass.
      const status = await call('setup.status', {});
      setSetup(status);
      if (!status.initialized) return setMe(null);
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
  if (me === null && setup && !setup.initialized) {
    return (
      <FirstRunScreen
        status={setup}
        onCreated={(created) => {
          setSetup({ ...setup, initialized: true });
          navigate('/year');
          setMe(created);
        }}
        onReplaced={(text) => {
          setNotice(text);
          setMe(undefined);
          void refresh();
        }}
      />
    );
  }
  if (me === null)
    return (
      <LoginScreen
        onLogin={setMe}
        notice={notice ?? bootError}
        noticeKind={notice ? 'ok' : 'warn'}
        kind={setup?.kind ?? undefined}
      />
    );
  if (me.mustChangePassword) return <ChangePasswordScreen me={me} forced onDone={setMe} onLogout={() => setMe(null)} />;
  return (
    <>
      <Shell me={me} onLogout={() => setMe(null)} onMeChange={setMe} />
      {me.locked && <LockOverlay me={me} onUnlock={setMe} onLogout={() => setMe(null)} />}
    </>
  );
}
