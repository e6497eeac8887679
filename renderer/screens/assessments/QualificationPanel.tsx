// The qualification exam of each professional module of a group: the date, the commission, and per student
// «вид деятельности освоен / не освоен» with the mark, the marks of the module's МДК and practices beside.
import { useState } from 'react';
import type { QualificationSheet } from '../../../electron/api/contract';
import { DateInput } from '../../components/DateInput';
import { Button, ErrorBanner, Field, Loading, Notice } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { Select } from '../reports/Select';
import { useSheetForm } from './useSheetForm';

export function QualificationPanel({ groupId }: { groupId: number }) {
  const modules = useCall('qualification.modules', { groupId });
  const [subjectId, setSubjectId] = useState<number | null>(null);
  const chosen = subjectId ?? modules.data?.[0]?.subjectId ?? null;
  if (modules.loading && !modules.data) return <Loading />;
  if (!modules.data) return <ErrorBanner error={modules.error} />;
  if (modules.data.length === 0)
    return <p className="muted">У группы нет профессиональных модулей: их МДК и практики не ведутся в журналах.</p>;
  return (
    <>
      <h2>Квалификационный экзамен</h2>
      <div className="filters">
        <Select
          label="Профессиональный модуль"
          value={chosen}
          options={modules.data.map((m) => [m.subjectId, m.subjectName])}
          onChange={setSubjectId}
        />
      </div>
      {chosen && <ExamEditor key={chosen} input={{ groupId, subjectId: chosen }} />}
    </>
  );
}

function ExamEditor({ input }: { input: { groupId: number; subjectId: number } }) {
  const { form, setForm, loading, error, problem, saved, save, download } = useSheetForm(
    'qualification.get',
    input,
    'qualification.save',
    (f) => ({
      ...input,
      heldOn: f.heldOn || null,
      commission: f.commission,
      results: f.rows.map((r) => ({ studentId: r.studentId, mastered: r.mastered, mark: r.mark || null })),
      version: f.version,
    }),
  );
  if (loading) return <Loading />;
  if (!form) return <ErrorBanner error={error} />;
  const f = form;
  const setRow = (id: number, patch: Partial<QualificationSheet['rows'][number]>) =>
    setForm({ ...f, rows: f.rows.map((r) => (r.studentId === id ? { ...r, ...patch } : r)) });
  const off = !f.canEdit;
  return (
    <>
      <ErrorBanner error={problem} />
      {saved && !problem && <Notice kind="ok">Ведомость экзамена сохранена.</Notice>}
      <div className="settings-grid">
        <label className="field">
          <span>Дата экзамена</span>
          <DateInput
            aria-label="Дата экзамена"
            value={f.heldOn ?? ''}
            disabled={off}
            onChange={(v) => setForm({ ...f, heldOn: v })}
          />
        </label>
        <Field
          label="Комиссия (председатель первым, через запятую)"
          value={f.commission}
          disabled={off}
          onChange={(e) => setForm({ ...f, commission: e.target.value })}
        />
      </div>
      <table className="table" aria-label="Квалификационный экзамен">
        <thead>
          <tr>
            <th>Обучающийся</th>
            {f.module.parts.map((p) => (
              <th key={p.journalId} className="num" title={p.subjectName}>
                {p.subjectName.split(' ')[0]}
              </th>
            ))}
            <th>Вид деятельности</th>
            <th>Отметка</th>
          </tr>
        </thead>
        <tbody>
          {f.rows.map((r) => (
            <tr key={r.studentId}>
              <td>{r.name}</td>
              {r.partMarks.map((m, i) => (
                <td key={i} className="num">
                  {m ?? '—'}
                </td>
              ))}
              <td>
                <select
                  aria-label={`Вид деятельности: ${r.name}`}
                  disabled={off}
                  value={r.mastered === null ? '' : r.mastered ? 'yes' : 'no'}
                  onChange={(e) =>
                    setRow(r.studentId, { mastered: e.target.value === '' ? null : e.target.value === 'yes' })
                  }
                >
                  <option value="">—</option>
                  <option value="yes">освоен</option>
                  <option value="no">не освоен</option>
                </select>
              </td>
              <td>
                <select
                  aria-label={`Отметка: ${r.name}`}
                  disabled={off}
                  value={r.mark ?? ''}
                  onChange={(e) => setRow(r.studentId, { mark: e.target.value || null })}
                >
                  <option value="">—</option>
                  {['5', '4', '3', '2'].map((m) => (
                    <option key={m}>{m}</option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        Освоен — {f.mastered}, не освоен — {f.notMastered}, всего {f.rows.length}.
      </p>
      <div className="row">
        {f.canEdit && <Button onClick={() => void save()}>Сохранить ведомость экзамена</Button>}
        <Button kind="secondary" onClick={() => void download('qualification.sheetFile', { ...input, format: 'pdf' })}>
          Печать ведомости экзамена (PDF)
        </Button>
        <Button kind="secondary" onClick={() => void download('qualification.sheetFile', { ...input, format: 'xlsx' })}>
          Скачать в Excel
        </Button>
      </div>
    </>
  );
}
