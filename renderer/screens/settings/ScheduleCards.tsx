// Backup folder and schedule, idle lock, the year-end archive schedule and browser access.
import { useState } from 'react';
import type { FolderCheck, SettingsView } from '../../../electron/api/contract';
import { call } from '../../api';
import { Button, ErrorBanner, Field, Notice } from '../../components/ui';
import { CheckField, FormCard, SelectField } from './fields';

type Saved = (view: SettingsView) => void;

export function BackupSettingsCard({ view, onSaved }: { view: SettingsView; onSaved: Saved }) {
  const b = view.backup;
  const [folder, setFolder] = useState(b.folder);
  const [dailyAt, setDailyAt] = useState(b.dailyAt);
  const [onExit, setOnExit] = useState(b.onExit);
  const [keep, setKeep] = useState({
    daily: String(b.keepDaily),
    weekly: String(b.keepWeekly),
    monthly: String(b.keepMonthly),
  });
  const [check, setCheck] = useState<FolderCheck | null>(null);
  const [checkError, setCheckError] = useState<unknown>(null);

  async function checkFolder() {
    setCheck(null);
    setCheckError(null);
    try {
      setCheck(await call('settings.checkFolder', { path: folder || b.defaultFolder }));
    } catch (e) {
      setCheckError(e);
    }
  }

  return (
    <FormCard
      title="Резервные копии"
      onSave={async () =>
        onSaved(
          await call('settings.update', {
            backup: {
              folder,
              dailyAt,
              onExit,
              keepDaily: Number(keep.daily),
              keepWeekly: Number(keep.weekly),
              keepMonthly: Number(keep.monthly),
            },
          }),
        )
      }
      extraActions={
        <Button kind="secondary" onClick={checkFolder}>
          Проверить папку
        </Button>
      }
    >
      {(errors) => (
        <>
          <Field
            label="Папка резервных копий"
            value={folder}
            onChange={(e) => {
              setFolder(e.target.value);
              setCheck(null);
            }}
            placeholder={b.defaultFolder}
            error={errors['backup.folder']}
            hint={
              `Пусто — папка по умолчанию: ${b.defaultFolder}. Лучше другой диск или сетевая папка: копия на ` +
              `том же диске не спасёт от его поломки.`
            }
          />
          {check &&
            (check.ok ? (
              <Notice kind="ok">
                {check.message}
                {check.backups ? `; копий журнала в ней: ${check.backups}` : ''}
              </Notice>
            ) : (
              <div className="banner banner-error" role="alert">
                {check.message}
              </div>
            ))}
          <ErrorBanner error={checkError} />
          <div className="settings-grid">
            <Field
              label="Ежедневно в (ЧЧ:ММ)"
              value={dailyAt}
              onChange={(e) => setDailyAt(e.target.value)}
              error={errors['backup.dailyAt']}
              inputMode="numeric"
              placeholder="18:00"
              maxLength={5}
            />
            <Field
              label="Хранить ежедневных"
              type="number"
              min={1}
              max={60}
              value={keep.daily}
              onChange={(e) => setKeep({ ...keep, daily: e.target.value })}
              error={errors['backup.keepDaily']}
            />
            <Field
              label="еженедельных"
              type="number"
              min={0}
              max={52}
              value={keep.weekly}
              onChange={(e) => setKeep({ ...keep, weekly: e.target.value })}
              error={errors['backup.keepWeekly']}
            />
            <Field
              label="ежемесячных"
              type="number"
              min={0}
              max={120}
              value={keep.monthly}
              onChange={(e) => setKeep({ ...keep, monthly: e.target.value })}
              error={errors['backup.keepMonthly']}
            />
          </div>
          <CheckField
            label="Делать копию при выходе из программы (если журнал изменился)"
            checked={onExit}
            onChange={setOnExit}
          />
        </>
      )}
    </FormCard>
  );
}

export function IdleLockCard({ view, onSaved }: { view: SettingsView; onSaved: Saved }) {
  const [minutes, setMinutes] = useState(String(view.idleLockMinutes));
  return (
    <FormCard
      title="Блокировка при простое"
      onSave={async () => onSaved(await call('settings.update', { idleLockMinutes: Number(minutes) }))}
    >
      {(errors) => (
        <Field
          label="Блокировать окно после простоя, минут"
          type="number"
          min={1}
          max={240}
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
          error={errors.idleLockMinutes}
          hint="Окно закрывается паролем, несохранённое не теряется. Защищает журнал на общем компьютере учительской."
        />
      )}
    </FormCard>
  );
}

