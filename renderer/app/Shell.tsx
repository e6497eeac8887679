// The working window: header, navigation for the user's roles, and the current screen. On a phone
// the sidebar gives way to a «Меню» button in the top bar that opens the same list of sections.
import { Suspense, useEffect, useState } from 'react';
import type { Me } from '../../electron/api/contract';
import { call } from '../api';
import { Button } from '../components/ui';
import { WordsProvider } from '../components/words';
import { TodayProvider } from '../components/today';
import { wordsOf } from '../../electron/domain/vocabulary';
import { matchPath, navigate, usePath } from './router';
import { allowed, routeTitle, routes, type RouteDef } from './routes';

export function Shell({ me, onLogout }: { me: Me; onLogout: () => void; onMeChange: (me: Me) => void }) {
  const path = usePath();
  const [menuOpen, setMenuOpen] = useState(false);
  const visible = routes.filter((r) => allowed(r, me));
  const found = routes.map((r) => ({ route: r, params: matchPath(r.path, path) })).find((x) => x.params);
  const words = wordsOf(me.institution?.kind ?? 'college');
  const roles = [...new Set(me.roles.map((g) => words.role(g.role)))].join(', ');
  useEffect(() => {
    setMenuOpen(false);
  }, [path]);
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setMenuOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  async function logout() {
    await call('auth.logout', {}).catch(() => undefined);
    onLogout();
  }
  const links = (current?: RouteDef) =>
    visible
      .filter((r) => r.nav)
      .map((r) => (
        <a
          key={r.path}
          href={`#${r.path}`}
          className={current === r ? 'active' : ''}
          aria-current={current === r ? 'page' : undefined}
        >
          {routeTitle(r, words)}
        </a>
      ));

  return (
    <WordsProvider kind={me.institution?.kind}>
      <TodayProvider today={me.today}>
        <div className="shell">
          <header className="topbar">
            <div className="brand">
              <span className="brand-mark" aria-hidden>
                Ж
              </span>
              <span className="brand-name">Журнал</span>
              {me.institution && <span className="brand-inst">{me.institution.shortName}</span>}
            </div>
            <div className="whoami">
              <span className="whoami-name">{me.fullName}</span>
              <span className="whoami-roles">{roles}</span>
              <Button kind="secondary" onClick={() => navigate('/password')}>
                Сменить пароль
              </Button>
              <Button kind="secondary" onClick={logout}>
                Выйти
              </Button>
            </div>
            <Button
              kind="secondary"
              className="menu-button"
              aria-expanded={menuOpen}
              aria-controls="phone-menu"
              onClick={() => setMenuOpen((o) => !o)}
            >
              Меню
            </Button>
            {menuOpen && (
              <nav id="phone-menu" className="phone-menu" aria-label="Меню">
                <p className="phone-menu-who">
                  <strong>{me.fullName}</strong>
                  <span className="muted small">{roles}</span>
                </p>
                {links(found?.route)}
                <a
                  href="#/password"
                  className="phone-menu-account"
                  aria-current={path === '/password' ? 'page' : undefined}
                >
                  Сменить пароль
                </a>
                <button type="button" className="phone-menu-logout" onClick={logout}>
                  Выйти
                </button>
              </nav>
            )}
          </header>
          <nav className="sidebar" aria-label="Разделы">
            {links(found?.route)}
          </nav>
          <main className="content">
            {found && allowed(found.route, me) ? (
              <Suspense fallback={<p className="muted">Загрузка раздела…</p>}>
                {found.route.render(found.params!, me)}
              </Suspense>
            ) : (
              <div className="banner banner-error" role="alert">
                {found ? 'Недостаточно прав для этого раздела' : 'Раздел не найден'}
              </div>
            )}
          </main>
        </div>
      </TodayProvider>
    </WordsProvider>
  );
}
