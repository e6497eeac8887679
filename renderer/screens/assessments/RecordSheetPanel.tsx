// The record sheet of an exam or a credit: the journal, the period and the form chosen; the date, the examiners and
// who did not come or was not admitted filled in; the marks come from the journal (the teacher's final marks).
import { useEffect, useState, type ReactNode } from 'react';
import type { RecordSheet, ReportFilters } from '../../../electron/api/contract';
import { ASSESSMENT_STATUSES, type AssessmentKind, type AssessmentStatus } from '../../../electron/domain/enums';
import { ASSESSMENT_FORMS, ASSESSMENT_STATUS_LABELS } from '../../../electron/domain/results';
import { resitLine } from '../../../electron/domain/results';
import { call } from '../../api';
import { DateInput } from '../../components/DateInput';
import { Button, ErrorBanner, Field, Loading, Notice, Stat } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { Select } from '../reports/Select';
import { useDownload } from './useDownload';
import { usePeriodChoice } from './usePeriodChoice';

export function RecordSheetPanel({
  filters,
  yearId,
  picker,
}: {
  filters: ReportFilters;
  yearId: number;
  picker: ReactNode;
}) {
  const [journalId, setJournalId] = useState<number | null>(filters.journals[0]?.journalId ?? null);
  const { periodId, setPeriodId, options: periods } = usePeriodChoice(filters, yearId);
  const [kind, setKind] = useState<AssessmentKind>('exam');
  const label = (j: ReportFilters['journals'][number]) =>
    `${j.groupName}${j.subgroup ? ` (подгр. ${j.subgroup})` : ''} · ${j.subjectName}`;
  return (
    <>
      <div className="filters">
        {picker}
        <Select
          label="Журнал"
          value={journalId}
          options={filters.journals.map((j) => [j.journalId, label(j)])}
          onChange={setJournalId}
        />
        <Select label="Период" value={periodId} options={periods} onChange={setPeriodId} />
        <label className="field">
          <span>Форма контроля</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as AssessmentKind)}>
            <option value="exam">{ASSESSMENT_FORMS.exam}</option>
            <option value="credit">{ASSESSMENT_FORMS.credit}</option>
          </select>
        </label>
      </div>
      {journalId && periodId ? (
        <SheetEditor key={`${journalId}-${periodId}-${kind}`} input={{ journalId, periodId, kind }} />
      ) : (
        <p className="muted">Нет журналов, по которым вам доступны ведомости.</p>
      )}
    </>
  );
}

type Key = { journalId: number; periodId: number; kind: AssessmentKind };

function SheetEditor({ input }: { input: Key }) {
  const { data, error, loading, setData } = useCall('assessments.sheet', input);
  const { problem, setProblem, download } = useDownload();
  const [heldOn, setHeldOn] = useState('');
  const [examiners, setExaminers] = useState('');
  const [statuses, setStatuses] = useState<Record<number, AssessmentStatus | null>>({});
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!data) return;
    setHeldOn(data.heldOn ?? '');
    setExaminers(data.examiners);
    setStatuses(Object.fromEntries(data.rows.map((r) => [r.studentId, r.status])));
  }, [data]);
  if (loading && !data) return <Loading />;
  if (!data) return <ErrorBanner error={error} />;
  const sheet: RecordSheet = data;
  async function save() {
    setProblem(null);
    setSaved(false);
    try {
      const next = await call('assessments.save', {
        ...input,
        heldOn: heldOn || null,
        examiners,
        statuses: sheet.rows.map((r) => ({ studentId: r.studentId, status: statuses[r.studentId] ?? null })),
        version: sheet.version,
      });
      setData(next);
      setSaved(true);
    } catch (e) {
      setProblem(e);
    }
  }
  const c = sheet.counts;
  return (
    <>
      <div className="row">
        <Button kind="secondary" onClick={() => void download('assessments.sheetFile', { ...input, format: 'pdf' })}>
          Печать ведомости (PDF)
        </Button>
        <Button
          kind="secondary"
          onClick={() => void download('assessments.sheetFile', { ...input, format: 'pdf', blank: true })}
        >
          Пустой бланк (PDF)
        </Button>
        <Button kind="secondary" onClick={() => void download('assessments.sheetFile', { ...input, format: 'xlsx' })}>
          Скачать в Excel
        </Button>
      </div>
      <ErrorBanner error={error ?? problem} />
      {saved && !problem && <Notice kind="ok">Ведомость сохранена.</Notice>}
      <p className="muted">
        {sheet.head.groupName}, {sheet.head.course} курс · {sheet.head.subjectName} · {sheet.head.periodTitle}{' '}
        {sheet.head.yearTitle}. Отметки — итоговые отметки журнала ({ASSESSMENT_FORMS[sheet.kind]}), их ставит{' '}
        {sheet.head.teacherName}.
      </p>
      <div className="settings-grid">
        <label className="field">
          <span>Дата</span>
          <DateInput aria-label="Дата" value={heldOn} onChange={setHeldOn} disabled={!sheet.canEdit} />
        </label>
        <Field
          label="Экзаменаторы"
          value={examiners}
          onChange={(e) => setExaminers(e.target.value)}
          disabled={!sheet.canEdit}
        />
      </div>
      <table className="table" aria-label="Ведомость">
        <thead>
          <tr>
            <th className="num">№</th>
            <th>Обучающийся</th>
            <th>Отметка</th>
            <th>Неявка</th>
            <th>Пересдачи</th>
          </tr>
        </thead>
        <tbody>
          {sheet.rows.map((r, i) => (
            <tr key={r.studentId}>
              <td className="num">{i + 1}</td>
              <td>{r.name}</td>
              <td>{r.value ? r.text : <span className="muted">—</span>}</td>
              <td>
                <select
                  aria-label={`Неявка: ${r.name}`}
                  value={statuses[r.studentId] ?? ''}
                  disabled={!sheet.canEdit || r.value !== null}
                  onChange={(e) =>
                    setStatuses({ ...statuses, [r.studentId]: (e.target.value || null) as AssessmentStatus | null })
                  }
                >
                  <option value="">—</option>
                  {ASSESSMENT_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {ASSESSMENT_STATUS_LABELS[s]}
                    </option>
                  ))}
                </select>
              </td>
              <td className="small">{r.resits.map(resitLine).join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="stats">
        <Stat label="в списке" value={c.listed} />
        {sheet.kind === 'exam' ? (
          <>
            <Stat label="«5»" value={c['5']} />
            <Stat label="«4»" value={c['4']} />
            <Stat label="«3»" value={c['3']} />
          </>
        ) : (
          <Stat label="зачтено" value={c.passed} tone="good" />
        )}
        <Stat label={sheet.kind === 'exam' ? '«2»' : 'не зачтено'} value={c['2']} tone={c['2'] ? 'bad' : undefined} />
        <Stat label="не явились" value={c.absent} tone={c.absent ? 'bad' : undefined} />
        <Stat label="не допущены" value={c.notAdmitted} tone={c.notAdmitted ? 'bad' : undefined} />
      </div>
      {sheet.canEdit && (
        <div className="row">
          <Button onClick={() => void save()}>Сохранить ведомость</Button>
        </div>
      )}
    </>
  );
}
