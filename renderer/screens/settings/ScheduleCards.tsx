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
  const [keep, setKeep] = useState({ daily: String(b.keepDaily), weekly: String(b.keepWeekly), monthly: String(b.keepMonthly) });
  const [check, setCheck] = useState<FolderCheck | null>(null);
  const [checkError, setCheckError] = useState<unknown>(null);

  async function checkFolder() {
    setCheck(null);
    setCheckError(null);
    try { setCheck(await call('settings.checkFolder', { path: folder || b.defaultFolder })); } catch (e) { setCheckError(e); }
  }

  return (
    <FormCard title="Резервные копии" onSave={async () => onSaved(await call('settings.update', {
      backup: { folder, dailyAt, onExit, keepDaily: Number(keep.daily), keepWeekly: Number(keep.weekly), keepMonthly: Number(keep.monthly) },
    }))} extraActions={<Button kind="secondary" onClick={checkFolder}>Проверить папку</Button>}>
      {(errors) => (
        <>
          <Field label="Папка резервных копий" value={folder} onChange={(e) => { setFolder(e.target.value); setCheck(null); }}
            placeholder={b.defaultFolder} error={errors['backup.folder']}
            hint={`Пусто — папка по умолчанию: ${b.defaultFolder}. Лучше другой диск или сетевая папка: копия на том же диске не спасёт от его поломки.`} />
          {check && (check.ok
            ? <Notice kind="ok">{check.message}{check.backups ? `; копий журнала в ней: ${check.backups}` : ''}</Notice>
            : <div className="banner banner-error" role="alert">{check.message}</div>)}
          <ErrorBanner error={checkError} />
          <div className="settings-grid">
            <Field label="Ежедневно в (ЧЧ:ММ)" value={dailyAt} onChange={(e) => setDailyAt(e.target.value)} error={errors['backup.dailyAt']}
              inputMode="numeric" placeholder="18:00" maxLength={5} />
            <Field label="Хранить ежедневных" type="number" min={1} max={60} value={keep.daily} onChange={(e) => setKeep({ ...keep, daily: e.target.value })} error={errors['backup.keepDaily']} />
            <Field label="еженедельных" type="number" min={0} max={52} value={keep.weekly} onChange={(e) => setKeep({ ...keep, weekly: e.target.value })} error={errors['backup.keepWeekly']} />
            <Field label="ежемесячных" type="number" min={0} max={120} value={keep.monthly} onChange={(e) => setKeep({ ...keep, monthly: e.target.value })} error={errors['backup.keepMonthly']} />
          </div>
          <CheckField label="Делать копию при выходе из программы (если журнал изменился)" checked={onExit} onChange={setOnExit} />
        </>
      )}
    </FormCard>
  );
}

export function IdleLockCard({ view, onSaved }: { view: SettingsView; onSaved: Saved }) {
  const [minutes, setMinutes] = useState(String(view.idleLockMinutes));
  return (
    <FormCard title="Блокировка при простое" onSave={async () => onSaved(await call('settings.update', { idleLockMinutes: Number(minutes) }))}>
      {(errors) => (
        <Field label="Блокировать окно после простоя, минут" type="number" min={1} max={240} value={minutes}
          onChange={(e) => setMinutes(e.target.value)} error={errors.idleLockMinutes}
          hint="Окно закрывается паролем, несохранённое не теряется. Защищает журнал на общем компьютере учительской." />
      )}
    </FormCard>
  );
}

/** `09-05` ↔ `05.09`: the settings keep month-day, people read day.month. */
const toDayMonth = (mmdd: string) => { const [m, d] = mmdd.split('-'); return `${d}.${m}`; };
const fromDayMonth = (text: string) => { const m = /^\s*(\d{1,2})\.(\d{1,2})\s*$/.exec(text); return m ? `${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : text; };

export function ArchiveCard({ view, onSaved }: { view: SettingsView; onSaved: Saved }) {
  const a = view.archive;
  const [due, setDue] = useState(toDayMonth(a.dueDate));
  const [mode, setMode] = useState(a.mode);
  const [target, setTarget] = useState(a.targetFolder);
  return (
    <FormCard title="Архив учебного года" onSave={async () => onSaved(await call('settings.update', { archive: { dueDate: fromDayMonth(due), mode, targetFolder: target } }))}>
      {(errors) => (
        <>
          <Field label="Архивировать закрытый год после (ДД.ММ)" value={due} onChange={(e) => setDue(e.target.value)} placeholder="05.09"
            error={errors['archive.dueDate']} hint="Дата после окончания учебного года, когда архив становится нужен" />
          <SelectField label="Режим" value={mode} onChange={(e) => setMode(e.target.value as typeof mode)}>
            <option value="remind">напоминать секретарю</option>
            <option value="auto">архивировать автоматически</option>
            <option value="off">выключено</option>
          </SelectField>
          <Field label="Папка для копии архива (съёмный диск)" value={target} onChange={(e) => setTarget(e.target.value)}
            placeholder="E:\Архив журналов" error={errors['archive.targetFolder']} />
        </>
      )}
    </FormCard>
  );
}

export function WebAccessCard({ view, onSaved }: { view: SettingsView; onSaved: Saved }) {
  const [lan, setLan] = useState(view.web.lan);
  const [port, setPort] = useState(String(view.web.port));
  return (
    <FormCard title="Доступ через браузер" savedText="Сохранено. Вступит в силу после перезапуска программы"
      onSave={async () => onSaved(await call('settings.update', { web: { lan, port: Number(port) } }))}>
      {(errors) => (
        <>
          <CheckField label="Открыть доступ из локальной сети (другие учительские, родители)" checked={lan} onChange={setLan}
            hint="Выключено — журнал доступен через браузер только на этом компьютере" />
          <Field label="Порт" type="number" min={1024} max={65535} value={port} onChange={(e) => setPort(e.target.value)} error={errors['web.port']} />
        </>
      )}
    </FormCard>
  );
}
