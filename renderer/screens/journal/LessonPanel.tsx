// The lesson under the cursor: date, number, hours, kind, the topic from the thematic plan (the next
// one not yet taught is offered) or typed, homework for the group; then its types of work and the
// individual homework of single students (003 §3.7). A timetable slot not yet entered is offered here.
import { useEffect, useState, type FormEvent } from 'react';
import type { JournalPage, LessonInfo } from '../../../electron/api/contract';
import type { LessonKind } from '../../../electron/domain/enums';
import { call } from '../../api';
import { Button } from '../../components/ui';
import { useWords } from '../../components/words';
import type { InstitutionKind } from '../../../electron/domain/enums';
import { ruDate } from '../../../electron/domain/format-dates';
import { ColumnsEditor, IndividualHomework } from './LessonExtras';
import { LESSON_KIND_TITLES } from '../../../electron/domain/labels';
import { DateInput } from '../../components/DateInput';

export type PanelTarget = { kind: 'lesson'; lesson: LessonInfo } | { kind: 'slot'; date: string; lessonNo: number };

interface Props {
  page: JournalPage;
  target: PanelTarget;
  editable: boolean;
  onChanged: (focus?: { date: string; lessonNo: number }) => Promise<void>;
  onDirty: (dirty: boolean) => void;
  onError: (message: string | null) => void;
}

interface Form {
  date: string;
  lessonNo: number;
  hours: number;
  kind: LessonKind;
  planTopicId: number | null;
  topic: string;
  homework: string;
  attendanceTaken: boolean;
}

function initial(page: JournalPage, target: PanelTarget, institution: InstitutionKind): Form {
  if (target.kind === 'lesson') {
    const l = target.lesson;
    return {
      date: l.date,
      lessonNo: l.lessonNo,
      hours: l.hours,
      kind: l.kind,
      planTopicId: l.planTopicId,
      topic: l.topic,
      homework: l.homework ?? '',
      attendanceTaken: l.attendanceTaken,
    };
  }
  const next = page.plan.topics.find((t) => t.id === page.plan.nextTopicId);
  const lastHours = page.lessons.at(-1)?.hours;
  return {
    date: target.date,
    lessonNo: target.lessonNo,
    hours: next?.hours ?? lastHours ?? 2,
    // A centre's занятие is a practice by default; a college's or a school's a lesson of theory.
    kind: next?.kind ?? (institution === 'supplementary' ? 'practical' : 'lecture'),
    planTopicId: next?.id ?? null,
    topic: next?.title ?? '',
    homework: next?.homework ?? '',
    attendanceTaken: false,
  };
}

