// Placing, moving or removing one lesson of the timetable. A clash comes back as a Russian sentence
// naming who or what is already busy, shown next to the lesson number.
import { useWords } from '../../components/words';
import { useState, type FormEvent } from 'react';
import type { LoadInfo } from '../../../electron/api/contract';
import type { WeekParity } from '../../../electron/domain/enums';
import { ApiError, call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Button, ErrorBanner, Field } from '../../components/ui';
import { PARITY_LABELS, WEEKDAY_LONG } from '../year/words';

export interface EntryDraft {
  id?: number;
  version?: number;
  journalId: number;
  weekday: number;
  lessonNo: number;
  parity: WeekParity;
  room: string | null;
}

export function EntryDialog({
  draft,
  journals,
  onClose,
  onDone,
}: {
  draft: EntryDraft;
  journals: LoadInfo[];
  onClose: () => void;
  onDone: () => void;
}) {
  const w = useWords();
  const [form, setForm] = useState({ ...draft, room: draft.room ?? '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!form.journalId) {
      setError(
        new ApiError({
          code: 'bad_request',
          message: `Выберите журнал (${w.term('group', 'acc')} и ${w.term('subject', 'acc')})`,
          fields: { journalId: 'Не выбран' },
        }),
      );
      return;
    }
    setBusy(true);
    try {
      await call('timetable.save', {
        id: form.id,
        version: form.version,
        journalId: form.journalId,
        weekday: form.weekday,
        lessonNo: form.lessonNo,
        parity: form.parity,
        room: form.room || null,
      });
      onDone();
      onClose();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  }
  async function remove() {
    if (!form.id) return;
    try {
      await call('timetable.remove', { id: form.id, version: form.version! });
      onDone();
      onClose();
    } catch (err) {
      setError(err as ApiError);
    }
  }
  const label = (j: LoadInfo) =>
    `${j.groupName}${j.subgroupNumber ? ` (подгр. ${j.subgroupNumber})` : ''} — ` +
    `${j.subjectCode ? `${j.subjectCode} ` : ''}${j.subjectName}, ${j.teacherName}`;
  return (
    <Dialog
      title={draft.id ? 'Занятие в расписании' : `Новое занятие: ${WEEKDAY_LONG[draft.weekday]}, ${draft.lessonNo}-е`}
      onClose={onClose}
      wide
    >
      <form onSubmit={submit} aria-label="Занятие в расписании">
        <ErrorBanner error={error} />
        <div className={`field ${error?.fields.journalId ? 'field-invalid' : ''}`}>
          <label htmlFor="tt-journal">Журнал</label>
          <select
            id="tt-journal"
            value={form.journalId}
            onChange={(e) => setForm({ ...form, journalId: Number(e.target.value) })}
            autoFocus
          >
            <option value={0}>— выберите —</option>
            {journals.map((j) => (
              <option key={j.id} value={j.id}>
                {label(j)}
              </option>
            ))}
          </select>
          {error?.fields.journalId && <div className="field-error">{error.fields.journalId}</div>}
        </div>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="tt-day">День недели</label>
            <select
              id="tt-day"
              value={form.weekday}
              onChange={(e) => setForm({ ...form, weekday: Number(e.target.value) })}
            >
              {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                <option key={d} value={d}>
                  {WEEKDAY_LONG[d]}
                </option>
              ))}
            </select>
          </div>
          <Field
            label="Номер занятия"
            type="number"
            min={1}
            value={String(form.lessonNo)}
            onChange={(e) => setForm({ ...form, lessonNo: Number(e.target.value) })}
            error={error?.fields.lessonNo}
          />
          <div className="field">
            <label htmlFor="tt-parity">Неделя</label>
            <select
              id="tt-parity"
              value={form.parity}
              onChange={(e) => setForm({ ...form, parity: e.target.value as WeekParity })}
            >
              {(Object.keys(PARITY_LABELS) as WeekParity[]).map((p) => (
                <option key={p} value={p}>
                  {PARITY_LABELS[p]}
                </option>
              ))}
            </select>
          </div>
          <Field
            label="Аудитория"
            value={form.room}
            onChange={(e) => setForm({ ...form, room: e.target.value })}
            error={error?.fields.room}
          />
        </div>
        <div className="row">
          <Button type="submit" disabled={busy}>
            Сохранить
          </Button>
          <Button kind="secondary" onClick={onClose}>
            Отмена
          </Button>
          {form.id && (
            <Button kind="danger" onClick={() => void remove()}>
              Убрать из расписания
            </Button>
          )}
        </div>
      </form>
    </Dialog>
  );
}
