// A centre's «дополнительная общеразвивающая программа»: its passport (name, направленность, hours a year,
// years of study, ages) and its thematic plan typed in row by row; the plan's hours are held against the
// hours a year. Saved in one call: the server checks everything and says what is wrong in Russian.
import { useState } from 'react';
import type { ProgrammeInfo, ProgrammeSaved } from '../../../electron/api/contract';
import { LESSON_KINDS, PROGRAMME_FOCUSES, type LessonKind, type ProgrammeFocus } from '../../../electron/domain/enums';
import { LESSON_KIND_TITLES, PROGRAMME_FOCUS_LABELS } from '../../../electron/domain/labels';
import { plural } from '../../../electron/domain/format-numbers';
import { ApiError, call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Button, ErrorBanner, Field, Notice } from '../../components/ui';
import { InlineTable } from './InlineTable';

interface TopicRow {
  id: number;
  section: string;
  title: string;
  hours: number;
  lessonKind: LessonKind;
}
type TopicDraft = { section: string; title: string; hours: string; lessonKind: string };

const kinds = LESSON_KINDS.map((k) => ({ value: k, label: LESSON_KIND_TITLES[k] }));

export function ProgrammeDialog({
  programme,
  onClose,
  onSaved,
}: {
  programme: ProgrammeInfo | null;
  onClose: () => void;
  onSaved: (saved: ProgrammeSaved) => void;
}) {
  const [form, setForm] = useState({
    name: programme?.name ?? '',
    focus: (programme?.focus ?? '') as ProgrammeFocus | '',
    hoursPerYear: programme?.hoursPerYear != null ? String(programme.hoursPerYear) : '',
    years: programme?.years != null ? String(programme.years) : '1',
    ageFrom: programme?.ageFrom != null ? String(programme.ageFrom) : '',
    ageTo: programme?.ageTo != null ? String(programme.ageTo) : '',
  });
  const [topics, setTopics] = useState<TopicRow[]>(
    (programme?.topics ?? []).map((t, i) => ({
      id: i + 1,
      section: t.section ?? '',
      title: t.title,
      hours: t.hours,
      lessonKind: t.lessonKind,
    })),
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form, value: string) => setForm((f) => ({ ...f, [key]: value }));
  const fields = error instanceof ApiError ? error.fields : {};
  const planHours = topics.reduce((s, t) => s + t.hours, 0);
  const yearHours = Number(form.hoursPerYear);
  const number = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));

  async function save() {
    setBusy(true);
    try {
      const saved = await call('programmes.save', {
        subjectId: programme?.subjectId,
        version: programme?.version ?? undefined,
        name: form.name,
        // An empty choice goes to the server as it is, to be refused there with the list of направленности.
        focus: form.focus as ProgrammeFocus,
        hoursPerYear: number(form.hoursPerYear),
        years: number(form.years),
        ageFrom: number(form.ageFrom),
        ageTo: number(form.ageTo),
        topics: topics.map((t) => ({
          section: t.section || null,
          title: t.title,
          hours: t.hours,
          lessonKind: t.lessonKind,
        })),
      });
      onSaved(saved);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function topicOf(d: TopicDraft, id: number): TopicRow {
    const hours = Number(d.hours);
    if (!d.title.trim()) throw new Error('Тема: не заполнено');
    if (!Number.isInteger(hours) || hours < 1 || hours > 200) throw new Error('Часы темы: целое число от 1 до 200');
    return { id, section: d.section.trim(), title: d.title.trim(), hours, lessonKind: d.lessonKind as LessonKind };
  }

  return (
    <Dialog title={programme ? `Программа «${programme.name}»` : 'Новая программа'} onClose={onClose} wide>
      <ErrorBanner error={error} />
      <div className="form-grid">
        <Field
          label="Название программы"
          value={form.name}
          error={fields.name}
          onChange={(e) => set('name', e.target.value)}
        />
        <div className={`field ${fields.focus ? 'field-invalid' : ''}`}>
          <label htmlFor="programme-focus">Направленность</label>
          <select id="programme-focus" value={form.focus} onChange={(e) => set('focus', e.target.value)}>
            <option value="">— выберите —</option>
            {PROGRAMME_FOCUSES.map((f) => (
              <option key={f} value={f}>
                {PROGRAMME_FOCUS_LABELS[f]}
              </option>
            ))}
          </select>
        </div>
        <Field
          label="Часов в год"
          type="number"
          min={1}
          value={form.hoursPerYear}
          onChange={(e) => set('hoursPerYear', e.target.value)}
        />
        <Field
          label="Срок реализации, лет"
          type="number"
          min={1}
          max={10}
          value={form.years}
          onChange={(e) => set('years', e.target.value)}
        />
        <Field
          label="Возраст от, лет"
          type="number"
          min={3}
          max={18}
          value={form.ageFrom}
          onChange={(e) => set('ageFrom', e.target.value)}
        />
        <Field
          label="Возраст до, лет"
          type="number"
          min={3}
          max={18}
          value={form.ageTo}
          error={fields.ageTo}
          onChange={(e) => set('ageTo', e.target.value)}
        />
      </div>
      <h3>Учебно-тематический план</h3>
      <p className="muted small">
        Enter — сохранить строку, Esc — отменить. План уходит в пустые планы журналов программы.
      </p>
      <InlineTable<TopicRow, TopicDraft>
        label="Темы программы"
        rows={topics}
        addLabel="Добавить тему"
        columns={[
          { key: 'section', label: 'Раздел', width: '14rem' },
          { key: 'title', label: 'Тема' },
          { key: 'hours', label: 'Часы', kind: 'number', width: '5rem' },
          { key: 'lessonKind', label: 'Вид занятия', kind: 'select', options: kinds, width: '12rem' },
        ]}
        draftOf={(t) => ({ section: t.section, title: t.title, hours: String(t.hours), lessonKind: t.lessonKind })}
        blank={{ section: topics.at(-1)?.section ?? '', title: '', hours: '2', lessonKind: 'practical' }}
        rowName={(d) => d.title || 'тема'}
        onSave={async (d, row) => {
          if (row) setTopics((list) => list.map((t) => (t.id === row.id ? topicOf(d, row.id) : t)));
          else {
            const next = topicOf(d, Math.max(0, ...topics.map((t) => t.id)) + 1);
            setTopics((list) => [...list, next]);
          }
        }}
        onRemove={async (row) => setTopics((list) => list.filter((t) => t.id !== row.id))}
      />
      {topics.length > 0 && yearHours > 0 && planHours !== yearHours ? (
        <Notice kind="warn">
          {`В плане ${planHours} ${plural(planHours, 'час', 'часа', 'часов')}, ` +
            `а в год по программе — ${yearHours}: разница ${Math.abs(planHours - yearHours)} ч.`}
        </Notice>
      ) : (
        <p className="muted small" role="status">
          Часов в плане: {planHours}
          {yearHours > 0 ? ` из ${yearHours}` : ''}.
        </p>
      )}
      <div className="row">
        <Button onClick={() => void save()} disabled={busy}>
          Сохранить программу
        </Button>
        <Button kind="secondary" onClick={onClose}>
          Отмена
        </Button>
      </div>
    </Dialog>
  );
}