export function LessonPanel({ page, target, editable, onChanged, onDirty, onError }: Props) {
  const w = useWords();
  const [form, setForm] = useState<Form>(() => initial(page, target, w.kind));
  const [dirty, setDirty] = useState(false);
  // Sent only when the teacher ticks or unticks it: marking attendance in the grid sets it meanwhile.
  const [rollTouched, setRollTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const lesson = target.kind === 'lesson' ? target.lesson : null;
  useEffect(() => {
    onDirty(dirty);
  }, [dirty, onDirty]);

  const set = (patch: Partial<Form>) => {
    setForm((f) => ({ ...f, ...patch }));
    setDirty(true);
  };
  const pickTopic = (value: string) => {
    const topic = page.plan.topics.find((t) => String(t.id) === value);
    if (!topic) {
      set({ planTopicId: null });
      return;
    }
    const previous = page.plan.topics.find((t) => t.id === form.planTopicId);
    const homeworkUntouched = !form.homework || form.homework === (previous?.homework ?? '');
    set({
      planTopicId: topic.id,
      topic: topic.title,
      kind: topic.kind,
      hours: topic.hours,
      homework: homeworkUntouched ? (topic.homework ?? '') : form.homework,
    });
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    onError(null);
    try {
      const body = {
        date: form.date,
        lessonNo: Number(form.lessonNo),
        hours: Number(form.hours),
        kind: form.kind,
        planTopicId: form.planTopicId,
        topic: form.topic,
        homework: form.homework || null,
        attendanceTaken: rollTouched ? form.attendanceTaken : null,
      };
      if (lesson) await call('lessons.update', { lessonId: lesson.id, version: lesson.version, ...body });
      else await call('lessons.create', { journalId: page.journal.id, ...body });
      setDirty(false);
      await onChanged({ date: form.date, lessonNo: Number(form.lessonNo) });
    } catch (err) {
      onError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!lesson) return;
    const marks = page.marks.filter((m) => lesson.columns.some((c) => c.id === m.columnId)).length;
    const absences = page.attendance.filter((a) => a.lessonId === lesson.id).length;
    if (
      !window.confirm(
        `Удалить занятие ` +
          `${ruDate(lesson.date)}` +
          `${marks || absences ? ` вместе с отметками (${marks}) и посещаемостью (${absences})` : ''}?`,
      )
    )
      return;
    try {
      await call('lessons.delete', { lessonId: lesson.id, version: lesson.version });
      setDirty(false);
      await onChanged();
    } catch (err) {
      onError((err as Error).message);
    }
  }

  const title =
    target.kind === 'lesson'
      ? `Занятие ${ruDate(target.lesson.date)}, ${target.lesson.lessonNo}-е`
      : `Занятие по расписанию ${ruDate(target.date)}, ${target.lessonNo}-е — ещё не записано`;
  const disabled = !editable || busy;
  return (
    <section className="card lesson-panel" aria-label="Занятие">
      <header className="card-head">
        <h2>
          {title}
          {dirty && <span className="muted small"> · не сохранено</span>}
        </h2>
        <div className="row">
          {lesson?.taughtBy && (
            <span className="tag tag-info" title="Занятие провёл заменяющий по изменению в расписании">
              замена: {lesson.taughtBy}
            </span>
          )}
          {lesson?.late && (
            <span className="tag tag-warn" title="000 §3.5.2: журнал заполняется в день занятия">
              внесено {ruDate(lesson.enteredOn)}, с опозданием
            </span>
          )}
          {lesson && !lesson.late && <span className="tag tag-ok">внесено в день занятия</span>}
        </div>
      </header>
      <form className="card-body lesson-form" onSubmit={submit}>
        <div className="lesson-grid">
          <label className="field">
            Дата
            <DateInput value={form.date} disabled={disabled} onChange={(v) => set({ date: v })} />
          </label>
          <label className="field">
            № занятия
            <input
              type="number"
              min={1}
              max={page.lessonsPerDay}
              value={form.lessonNo}
              disabled={disabled}
              onChange={(e) => set({ lessonNo: Number(e.target.value) })}
            />
          </label>
          <label className="field">
            Часы
            <input
              type="number"
              min={1}
              max={8}
              value={form.hours}
              disabled={disabled}
              onChange={(e) => set({ hours: Number(e.target.value) })}
            />
          </label>
          <label className="field">
            Вид занятия
            <select value={form.kind} disabled={disabled} onChange={(e) => set({ kind: e.target.value as LessonKind })}>
              {Object.entries(LESSON_KIND_TITLES).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label className="field">
          Тема из плана
          <select value={form.planTopicId ?? ''} disabled={disabled} onChange={(e) => pickTopic(e.target.value)}>
            <option value="">— своя тема, не из плана —</option>
            {page.plan.topics.map((t) => (
              <option key={t.id} value={t.id}>
                {t.seq}. {t.title} ({t.hours} ч)
                {t.taughtOn && t.id !== lesson?.planTopicId ? ` — пройдена ${ruDate(t.taughtOn)}` : ''}
                {t.id === page.plan.nextTopicId ? ' — следующая по плану' : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Тема занятия
          <input
            type="text"
            value={form.topic}
            disabled={disabled}
            maxLength={500}
            onChange={(e) => set({ topic: e.target.value })}
            placeholder="Тема, как в рабочей программе"
          />
        </label>
        <label className="field">
          Домашнее задание для {w.term('group', 'gen')}
          <textarea
            rows={2}
            value={form.homework}
            disabled={disabled}
            maxLength={2000}
            onChange={(e) => set({ homework: e.target.value })}
            placeholder="Полностью и понятно для обучающихся и родителей: параграф, номера задач, что оформить"
          />
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={form.attendanceTaken}
            disabled={disabled}
            onChange={(e) => {
              setRollTouched(true);
              set({ attendanceTaken: e.target.checked });
            }}
          />
          Посещаемость проверена: все, кто не отмечен в журнале, присутствовали
        </label>
        {editable && (
          <div className="row">
            <Button type="submit" disabled={busy}>
              {lesson ? 'Сохранить занятие' : 'Записать занятие'}
            </Button>
            {lesson && (
              <Button kind="danger" onClick={remove} disabled={busy}>
                Удалить занятие
              </Button>
            )}
            <span className="muted small">
              {page.plan.hoursPlanned !== null
                ? `По плану ${page.plan.hoursPlanned} ч, проведено ${page.plan.hoursHeld} ч`
                : 'Тематический план не задан'}
            </span>
          </div>
        )}
      </form>
      {lesson && page.marksEnabled && (
        <ColumnsEditor lesson={lesson} editable={editable} onChanged={onChanged} onError={onError} />
      )}
      {lesson && (
        <IndividualHomework page={page} lesson={lesson} editable={editable} onChanged={onChanged} onError={onError} />
      )}
    </section>
  );
}
