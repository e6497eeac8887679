// A practice journal's details and the students' attestation sheets: учебная or производственная, the place, the
// dates, the supervisors; per student the hours, the works and the characteristic — printed one sheet each.
import { useState, type ReactNode } from 'react';
import type { PracticeInfo, ReportFilters } from '../../../electron/api/contract';
import { PRACTICE_KINDS, type PracticeKind } from '../../../electron/domain/enums';
import { PRACTICE_KIND_LABELS } from '../../../electron/domain/results';
import { DateInput } from '../../components/DateInput';
import { Button, ErrorBanner, Field, Loading, Notice } from '../../components/ui';
import { Select } from '../reports/Select';
import { QualificationPanel } from './QualificationPanel';
import { useSheetForm } from './useSheetForm';

/** Practice journals are the ones whose subject code is УП/ПП (the kind of subject is the service's check). */
const isPractice = (name: string) => /^(УП|ПП)\./.test(name);

export function PracticePanel({ filters, picker }: { filters: ReportFilters; picker: ReactNode }) {
  const practices = filters.journals.filter((j) => isPractice(j.subjectName));
  const [journalId, setJournalId] = useState<number | null>(practices[0]?.journalId ?? null);
  // The first practice's group: one that has a module to examine.
  const [groupId, setGroupId] = useState<number | null>(practices[0]?.groupId ?? filters.groups[0]?.id ?? null);
  return (
    <>
      <div className="filters">
        {picker}
        <Select
          label="Группа (квалификационный экзамен)"
          value={groupId}
          options={filters.groups.map((g) => [g.id, g.name])}
          onChange={setGroupId}
        />
      </div>
      {groupId && <QualificationPanel key={groupId} groupId={groupId} />}
      <h2>Практика</h2>
      <div className="filters">
        <Select
          label="Журнал практики"
          value={journalId}
          options={practices.map((j) => [j.journalId, `${j.groupName} · ${j.subjectName}`])}
          onChange={setJournalId}
        />
      </div>
      {journalId ? (
        <PracticeEditor key={journalId} journalId={journalId} />
      ) : (
        <p className="muted">Нет журналов практики, доступных вам в этом учебном году.</p>
      )}
    </>
  );
}

type Student = PracticeInfo['students'][number];

function PracticeEditor({ journalId }: { journalId: number }) {
  const { form, setForm, loading, error, problem, saved, save, download } = useSheetForm(
    'practice.get',
    { journalId },
    'practice.save',
    (f) => ({
      journalId,
      kind: f.kind,
      place: f.place,
      startsOn: f.startsOn || null,
      endsOn: f.endsOn || null,
      collegeSupervisor: f.collegeSupervisor,
      employerSupervisor: f.employerSupervisor,
      students: f.students.map((s) => ({
        studentId: s.studentId,
        place: s.place,
        hours: s.hours,
        works: s.works,
        characteristic: s.characteristic,
      })),
      version: f.version,
    }),
  );
  if (loading) return <Loading />;
  if (!form) return <ErrorBanner error={error} />;
  const f = form;
  const set = (patch: Partial<PracticeInfo>) => setForm({ ...f, ...patch });
  const setStudent = (id: number, patch: Partial<Student>) =>
    set({ students: f.students.map((s) => (s.studentId === id ? { ...s, ...patch } : s)) });
  const off = !f.canEdit;
  return (
    <>
      <ErrorBanner error={problem} />
      {saved && !problem && <Notice kind="ok">Сведения о практике сохранены.</Notice>}
      <div className="settings-grid">
        <label className="field">
          <span>Вид практики</span>
          <select value={f.kind} disabled={off} onChange={(e) => set({ kind: e.target.value as PracticeKind })}>
            {PRACTICE_KINDS.map((k) => (
              <option key={k} value={k}>
                {PRACTICE_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <Field label="Место практики" value={f.place} disabled={off} onChange={(e) => set({ place: e.target.value })} />
        <label className="field">
          <span>Начало</span>
          <DateInput
            aria-label="Начало практики"
            value={f.startsOn ?? ''}
            disabled={off}
            onChange={(v) => set({ startsOn: v })}
          />
        </label>
        <label className="field">
          <span>Окончание</span>
          <DateInput
            aria-label="Окончание практики"
            value={f.endsOn ?? ''}
            disabled={off}
            onChange={(v) => set({ endsOn: v })}
          />
        </label>
        <Field
          label="Руководитель от колледжа"
          value={f.collegeSupervisor}
          disabled={off}
          onChange={(e) => set({ collegeSupervisor: e.target.value })}
        />
        <Field
          label="Руководитель от организации"
          value={f.employerSupervisor}
          disabled={off}
          onChange={(e) => set({ employerSupervisor: e.target.value })}
        />
      </div>
      <table className="table" aria-label="Аттестационные листы">
        <thead>
          <tr>
            <th>Обучающийся</th>
            <th>Часы</th>
            <th>Виды работ</th>
            <th>Характеристика</th>
            <th>Отметка</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {f.students.map((s) => (
            <tr key={s.studentId}>
              <td>{s.name}</td>
              <td>
                <input
                  aria-label={`Часы: ${s.name}`}
                  type="number"
                  min={0}
                  className="input-narrow"
                  value={s.hours ?? ''}
                  disabled={off}
                  onChange={(e) => setStudent(s.studentId, { hours: e.target.value ? Number(e.target.value) : null })}
                />
              </td>
              <td>
                <textarea
                  aria-label={`Виды работ: ${s.name}`}
                  rows={2}
                  value={s.works}
                  disabled={off}
                  onChange={(e) => setStudent(s.studentId, { works: e.target.value })}
                />
              </td>
              <td>
                <textarea
                  aria-label={`Характеристика: ${s.name}`}
                  rows={2}
                  value={s.characteristic}
                  disabled={off}
                  onChange={(e) => setStudent(s.studentId, { characteristic: e.target.value })}
                />
              </td>
              <td>{s.mark ?? '—'}</td>
              <td>
                <Button
                  kind="link"
                  onClick={() => void download('practice.sheetFile', { journalId, studentId: s.studentId })}
                >
                  лист
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        {f.canEdit && <Button onClick={() => void save()}>Сохранить сведения о практике</Button>}
        <Button kind="secondary" onClick={() => void download('practice.sheetFile', { journalId })}>
          Все аттестационные листы (PDF)
        </Button>
      </div>
    </>
  );
}
