// The administrator's settings: database location, backups, idle lock, the archive schedule,
// browser access, and the institution's details for signature blocks.
import type { SettingsView } from '../../../electron/api/contract';
import { ErrorBanner, Loading } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { DatabaseCard } from './DatabaseCard';
import { InstitutionCard } from './InstitutionCard';
import { ArchiveCard, BackupSettingsCard, IdleLockCard, WebAccessCard } from './ScheduleCards';

export function SettingsScreen() {
  const settings = useCall('settings.get', {});
  const institution = useCall('institution.get', {});
  if ((settings.loading && !settings.data) || (institution.loading && !institution.data)) return <Loading />;
  if (!settings.data) return <ErrorBanner error={settings.error} />;
  const view = settings.data;
  const saved = (next: SettingsView) => settings.setData(next);
  return (
    <div className="page settings">
      <h1>Настройки</h1>
      <p className="muted">
        Настройки этого компьютера хранятся в папке программы: <code>{view.userData}</code>
      </p>
      <div className="cards">
        <BackupSettingsCard view={view} onSaved={saved} />
        <DatabaseCard view={view} onChanged={() => void settings.reload()} />
        <IdleLockCard view={view} onSaved={saved} />
        <WebAccessCard view={view} onSaved={saved} />
        <ArchiveCard view={view} onSaved={saved} />
        <div className="wide">
          {institution.data ? (
            <InstitutionCard details={institution.data} onSaved={(d) => institution.setData(d)} />
          ) : (
            <ErrorBanner error={institution.error} />
          )}
        </div>
      </div>
    </div>
  );
}
