// The year-end schedule: on the given day after the year's end the program reminds the secretary
// or archives by itself, copying to the chosen folder on a stick whenever it is inserted.
import { useState } from 'react';
import type { ArchiveSchedule } from '../../../electron/api/contract';
import { ApiError, call } from '../../api';
import { Button, Card, ErrorBanner, Notice } from '../../components/ui';
import { ruDateTime } from '../../../electron/domain/format-dates';
import { ddmm, MODE_LABELS } from './format';

export function ScheduleCard({ schedule, onSaved }: { schedule: ArchiveSchedule; onSaved: () => void }) {
  const [day, setDay] = useState(ddmm(schedule.dueDate));
  const [mode, setMode] = useState(schedule.mode);
  const [target, setTarget] = useState(schedule.targetFolder);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  async function save() {
    setError(null);
    setSaved(false);
    const m = /^(\d{1,2})\.(\d{1,2})$/.exec(day.trim());
    const dueDate = m ? `${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : day.trim();
    try {
      await call('archive.setSchedule', { dueDate, mode, targetFolder: target });
      setSaved(true);
      onSaved();
    } catch (e) {
      setError(e as ApiError);
    }
  }

  return (
    <Card title="Расписание архивации">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label className="field">
          <span>Срок после окончания учебного года (день.месяц)</span>
          <input
            type="text"
            value={day}
            onChange={(e) => setDay(e.target.value)}
            placeholder="05.09"
            aria-invalid={error?.fields.dueDate ? true : undefined}
          />
          {error?.fields.dueDate && <span className="field-error">{error.fields.dueDate}</span>}
        </label>
        <label className="field">
          <span>Что делать в срок</span>
          <select value={mode} onChange={(e) => setMode(e.target.value as ArchiveSchedule['mode'])}>
            {(Object.keys(MODE_LABELS) as Array<keyof typeof MODE_LABELS>).map((k) => (
              <option key={k} value={k}>
                {MODE_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Папка на съёмном носителе для копии (в режиме «самостоятельно»)</span>
          <input
            type="text"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            placeholder="/media/secretary/ARCHIVE"
          />
          <span className="field-hint">
            Проверяется при запуске программы и каждый час: копия пишется, как только носитель вставлен.
          </span>
        </label>
        <div className="row">
          <Button type="submit">Сохранить</Button>
          {schedule.lastReminderAt && (
            <span className="muted small">Последнее напоминание: {ruDateTime(schedule.lastReminderAt)}</span>
          )}
        </div>
        <ErrorBanner error={error} />
        {saved && <Notice kind="ok">Расписание сохранено.</Notice>}
      </form>
    </Card>
  );
}
