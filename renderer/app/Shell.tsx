// The working window: header, navigation for the user's roles, and the current screen.
import type { Me } from '../../electron/api/contract';
import { call } from '../api';
import { Button } from '../components/ui';
import { ROLE_LABELS } from '../labels';
import { matchPath, navigate, usePath } from './router';
import { allowed, routes } from './routes';

export function Shell({ me, onLogout }: { me: Me; onLogout: () => void; onMeChange: (me: Me) => void }) {
  const path = usePath();
  const visible = routes.filter((r) => allowed(r, me));
  const found = routes.map((r) => ({ route: r, params: matchPath(r.path, path) })).find((x) => x.params);
  const roles = [...new Set(me.roles.map((g) => ROLE_LABELS[g.role]))].join(', ');

  async function logout() {
    await call('auth.logout', {}).catch(() => undefined);
    onLogout();
  }

  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden>Ж</span>
          <span className="brand-name">Журнал</span>
          {me.institution && <span className="brand-inst">{me.institution.shortName}</span>}
        </div>
        <div className="whoami">
          <span className="whoami-name">{me.fullName}</span>
          <span className="whoami-roles">{roles}</span>
          <Button kind="secondary" onClick={() => navigate('/password')}>Сменить пароль</Button>
          <Button kind="secondary" onClick={logout}>Выйти</Button>
        </div>
      </header>
      <nav className="sidebar" aria-label="Разделы">
        {visible.filter((r) => r.nav).map((r) => (
          <a key={r.path} href={`#${r.path}`} className={found?.route === r ? 'active' : ''} aria-current={found?.route === r ? 'page' : undefined}>
            {r.title}
          </a>
        ))}
      </nav>
      <main className="content">
        {found && allowed(found.route, me)
          ? found.route.render(found.params!, me)
          : <div className="banner banner-error" role="alert">{found ? 'Недостаточно прав для этого раздела' : 'Раздел не найден'}</div>}
      </main>
    </div>
  );
}