/** `09-05` ↔ `05.09`: the settings keep month-day, people read day.month. */
const toDayMonth = (mmdd: string) => {
  const [m, d] = mmdd.split('-');
  return `${d}.${m}`;
};
const fromDayMonth = (text: string) => {
  const m = /^\s*(\d{1,2})\.(\d{1,2})\s*$/.exec(text);
  return m ? `${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : text;
};

export function ArchiveCard({ view, onSaved }: { view: SettingsView; onSaved: Saved }) {
  const a = view.archive;
  const [due, setDue] = useState(toDayMonth(a.dueDate));
  const [mode, setMode] = useState(a.mode);
  const [target, setTarget] = useState(a.targetFolder);
  return (
    <FormCard
      title="Архив учебного года"
      onSave={async () =>
        onSaved(await call('settings.update', { archive: { dueDate: fromDayMonth(due), mode, targetFolder: target } }))
      }
    >
      {(errors) => (
        <>
          <Field
            label="Архивировать закрытый год после (ДД.ММ)"
            value={due}
            onChange={(e) => setDue(e.target.value)}
            placeholder="05.09"
            error={errors['archive.dueDate']}
            hint="Дата после окончания учебного года, когда архив становится нужен"
          />
          <SelectField label="Режим" value={mode} onChange={(e) => setMode(e.target.value as typeof mode)}>
            <option value="remind">напоминать секретарю</option>
            <option value="auto">архивировать автоматически</option>
            <option value="off">выключено</option>
          </SelectField>
          <Field
            label="Папка для копии архива (съёмный диск)"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            placeholder="E:\Архив журналов"
            error={errors['archive.targetFolder']}
          />
        </>
      )}
    </FormCard>
  );
}

export function WebAccessCard({ view, onSaved }: { view: SettingsView; onSaved: Saved }) {
  const w = view.web;
  const [enabled, setEnabled] = useState(w.enabled);
  const [lan, setLan] = useState(w.lan);
  const [port, setPort] = useState(String(w.port));
  const [tlsCert, setTlsCert] = useState(w.tlsCert);
  const [tlsKey, setTlsKey] = useState(w.tlsKey);
  const status = w.status;
  return (
    <FormCard
      title="Доступ через браузер"
      savedText="Сохранено"
      onSave={async () =>
        onSaved(await call('settings.update', { web: { enabled, lan, port: Number(port), tlsCert, tlsKey } }))
      }
    >
      {(errors) => (
        <>
          {status === null ? (
            <Notice kind="info">
              Журнал уже открыт через браузер: этот сервер запущен командой. Настройки ниже — для программы на ПК.
            </Notice>
          ) : (
            <WebStatus status={status} />
          )}
          <CheckField
            label="Открывать журнал в браузере (для других учительских и родителей)"
            checked={enabled}
            onChange={setEnabled}
            hint="Та же программа, что и сервер для Интернета (npm run cli -- serve), — внутри этого компьютера"
          />
          <CheckField
            label="Открыть доступ из локальной сети"
            checked={lan}
            onChange={setLan}
            hint="Выключено — журнал доступен через браузер только на этом компьютере"
          />
          <Field
            label="Порт"
            type="number"
            min={1024}
            max={65535}
            value={port}
            onChange={(e) => setPort(e.target.value)}
            error={errors['web.port']}
          />
          <Field
            label="Сертификат HTTPS (PEM), необязательно"
            value={tlsCert}
            onChange={(e) => setTlsCert(e.target.value)}
            placeholder="C:\Журнал\cert.pem"
            error={errors['web.tlsCert']}
          />
          <Field
            label="Ключ сертификата (PEM)"
            value={tlsKey}
            onChange={(e) => setTlsKey(e.target.value)}
            placeholder="C:\Журнал\key.pem"
            error={errors['web.tlsKey']}
          />
        </>
      )}
    </FormCard>
  );
}

function WebStatus({ status }: { status: NonNullable<SettingsView['web']['status']> }) {
  if (status.problem)
    return (
      <div className="banner banner-error" role="alert">
        Не запущен: {status.problem}
      </div>
    );
  if (!status.running) return <p className="muted">Выключен.</p>;
  return (
    <>
      <Notice kind="ok">
        Работает:{' '}
        {status.urls.map((u, i) => (
          <span key={u}>
            {i > 0 && ', '}
            <code>{u}</code>
          </span>
        ))}
      </Notice>
      {!status.secure && (
        <div className="banner banner-warn" role="alert">
          Соединение без шифрования (HTTP): пароли и отметки передаются по сети открытым текстом. Годится для сети
          учреждения; для доступа из Интернета поставьте сертификат HTTPS или сервер с nginx (см. README).
        </div>
      )}
    </>
  );
}
