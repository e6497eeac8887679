// Below the lesson: its types of work (title, weight in the average, the date families see the marks
// from) and homework given to single students.
import { useState } from 'react';
import type { JournalPage, LessonInfo, WorkColumnInfo } from '../../../electron/api/contract';
import { call } from '../../api';
import { Button } from '../../components/ui';
import { WORK_KINDS } from '../../../electron/domain/labels';
import { DateInput } from '../../components/DateInput';

interface Common {
  editable: boolean;
  onChanged: () => Promise<void>;
  onError: (m: string | null) => void;
}

export function ColumnsEditor({ lesson, editable, onChanged, onError }: Common & { lesson: LessonInfo }) {
  const [kind, setKind] = useState('oral');
  const run = async (fn: () => Promise<unknown>) => {
    onError(null);
    try {
      await fn();
      await onChanged();
    } catch (e) {
      onError((e as Error).message);
    }
  };
  return (
    <div className="card-body lesson-columns">
      <h3>Виды работ на занятии</h3>
      {lesson.columns.length === 0 && <p className="muted small">Видов работ нет: отмечается только посещаемость.</p>}
      <table className="table compact">
        <thead>
          <tr>
            <th>Вид работы</th>
            <th>Название</th>
            <th>Вес</th>
            <th>Отметки видны семье с</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {lesson.columns.map((c) => (
            <ColumnRow key={`${c.id}-${c.version}`} column={c} editable={editable} run={run} />
          ))}
        </tbody>
      </table>
      {editable && lesson.columns.length < 5 && (
        <div className="row">
          <label className="inline">
            Добавить вид работы
            <select value={kind} onChange={(e) => setKind(e.target.value)}>
              {Object.entries(WORK_KINDS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v.title}
                </option>
              ))}
            </select>
          </label>
          <Button kind="secondary" onClick={() => run(() => call('columns.add', { lessonId: lesson.id, kind }))}>
            Добавить
          </Button>
        </div>
      )}
    </div>
  );
}

function ColumnRow({
  column,
  editable,
  run,
}: {
  column: WorkColumnInfo;
  editable: boolean;
  run: (fn: () => Promise<unknown>) => Promise<void>;
}) {
  const [c, setC] = useState(column);
  const changed =
    c.title !== column.title ||
    c.weight !== column.weight ||
    c.releaseOn !== column.releaseOn ||
    c.kind !== column.kind;
  const label = WORK_KINDS[c.kind]?.title ?? c.kind;
  if (!editable) {
    return (
      <tr>
        <td>{label}</td>
        <td>{c.title}</td>
        <td>{String(c.weight).replace('.', ',')}</td>
        <td>{c.releaseOn ?? 'сразу'}</td>
        <td />
      </tr>
    );
  }
  return (
    <tr>
      <td>
        <select
          aria-label="Вид работы"
          value={c.kind}
          onChange={(e) =>
            setC({
              ...c,
              kind: e.target.value,
              title: c.title === label ? (WORK_KINDS[e.target.value]?.title ?? c.title) : c.title,
            })
          }
        >
          {Object.entries(WORK_KINDS).map(([k, v]) => (
            <option key={k} value={k}>
              {v.title}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input
          aria-label="Название вида работы"
          type="text"
          value={c.title}
          maxLength={100}
          onChange={(e) => setC({ ...c, title: e.target.value })}
        />
      </td>
      <td>
        <input
          aria-label="Вес"
          type="number"
          min={0.5}
          max={5}
          step={0.5}
          value={c.weight}
          onChange={(e) => setC({ ...c, weight: Number(e.target.value) })}
          className="num"
        />
      </td>
      <td>
        <DateInput
          aria-label="Отметки видны семье с"
          value={c.releaseOn ?? ''}
          onChange={(v) => setC({ ...c, releaseOn: v || null })}
        />
      </td>
      <td className="row">
        {changed && (
          <Button
            kind="secondary"
            onClick={() =>
              run(() =>
                call('columns.update', {
                  columnId: c.id,
                  version: c.version,
                  kind: c.kind,
                  title: c.title,
                  weight: c.weight,
                  releaseOn: c.releaseOn,
                }),
              )
            }
          >
            Сохранить
          </Button>
        )}
        <Button
          kind="link"
          onClick={() => {
            if (window.confirm(`Удалить вид работы «${column.title}» вместе с его отметками?`))
              void run(() => call('columns.remove', { columnId: c.id, version: c.version }));
          }}
        >
          Удалить
        </Button>
      </td>
    </tr>
  );
}

export function IndividualHomework({
  page,
  lesson,
  editable,
  onChanged,
  onError,
}: Common & { page: JournalPage; lesson: LessonInfo }) {
  const present = page.students.filter((s) =>
    s.intervals.some((i) => i.from <= lesson.date && (i.until === null || lesson.date < i.until)),
  );
  const [studentId, setStudentId] = useState<number>(present[0]?.id ?? 0);
  const [text, setText] = useState('');
  const name = (id: number) => page.students.find((s) => s.id === id)?.shortName ?? '';
  const save = async (sid: number, value: string | null) => {
    onError(null);
    try {
      await call('lessons.individualHomework', { lessonId: lesson.id, studentId: sid, text: value });
      setText('');
      await onChanged();
    } catch (e) {
      onError((e as Error).message);
    }
  };
  return (
    <div className="card-body lesson-individual">
      <h3>Индивидуальные задания</h3>
      {lesson.individualHomework.length === 0 ? (
        <p className="muted small">Индивидуальных заданий нет.</p>
      ) : (
        <ul className="plain">
          {lesson.individualHomework.map((h) => (
            <li key={h.studentId}>
              <strong>{name(h.studentId)}:</strong> {h.text}
              {editable && (
                <>
                  {' '}
                  <Button kind="link" onClick={() => save(h.studentId, null)}>
                    снять
                  </Button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && present.length > 0 && (
        <div className="row">
          <label className="inline">
            Кому
            <select value={studentId} onChange={(e) => setStudentId(Number(e.target.value))}>
              {present.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.shortName}
                </option>
              ))}
            </select>
          </label>
          <input
            type="text"
            aria-label="Текст индивидуального задания"
            value={text}
            maxLength={2000}
            className="grow"
            onChange={(e) => setText(e.target.value)}
            placeholder="Например: работа над ошибками, задачи 3 и 5"
          />
          <Button kind="secondary" disabled={!text.trim()} onClick={() => save(studentId, text)}>
            Задать
          </Button>
        </div>
      )}
    </div>
  );
}
