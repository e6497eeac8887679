// «Изменения в расписании» for the deputy and the administrator: a week's dated changes with their
// removal, and one form for the four kinds — cancel a lesson, move it, give it to a substitute, add an
// extra lesson. A clash or a held lesson comes back as a Russian sentence naming it.
import { useState, type FormEvent } from 'react';
import type { LoadInfo, TimetableChangeInfo } from '../../../electron/api/contract';
import { addDays, weekStart } from '../../../electron/domain/calendar';
import { TIMETABLE_CHANGE_KINDS, type TimetableChangeKind } from '../../../electron/domain/enums';
import { ruDate } from '../../../electron/domain/format-dates';
import { TIMETABLE_CHANGE_LABELS } from '../../../electron/domain/labels';
import { slotChangeDetails } from '../../../electron/domain/timetable-changes';
import { call } from '../../api';
import { Button, ErrorBanner, Field } from '../../components/ui';
import { useOptionalCall } from '../../components/useCall';
import { DateField, DateInput, whenValid } from '../../components/DateInput';

interface Props {
  yearId: number;
  today: string;
  journals: LoadInfo[];
  teachers: Array<[number, string]>;
  editable: boolean;
  /** After a change is made or removed: the week's grid beside the panel draws it at once. */
  onChanged: () => void;
}

const EMPTY = {
  journalId: 0,
  date: '',
  lessonNo: '1',
  newDate: '',
  newLessonNo: '',
  room: '',
  substituteUserId: 0,
  reason: '',
};

export function ChangesPanel({ yearId, today, journals, teachers, editable, onChanged }: Props) {
  const [weekOf, setWeekOf] = useState(today);
  const from = weekStart(weekOf || today);
  const to = addDays(from, 6);
  const list = useOptionalCall(true, 'timetableChanges.list', { yearId, from, to });
  const [kind, setKind] = useState<TimetableChangeKind>('cancel');
  const [form, setForm] = useState({ ...EMPTY, date: today });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await call('timetableChanges.create', {
        kind,
        journalId: form.journalId,
        date: form.date,
        lessonNo: Number(form.lessonNo),
        newDate: kind === 'move' ? form.newDate || null : null,
        newLessonNo: kind === 'move' && form.newLessonNo ? Number(form.newLessonNo) : null,
        room: kind === 'cancel' ? null : form.room || null,
        substituteUserId: kind === 'substitute' ? form.substituteUserId || null : null,
        reason: form.reason || null,
      });
      setError(null);
      setForm({ ...EMPTY, date: form.date, journalId: form.journalId });
      setWeekOf(form.date);
      void list.reload();
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function remove(c: TimetableChangeInfo) {
    try {
      await call('timetableChanges.remove', { id: c.id, version: c.version });
      setError(null);
      void list.reload();
      onChanged();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section className="card" aria-label="Изменения в расписании">
      <header className="card-head">
        <h2>Изменения в расписании</h2>
        <label className="filter">
          Неделя
          <DateInput aria-label="Неделя изменений" value={weekOf} onChange={whenValid(setWeekOf)} />
        </label>
      </header>
      <div className="card-body">
        <p className="muted small">
          {ruDate(from)}–{ruDate(to)}
        </p>
        <ErrorBanner error={list.error} />
        {list.data && list.data.length === 0 && <p className="muted">На этой неделе изменений нет.</p>}
        {list.data && list.data.length > 0 && (
          <table className="table" aria-label="Изменения недели">
            <thead>
              <tr>
                <th>Дата</th>
                <th>№</th>
                <th>Занятие</th>
                <th>Изменение</th>
                <th>Внёс</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.data.map((c) => (
                <tr key={c.id}>
                  <td>{ruDate(c.date)}</td>
                  <td>{c.lessonNo}</td>
                  <td>
                    {c.subjectName}, {c.groupName} · {c.teacherName}
                  </td>
                  <td>
                    <span className={`tag ${c.kind === 'cancel' ? 'tag-warn' : 'tag-info'}`}>
                      {TIMETABLE_CHANGE_LABELS[c.kind]}
                    </span>{' '}
                    {slotChangeDetails({
                      kind: c.kind,
                      reason: c.reason,
                      substituteName: c.substituteName,
                      from: null,
                      to: c.newDate && c.newLessonNo ? { date: c.newDate, lessonNo: c.newLessonNo } : null,
                    })}
                    {c.room && c.kind !== 'cancel' && <span className="muted small"> · ауд. {c.room}</span>}
                  </td>
                  <td className="muted small">{c.createdBy ?? '—'}</td>
                  <td>
                    {editable && !c.held && (
                      <Button kind="link" onClick={() => void remove(c)} aria-label={`Убрать изменение ${c.id}`}>
                        Убрать
                      </Button>
                    )}
                    {c.held && <span className="muted small">занятие записано</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {editable && (
          <form className="tt-change-form" onSubmit={(e) => void submit(e)} aria-label="Новое изменение">
            <div className="tt-change-row">
              <label className="filter">
                Вид
                <select
                  aria-label="Вид изменения"
                  value={kind}
                  onChange={(e) => {
                    setKind(e.target.value as TimetableChangeKind);
                    setError(null);
                  }}
                >
                  {TIMETABLE_CHANGE_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {TIMETABLE_CHANGE_LABELS[k]}
                    </option>
                  ))}
                </select>
              </label>
              <label className="filter">
                Журнал
                <select
                  aria-label="Журнал"
                  value={form.journalId}
                  onChange={(e) => set({ journalId: Number(e.target.value) })}
                >
                  <option value={0}>— выберите —</option>
                  {journals.map((j) => (
                    <option key={j.id} value={j.id}>
                      {j.subjectName}, {j.groupName}
                      {j.subgroupNumber ? `/${j.subgroupNumber}` : ''} · {j.teacherName}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <div className="tt-change-row">
              <DateField label="Дата" value={form.date} onChange={(v) => set({ date: v })} />
              <Field
                label="№ занятия"
                type="number"
                min={1}
                value={form.lessonNo}
                onChange={(e) => set({ lessonNo: e.target.value })}
              />
              {kind === 'move' && (
                <>
                  <DateField label="Новая дата" value={form.newDate} onChange={(v) => set({ newDate: v })} />
                  <Field
                    label="Новый № занятия"
                    type="number"
                    min={1}
                    value={form.newLessonNo}
                    onChange={(e) => set({ newLessonNo: e.target.value })}
                  />
                </>
              )}
              {kind !== 'cancel' && (
                <Field
                  label="Аудитория"
                  value={form.room}
                  placeholder={kind === 'extra' ? '' : 'прежняя'}
                  onChange={(e) => set({ room: e.target.value })}
                />
              )}
              {kind === 'substitute' && (
                <label className="filter">
                  Заменяет
                  <select
                    aria-label="Заменяющий преподаватель"
                    value={form.substituteUserId}
                    onChange={(e) => set({ substituteUserId: Number(e.target.value) })}
                  >
                    <option value={0}>— выберите —</option>
                    {teachers.map(([id, name]) => (
                      <option key={id} value={id}>
                        {name}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              <Field
                label={kind === 'cancel' || kind === 'substitute' ? 'Причина' : 'Причина (необязательно)'}
                value={form.reason}
                required={kind === 'cancel' || kind === 'substitute'}
                onChange={(e) => set({ reason: e.target.value })}
              />
            </div>
            <ErrorBanner error={error} />
            <Button type="submit" disabled={busy || !form.journalId}>
              Внести: {TIMETABLE_CHANGE_LABELS[kind]}
            </Button>
          </form>
        )}
      </div>
    </section>
  );
}
